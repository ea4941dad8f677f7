import { type ClickHouseClient, createClient } from '@clickhouse/client';

export interface ClickHouseConfig {
  /** HTTP endpoint: the embedded gateway or a ClickHouse server, e.g. `http://127.0.0.1:8123`. */
  url: string;
  username: string;
  password: string;
  /** Database for unqualified table names; Monet's own queries qualify them, so this is rarely needed. */
  database?: string;
  /** How long one request may take, in milliseconds (the client default, 30 s, when unset). */
  requestTimeoutMs?: number;
}

/** The one place ClickHouse clients are built, so every service connects with the same settings. */
export function createClickHouseClient(config: ClickHouseConfig): ClickHouseClient {
  return createClient({
    url: config.url,
    username: config.username,
    password: config.password,
    database: config.database,
    request_timeout: config.requestTimeoutMs,
    application: 'monet',
  });
}
