#!/bin/bash
# Runs once, when the ClickHouse container starts on an empty volume: the read-only user for BI tools, which sees
# the marts only. The password must not contain a single quote.
set -euo pipefail
clickhouse client --user "$CLICKHOUSE_USER" --password "$CLICKHOUSE_PASSWORD" --multiquery <<SQL
CREATE USER IF NOT EXISTS \`${CLICKHOUSE_READONLY_USER}\` IDENTIFIED WITH sha256_password BY '${CLICKHOUSE_READONLY_PASSWORD}'
  SETTINGS readonly = 1;
GRANT SELECT ON marts.* TO \`${CLICKHOUSE_READONLY_USER}\`;
SQL
