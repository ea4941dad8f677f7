import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ClickHouseClient } from '@clickhouse/client';
import type { PostgresHandle } from '@loyaltystudio/engines';
import { freePort, type GatewayHandle, spawnManaged, startGateway, waitFor } from '@loyaltystudio/engines';
import { startTestGateway, startTestPostgres, tempDir } from '@loyaltystudio/engines/testing';
import { migrate } from '@loyaltystudio/prisma';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClickHouseClient } from '../../src/clickhouse/client.ts';
import { migrateClickHouse } from '../../src/clickhouse/migrate.ts';
import { CdcConsumer } from '../src/consumer.ts';
import { createCdcMetrics } from '../src/metrics.ts';

const MAIN = fileURLToPath(new URL('../src/main.ts', import.meta.url));
const TENANT = '0f9a3c1e-1111-4a5b-9c8d-000000000001';
const TABLES = ['tenants', 'members', 'events', 'ledger_entries'];

/** Each table's rows as canonical text, the same projection on both sides; ClickHouse's read collapsed. */
const PROJECTIONS: Record<string, { postgres: string; clickhouse: string }> = {
  members: {
    postgres: `SELECT id::text, tenant_id::text, external_id, email, birth_date::text, attributes::text, coalesce(tags, '{}') AS tags,
      status::text, to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.MS') AS updated_at FROM members ORDER BY id`,
    clickhouse: `SELECT toString(id) AS id, toString(tenant_id) AS tenant_id, external_id, email,
      toString(birth_date) AS birth_date, attributes, tags, status, toString(updated_at) AS updated_at
      FROM raw.members FINAL WHERE _deleted = 0 ORDER BY id`,
  },
  events: {
    postgres: `SELECT id::text, type::text, amount_minor, line_items::text, refund_of_event_id::text,
      to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.MS') AS occurred_at FROM events ORDER BY id`,
    clickhouse: `SELECT toString(id) AS id, type, amount_minor, line_items, toString(refund_of_event_id) AS refund_of_event_id,
      toString(occurred_at) AS occurred_at FROM raw.events FINAL WHERE _deleted = 0 ORDER BY id`,
  },
  ledger_entries: {
    postgres: `SELECT id::text, member_id::text, seq, kind::text, points, rule_version_ids::text[] AS rule_version_ids,
      reason FROM ledger_entries ORDER BY id`,
    clickhouse: `SELECT toString(id) AS id, toString(member_id) AS member_id, seq, kind, points, rule_version_ids, reason
      FROM raw.ledger_entries FINAL WHERE _deleted = 0 ORDER BY id`,
  },
};

describe('change data capture from Postgres into ClickHouse', () => {
  let postgres: PostgresHandle;
  let gateway: GatewayHandle;
  let db: pg.Client;
  let clickhouse: ClickHouseClient;
  let consumer: CdcConsumer | undefined;
  const log: string[] = [];

  const newConsumer = () =>
    new CdcConsumer({
      databaseUrl: postgres.url,
      clickhouse,
      tables: TABLES,
      publication: 'monet_cdc',
      slot: 'monet_cdc',
      batchRows: 500,
      maxBatchDelayMs: 250,
      log: (message) => log.push(message),
    });

  async function clickhouseRows(query: string, client = clickhouse): Promise<Record<string, unknown>[]> {
    return (await client.query({ query, format: 'JSONEachRow' })).json();
  }

  /** Waits until every projected table reads the same in ClickHouse (collapsed) as in Postgres. */
  async function expectInSync(timeoutMs = 10_000, client = clickhouse): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const pairs: [unknown[], unknown[]][] = [];
      for (const { postgres: pgQuery, clickhouse: chQuery } of Object.values(PROJECTIONS)) {
        pairs.push([(await db.query(pgQuery)).rows, await clickhouseRows(chQuery, client)]);
      }
      const mismatch = pairs.find(([expected, actual]) => JSON.stringify(expected) !== JSON.stringify(actual));
      if (!mismatch) return;
      if (Date.now() > deadline) expect(mismatch[1]).toEqual(mismatch[0]);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  async function insertLedger(count: number, firstSeq: number, memberId: string): Promise<void> {
    await db.query(
      `INSERT INTO ledger_entries (tenant_id, member_id, program_id, seq, kind, points, rule_version_ids)
       SELECT $1, $2, gen_random_uuid(), s, 'accrual', s * 10, ARRAY[gen_random_uuid(), gen_random_uuid()]
         FROM generate_series($3::int, $4::int) AS s`,
      [TENANT, memberId, firstSeq, firstSeq + count - 1],
    );
  }

  beforeAll(async () => {
    [postgres, gateway] = await Promise.all([startTestPostgres(), startTestGateway()]);
    await migrate(postgres.url);
    clickhouse = createClickHouseClient({ url: gateway.url, username: 'monet', password: 'monet' });
    await migrateClickHouse(clickhouse);
    db = new pg.Client({ connectionString: postgres.url });
    await db.connect();

    // Rows that exist before the change stream's first start: only the snapshot can carry them.
    await db.query(
      `INSERT INTO tenants (id, slug, name, time_zone, currency, updated_at)
       VALUES ($1, 'acme', 'Acme', 'Europe/Paris', 'EUR', now())`,
      [TENANT],
    );
    await db.query(
      `INSERT INTO members (id, tenant_id, external_id, email, birth_date, attributes, tags, updated_at) VALUES
        ('00000000-0000-4000-8000-000000000001', $1, 'cust-1', 'ada@example.com', '1990-02-28',
         '{"city": "Lyon", "note": "a;b \\"quoted\\""}', ARRAY['vip', 'big spender'], '2026-01-02 03:04:05.678Z'),
        ('00000000-0000-4000-8000-000000000002', $1, 'cust-2', NULL, NULL, '{}', NULL, now()),
        ('00000000-0000-4000-8000-000000000003', $1, 'cust-3', 'grace@example.com', NULL, '{}', '{}', now())`,
      [TENANT],
    );
    await db.query(
      `INSERT INTO events (tenant_id, program_id, member_id, external_id, type, occurred_at, amount_minor, line_items)
       VALUES ($1, gen_random_uuid(), '00000000-0000-4000-8000-000000000001', 'order-1', 'purchase',
               '2026-03-04 05:06:07.089Z', 4599, '[{"sku": "tea", "qty": 2}]')`,
      [TENANT],
    );
    await insertLedger(3, 1, '00000000-0000-4000-8000-000000000001');
  });

  afterAll(async () => {
    await consumer?.abort();
    await db?.end();
    await clickhouse?.close();
    await gateway?.stop();
    await postgres?.stop();
  });

  it('copies the rows that existed before the first start, at version 0, and creates the slot', async () => {
    consumer = newConsumer();
    await consumer.start();
    await expectInSync();
    expect(await clickhouseRows('SELECT _version, count() AS rows FROM raw.members GROUP BY _version')).toEqual([
      { _version: 0, rows: 3 },
    ]);
    expect(await clickhouseRows('SELECT toString(id) AS id, slug, time_zone, currency FROM raw.tenants FINAL')).toEqual(
      [{ id: TENANT, slug: 'acme', time_zone: 'Europe/Paris', currency: 'EUR' }],
    );
    expect(log).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^created slot monet_cdc at [0-9A-F]+\/[0-9A-F]+; copying existing rows$/),
        expect.stringMatching(/^snapshot of members: 3 rows in \d+ ms$/),
        expect.stringMatching(/^snapshot of ledger_entries: 3 rows in \d+ ms$/),
      ]),
    );
    const { rows } = await db.query("SELECT slot_type, plugin FROM pg_replication_slots WHERE slot_name = 'monet_cdc'");
    expect(rows).toEqual([{ slot_type: 'logical', plugin: 'pgoutput' }]);
  });

  it('streams inserts, updates and deletes, which collapse to the rows Postgres holds', async () => {
    const started = performance.now();
    await db.query(
      `INSERT INTO members (id, tenant_id, external_id, email, tags, updated_at)
       VALUES ('00000000-0000-4000-8000-000000000004', $1, 'cust-4', 'linus@example.com', ARRAY['new'], now())`,
      [TENANT],
    );
    await db.query(
      `UPDATE members SET attributes = '{"city": "Nantes"}', tags = ARRAY['vip'], updated_at = now()
        WHERE external_id = 'cust-1'`,
    );
    await db.query(
      "UPDATE members SET status = 'erased', email = NULL, updated_at = now() WHERE external_id = 'cust-2'",
    );
    await db.query("DELETE FROM members WHERE external_id = 'cust-3'");
    await db.query(
      `INSERT INTO events (tenant_id, program_id, member_id, external_id, type, occurred_at, amount_minor, refund_of_event_id)
       SELECT $1, program_id, member_id, 'refund-1', 'refund', now(), -4599, id FROM events WHERE external_id = 'order-1'`,
      [TENANT],
    );
    await insertLedger(2, 4, '00000000-0000-4000-8000-000000000001');
    await expectInSync();
    expect(performance.now() - started).toBeLessThan(5_000);

    // The deletion is a row of its own: the old row, flagged, under the same sort key, newer than the snapshot's copy.
    const deleted = await clickhouseRows(
      `SELECT toString(tenant_id) AS tenant_id, external_id, _deleted, _version > 0 AS streamed
         FROM raw.members FINAL WHERE external_id = 'cust-3'`,
    );
    expect(deleted).toEqual([{ tenant_id: TENANT, external_id: 'cust-3', _deleted: 1, streamed: 1 }]);
    expect(consumer!.stats.confirmedLsn).not.toBe('0/0');
  });

  it('writes a large transaction in several batches while it streams', async () => {
    const before = consumer!.stats;
    await insertLedger(1_200, 1, '00000000-0000-4000-8000-000000000003');
    await expectInSync();
    const after = consumer!.stats;
    expect(after.rowsWritten - before.rowsWritten).toBe(1_200);
    // 500 + 500 when the batch fills (a batch after one that filled while its predecessor was still being written may
    // grow to 1,000), then the last 200 when they have waited 250 ms.
    expect(after.batchesWritten - before.batchesWritten).toBeGreaterThanOrEqual(3);
  });

  it('resumes after a crash mid-stream without losing or duplicating a change, and without a second snapshot', async () => {
    const memberId = '00000000-0000-4000-8000-000000000004';
    let seq = 1;
    // 40 transactions of 50 entries while the consumer dies after the 15th and a new one starts after the 25th.
    for (let tx = 1; tx <= 40; tx += 1) {
      await insertLedger(50, seq, memberId);
      seq += 50;
      if (tx === 15) await consumer!.abort();
      if (tx === 25) {
        log.length = 0;
        consumer = newConsumer();
        await consumer.start();
      }
    }
    await db.query(`UPDATE ledger_entries SET reason = 'audit' WHERE member_id = $1 AND seq <= 100`, [memberId]);
    await expectInSync(20_000);

    const [{ count }] = (await db.query<{ count: string }>('SELECT count(*) FROM ledger_entries')).rows as [
      { count: string },
    ];
    expect(
      await clickhouseRows(
        "SELECT count() AS rows, uniqExact(id) AS ids, countIf(reason = 'audit') AS audited FROM raw.ledger_entries FINAL WHERE _deleted = 0",
      ),
    ).toEqual([{ rows: Number(count), ids: Number(count), audited: 100 }]);
    expect(log.some((message) => message.startsWith('created slot'))).toBe(false);
  });

  it('writes what it holds and confirms it on a graceful stop', async () => {
    const before = (await db.query<{ lsn: string }>('SELECT pg_current_wal_insert_lsn()::text AS lsn')).rows[0]!.lsn;
    await db.query("UPDATE members SET email = 'ada@lyon.example' WHERE external_id = 'cust-1'");
    await expectInSync();
    await consumer!.stop();
    const { rows } = await db.query<{ confirmed: boolean }>(
      `SELECT confirmed_flush_lsn > $1::pg_lsn AS confirmed FROM pg_replication_slots WHERE slot_name = 'monet_cdc'`,
      [before],
    );
    // The update committed after \`before\`: the slot now resumes past it.
    expect(rows).toEqual([{ confirmed: true }]);
    consumer = undefined;
  });

  it('measures lag from the commit of the newest transaction in each batch, also for batches written before its commit message', async () => {
    const { registry, metrics } = createCdcMetrics();
    consumer = new CdcConsumer({
      databaseUrl: postgres.url,
      clickhouse,
      tables: TABLES,
      publication: 'monet_cdc',
      slot: 'monet_cdc',
      batchRows: 500,
      maxBatchDelayMs: 250,
      metrics,
    });
    await consumer.start();
    await insertLedger(10, 1, '00000000-0000-4000-8000-000000000001');
    await expectInSync();
    // Idle for 3 s, then one transaction of 1,200 rows: its first two batches are written before its commit message
    // arrives, and must not be measured from the commit before it (3 s old).
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const before = (await registry.getSingleMetric('monet_cdc_lag_seconds')!.get()).values;
    await insertLedger(1_200, 1, '00000000-0000-4000-8000-000000000001');
    await expectInSync();
    await consumer.stop();
    consumer = undefined;
    const after = (await registry.getSingleMetric('monet_cdc_lag_seconds')!.get()).values;
    const bucket = (values: typeof after, le: number | string) =>
      values.find(
        (v) => v.labels.le === le && (v as { metricName?: string }).metricName === 'monet_cdc_lag_seconds_bucket',
      )!.value;
    const observed = bucket(after, '+Inf') - bucket(before, '+Inf');
    expect(observed).toBeGreaterThanOrEqual(3);
    // Every observation of the large transaction is well under the 3 s of idleness before it.
    expect(bucket(after, 2.5) - bucket(before, 2.5)).toBe(observed);
  });

  it('runs as a process that resumes the slot and writes and confirms its buffer on SIGTERM', async () => {
    const lines: string[] = [];
    const cdc = spawnManaged('cdc', process.execPath, ['--import', 'tsx', MAIN], {
      env: {
        ...process.env,
        DATABASE_URL: postgres.url,
        CLICKHOUSE_URL: gateway.url,
        CDC_MAX_BATCH_DELAY_MS: '10000',
        CDC_METRICS_PORT: String(await freePort()),
      },
      onLine: (line) => lines.push(line),
    });
    try {
      await waitFor('cdc', async () => lines.some((line) => line.includes('"msg":"streaming slot monet_cdc')), {
        timeoutMs: 20_000,
        process: cdc,
      });
      await insertLedger(5, 1, '00000000-0000-4000-8000-000000000002');
      // Held for 10 s once received: only the graceful stop can write it in time. Wait until Postgres has sent it.
      const { lsn } = (await db.query<{ lsn: string }>('SELECT pg_current_wal_insert_lsn()::text AS lsn')).rows[0]!;
      await waitFor('the insert to be sent', async () => {
        const { rows } = await db.query('SELECT 1 FROM pg_stat_replication WHERE sent_lsn >= $1::pg_lsn', [lsn]);
        return rows.length === 1;
      });
      await new Promise((resolve) => setTimeout(resolve, 200));
      await cdc.stop();
      expect(await cdc.exited).toEqual({ code: 0, signal: null });
      await expectInSync(1_000);
      expect(lines.some((line) => line.includes('"msg":"created slot'))).toBe(false);
    } finally {
      await cdc.stop();
    }
  });

  it('rides out a ClickHouse restart: the process retries from the slot with backoff and loses nothing', async () => {
    const dir = tempDir('cdc-outage');
    const port = await freePort();
    const dataDir = join(dir.path, 'data');
    let warehouse = await startGateway({ dataDir, port });
    const client = createClickHouseClient({ url: warehouse.url, username: 'monet', password: 'monet' });
    const lines: string[] = [];
    const metricsPort = await freePort();
    const cdc = spawnManaged('cdc', process.execPath, ['--import', 'tsx', MAIN], {
      env: {
        ...process.env,
        DATABASE_URL: postgres.url,
        CLICKHOUSE_URL: warehouse.url,
        CDC_SLOT: 'monet_cdc_outage',
        CDC_METRICS_PORT: String(metricsPort),
      },
      onLine: (line) => lines.push(line),
    });
    try {
      await migrateClickHouse(client);
      await waitFor('cdc', async () => lines.some((line) => line.includes('"msg":"streaming slot')), {
        timeoutMs: 20_000,
        process: cdc,
      });
      await expectInSync(10_000, client);

      await warehouse.stop();
      await insertLedger(100, 1, '00000000-0000-4000-8000-000000000004');
      await waitFor('a failed write', async () => lines.some((line) => line.includes('restarting from the last')));
      warehouse = await startGateway({ dataDir, port });
      await expectInSync(20_000, client);

      const metricsUrl = `http://127.0.0.1:${metricsPort}`;
      await waitFor('healthy again', async () => (await fetch(`${metricsUrl}/healthz`)).ok);
      const exposition = await (await fetch(`${metricsUrl}/metrics`)).text();
      const value = (name: string) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(exposition)?.[1]);
      expect(value('monet_cdc_rows_written_total\\{table="ledger_entries"\\}')).toBe(100);
      expect(value('monet_cdc_restarts_total')).toBeGreaterThanOrEqual(1);
      expect(value('monet_cdc_lag_seconds_count')).toBeGreaterThanOrEqual(1);
      expect(value('monet_cdc_confirmed_lsn')).toBeGreaterThan(0);
    } finally {
      await cdc.stop();
      await client.close();
      await warehouse.stop();
      dir.remove();
    }
  });

  it('copies again under a slot whose snapshot never completed (a start that died while copying)', async () => {
    await db.query("SELECT pg_create_logical_replication_slot('monet_cdc_retry', 'pgoutput')");
    log.length = 0;
    consumer = new CdcConsumer({
      databaseUrl: postgres.url,
      clickhouse,
      tables: TABLES,
      publication: 'monet_cdc',
      slot: 'monet_cdc_retry',
      batchRows: 500,
      maxBatchDelayMs: 250,
      log: (message) => log.push(message),
    });
    await consumer.start();
    const counts = new Map<string, number>();
    for (const table of TABLES) {
      counts.set(table, Number((await db.query(`SELECT count(*) AS n FROM ${table}`)).rows[0].n));
    }
    expect(log.slice(0, 2)).toEqual([
      'slot monet_cdc_retry has no completed snapshot (an earlier start stopped while copying): recreating it',
      expect.stringMatching(/^created slot monet_cdc_retry at [0-9A-F]+\/[0-9A-F]+; copying existing rows$/),
    ]);
    expect(log.slice(2, 6).map((line) => line.replace(/ in \d+ ms$/, ''))).toEqual(
      TABLES.map((table) => `snapshot of ${table}: ${counts.get(table)} rows`),
    );
    expect(consumer.stats.rowsWritten).toBe([...counts.values()].reduce((a, b) => a + b, 0));
    await expectInSync();
  });

  it('confirms past writes to uncaptured tables, so a shutting-down Postgres stops at once and the consumer notices', async () => {
    const own = await startTestPostgres();
    let stopped = false;
    try {
      await migrate(own.url);
      const client = new pg.Client({ connectionString: own.url });
      await client.connect();
      const quiet = new CdcConsumer({
        databaseUrl: own.url,
        clickhouse,
        tables: TABLES,
        publication: 'monet_cdc',
        slot: 'monet_cdc',
        batchRows: 500,
        maxBatchDelayMs: 250,
      });
      await quiet.start();
      // Only an uncaptured table changes: the slot must still move past it, or Postgres keeps that WAL.
      await client.query('CREATE TABLE scratch_notes (note text)');
      await client.query("INSERT INTO scratch_notes SELECT 'note ' || s FROM generate_series(1, 1000) AS s");
      const { lsn } = (await client.query<{ lsn: string }>('SELECT pg_current_wal_lsn()::text AS lsn')).rows[0]!;
      await waitFor('the slot to move past the uncaptured writes', async () => {
        const { rows } = await client.query(
          "SELECT 1 FROM pg_replication_slots WHERE slot_name = 'monet_cdc' AND confirmed_flush_lsn >= $1::pg_lsn",
          [lsn],
        );
        return rows.length === 1;
      });
      await client.end();

      // A fast shutdown waits for the walsender to see everything it sent confirmed; then it ends the stream.
      const t0 = performance.now();
      await own.stop();
      stopped = true;
      expect(performance.now() - t0).toBeLessThan(5_000);
      const failure = await Promise.race([
        quiet.failed,
        new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 5_000)),
      ]);
      expect(failure).toBeInstanceOf(Error);
      await quiet.abort().catch(() => {});
    } finally {
      if (!stopped) await own.stop();
    }
  });

  it('drops what an interrupted copy left behind: a row it copied, then deleted, does not come back', async () => {
    await consumer?.abort();
    // As a first copy that died half-way leaves it: a copied row whose deletion came before the copy is repeated.
    await clickhouse.insert({
      table: 'raw.members',
      values: [{ tenant_id: TENANT, id: '00000000-0000-4000-8000-0000000000dd', external_id: 'gone', _version: 0 }],
      format: 'JSONEachRow',
    });
    await db.query("SELECT pg_create_logical_replication_slot('monet_cdc_interrupted', 'pgoutput')");
    consumer = new CdcConsumer({
      databaseUrl: postgres.url,
      clickhouse,
      tables: TABLES,
      publication: 'monet_cdc',
      slot: 'monet_cdc_interrupted',
      batchRows: 500,
      maxBatchDelayMs: 250,
    });
    await consumer.start();
    await expectInSync();
    expect(await clickhouseRows("SELECT count() AS n FROM raw.members WHERE external_id = 'gone'")).toEqual([{ n: 0 }]);
  });
});
