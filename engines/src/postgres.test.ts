import { existsSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PostgresHandle } from './postgres.ts';
import { POSTGRES_TEMPLATE_ENV, startTestPostgres } from './testing.ts';

describe('embedded postgres', () => {
  let handle: PostgresHandle;
  beforeAll(async () => {
    handle = await startTestPostgres();
  });
  afterAll(async () => {
    await handle?.stop();
  });

  it('runs PostgreSQL 18 with logical decoding enabled', async () => {
    const client = new pg.Client({ connectionString: handle.url });
    await client.connect();
    const { rows } = await client.query(
      "SELECT current_setting('server_version_num')::int AS version, current_setting('wal_level') AS wal_level",
    );
    await client.end();
    expect(rows[0].version).toBeGreaterThanOrEqual(180000);
    expect(rows[0].wal_level).toBe('logical');
  });

  it("starts from a copy of the run's template cluster rather than running initdb", () => {
    const template = process.env[POSTGRES_TEMPLATE_ENV] ?? '';
    expect(existsSync(join(template, 'PG_VERSION'))).toBe(true);
    expect(handle.created).toBe(false);
  });
});
