import type { ClickHouseClient } from '@clickhouse/client';
import type { GatewayHandle, PostgresHandle } from '@loyaltystudio/engines';
import { startTestGateway, startTestPostgres } from '@loyaltystudio/engines/testing';
import { migrate } from '@loyaltystudio/prisma';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClickHouseClient } from '../../src/clickhouse/client.ts';
import { migrateClickHouse } from '../../src/clickhouse/migrate.ts';
import { CdcConsumer } from '../src/consumer.ts';

const TENANT = '0f9a3c1e-2222-4a5b-9c8d-000000000001';

/**
 * The documented way a new Postgres column reaches the warehouse (README, "Adding a column"): while only Postgres has
 * it, the stream goes on without it; once the numbered DDL adds it to the raw table, new changes carry it, and rows
 * written before keep the column's default.
 */
describe('a column added in Postgres', () => {
  let postgres: PostgresHandle;
  let gateway: GatewayHandle;
  let db: pg.Client;
  let clickhouse: ClickHouseClient;
  let consumer: CdcConsumer;

  const member = (n: number, note?: string) =>
    db.query(
      `INSERT INTO members (id, tenant_id, external_id, updated_at${note === undefined ? '' : ', loyalty_note'})
       VALUES ($1, $2, $3, now()${note === undefined ? '' : ', $4'})`,
      [`00000000-0000-4000-8000-00000000000${n}`, TENANT, `cust-${n}`, ...(note === undefined ? [] : [note])],
    );

  async function rows(query: string): Promise<Record<string, unknown>[]> {
    return (await clickhouse.query({ query, format: 'JSONEachRow' })).json();
  }

  async function eventually(query: string, expected: unknown[]): Promise<void> {
    const deadline = Date.now() + 10_000;
    while (JSON.stringify(await rows(query)) !== JSON.stringify(expected) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(await rows(query)).toEqual(expected);
  }

  beforeAll(async () => {
    [postgres, gateway] = await Promise.all([startTestPostgres(), startTestGateway()]);
    await migrate(postgres.url);
    clickhouse = createClickHouseClient({ url: gateway.url, username: 'monet', password: 'monet' });
    await migrateClickHouse(clickhouse);
    db = new pg.Client({ connectionString: postgres.url });
    await db.connect();
    await db.query(
      `INSERT INTO tenants (id, slug, name, time_zone, currency, updated_at)
       VALUES ($1, 'acme', 'Acme', 'UTC', 'EUR', now())`,
      [TENANT],
    );
    consumer = new CdcConsumer({
      databaseUrl: postgres.url,
      clickhouse,
      tables: ['tenants', 'members'],
      publication: 'monet_cdc',
      slot: 'monet_cdc',
      batchRows: 100,
      maxBatchDelayMs: 50,
    });
    await consumer.start();
  });

  afterAll(async () => {
    await consumer?.stop();
    await db?.end();
    await clickhouse?.close();
    await gateway?.stop();
    await postgres?.stop();
  });

  it('streams on without it until the raw table has it, then carries it', async () => {
    await member(1);
    await db.query('ALTER TABLE members ADD COLUMN loyalty_note text');
    // Only Postgres has the column: the change still arrives, without it.
    await member(2, 'joined at the fair');
    const ids = 'SELECT external_id FROM raw.members FINAL WHERE _deleted = 0 ORDER BY external_id';
    await eventually(ids, [{ external_id: 'cust-1' }, { external_id: 'cust-2' }]);

    // The numbered DDL file's statement.
    await clickhouse.command({
      query: 'ALTER TABLE raw.members ADD COLUMN IF NOT EXISTS loyalty_note Nullable(String)',
    });
    await member(3, 'referred by cust-1');
    await db.query("UPDATE members SET loyalty_note = 'upgraded', updated_at = now() WHERE external_id = 'cust-1'");
    await eventually(
      'SELECT external_id, loyalty_note FROM raw.members FINAL WHERE _deleted = 0 ORDER BY external_id',
      [
        { external_id: 'cust-1', loyalty_note: 'upgraded' },
        // Written before the raw table had the column: the default until its row changes again.
        { external_id: 'cust-2', loyalty_note: null },
        { external_id: 'cust-3', loyalty_note: 'referred by cust-1' },
      ],
    );
  });
});
