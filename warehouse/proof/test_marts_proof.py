"""Proof of the marts: dbt builds them on the gateway from the fixture's raw rows, and pandas recomputes the same
figures from the same rows (marts_expected.py); every row must agree. Integers and strings exactly; ratios too, except
medians, which may differ in the last bit between ClickHouse's interpolation and pandas'."""

import json
import os
import subprocess
import tempfile
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from marts_expected import Warehouse
from marts_fixture import PATH as FIXTURE_PATH

REPO = Path(__file__).resolve().parents[2]
MIGRATE = """
import { createClickHouseClient } from './warehouse/src/clickhouse/client.ts';
import { migrateClickHouse } from './warehouse/src/clickhouse/migrate.ts';
const client = createClickHouseClient({ url: process.env.CLICKHOUSE_URL, username: 'monet', password: 'monet' });
await migrateClickHouse(client);
await client.close();
"""


def _query(url: str, sql: str, body: bytes | None = None) -> bytes:
    params = urllib.parse.urlencode({
        "query": sql, "output_format_json_quote_64bit_integers": 0, "date_time_output_format": "iso",
    })
    request = urllib.request.Request(f"{url}/?{params}", data=body or b"", method="POST")
    request.add_header("Authorization", "Basic bW9uZXQ6bW9uZXQ=")  # monet:monet, the gateway's local user
    with urllib.request.urlopen(request, timeout=120) as response:
        return response.read()


@pytest.fixture(scope="module")
def fixture():
    return json.loads(FIXTURE_PATH.read_text())


@pytest.fixture(scope="module")
def marts(gateway_url, fixture):
    env = {**os.environ, "CLICKHOUSE_URL": gateway_url}
    subprocess.run(["node", "--import", "tsx", "--input-type=module", "-e", MIGRATE], cwd=REPO, env=env, check=True)
    for table, rows in fixture["tables"].items():
        body = "\n".join(json.dumps(row) for row in rows).encode()
        _query(gateway_url, f"INSERT INTO raw.{table} FORMAT JSONEachRow", body)
    port = urllib.parse.urlparse(gateway_url).port
    with tempfile.TemporaryDirectory(prefix="monet-dbt-") as work:
        dbt_env = {
            **os.environ, "CLICKHOUSE_HOST": "127.0.0.1", "CLICKHOUSE_HTTP_PORT": str(port),
            "DBT_TARGET_PATH": f"{work}/target", "DBT_LOG_PATH": f"{work}/logs", "HOME": work,
        }
        result = subprocess.run(
            [str(REPO / ".venv/bin/dbt"), "build", "--project-dir", "warehouse/dbt", "--profiles-dir", "warehouse/dbt",
             "--vars", json.dumps({"as_of_date": fixture["as_of_date"]})],
            cwd=REPO, env=dbt_env, capture_output=True, text=True,
        )
        assert result.returncode == 0, result.stdout + result.stderr

    def read(mart: str, order: str) -> list[dict]:
        out = _query(gateway_url, f"SELECT * FROM marts.{mart} ORDER BY {order} FORMAT JSONEachRow")
        return [json.loads(line) for line in out.decode().splitlines()]

    return read


def _sorted(rows: list[dict], keys: list[str]) -> list[dict]:
    return sorted(rows, key=lambda row: tuple(str(row[k]) for k in keys))


def _assert_rows_equal(actual: list[dict], expected: list[dict], keys: list[str], approx: tuple[str, ...] = ()):
    assert len(actual) == len(expected)
    for got, want in zip(_sorted(actual, keys), _sorted(expected, keys)):
        for column, value in want.items():
            if column in approx and value is not None:
                assert got[column] == pytest.approx(value, rel=1e-12), (column, got, want)
            else:
                assert got[column] == value, (column, got, want)


def test_cohort_retention_equals_pandas(marts, fixture):
    expected = Warehouse(fixture).cohort_retention()
    keys = ["tenant_id", "cohort_grain", "cohort_start", "period_index"]
    _assert_rows_equal(marts("cohort_retention", ", ".join(keys)), expected, keys)
    assert sum(row["active_members"] for row in expected) > 20, "the fixture exercises retention"


def test_member_rfm_equals_pandas(marts, fixture):
    expected = Warehouse(fixture).member_rfm()
    _assert_rows_equal(marts("member_rfm", "tenant_id, member_id"), expected, ["tenant_id", "member_id"])
    assert len({row["rfm_segment"] for row in expected}) >= 5, "the fixture spreads members over segments"


def test_funnels_equal_pandas(marts, fixture):
    expected = Warehouse(fixture).funnels()
    keys = ["tenant_id", "funnel", "cohort_key", "step_index"]
    _assert_rows_equal(marts("funnels", ", ".join(keys)), expected, keys, approx=("median_seconds_from_previous",))
    campaign_redeemed = [r for r in expected if r["step"] == "redeemed"]
    assert campaign_redeemed and all(r["members"] > 0 for r in campaign_redeemed), "every campaign step is reached"


def test_program_roi_equals_pandas(marts, fixture):
    expected = Warehouse(fixture).program_roi()
    keys = ["tenant_id", "program_id", "month"]
    _assert_rows_equal(marts("program_roi", ", ".join(keys)), expected, keys)
    assert any(row["incremental_revenue_baseline_minor"] != 0 for row in expected)
    assert any(row["incremental_revenue_matched_minor"] != 0 for row in expected)


def test_tier_distribution_equals_pandas(marts, fixture):
    expected = Warehouse(fixture).tier_distribution()
    keys = ["tenant_id", "program_id", "month", "tier_rank"]
    _assert_rows_equal(marts("tier_distribution", ", ".join(keys)), expected, keys)
    # Tiers are lost as well as gained: tier_movements counts each loss as a downgrade to No tier.
    lost = sum(1 for c in fixture["tables"]["tier_changes"] if c["to_tier_id"] is None)
    movements = marts("tier_movements", "tenant_id, program_id, month, from_tier_rank, to_tier_rank")
    losses = [m for m in movements if m["to_tier_name"] == "No tier"]
    assert {m["direction"] for m in losses} == {"downgrade"}
    assert sum(m["changes"] for m in losses) == lost > 0
