import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ClickHouseClient } from '@clickhouse/client';
import { cdcVars, readEnv } from '@loyaltystudio/config';
import {
  freePort,
  type GatewayHandle,
  type ManagedProcess,
  type PostgresHandle,
  spawnManaged,
  startGateway,
  startPostgres,
  waitFor,
} from '@loyaltystudio/engines';
import { tempDir } from '@loyaltystudio/engines/testing';
import { migrate } from '@loyaltystudio/prisma';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClickHouseClient } from '../../src/clickhouse/client.ts';
import { migrateClickHouse } from '../../src/clickhouse/migrate.ts';
import { textClient } from '../src/source.ts';
import { clickhouseRows, digest, firstDifference, postgresRows, type TableShape, tableShape } from './compare.ts';

// The change stream under crashes: a writer process commits 100,000 row changes while the consumer process is killed
// with SIGKILL at 10 random moments (and started again each time) and ClickHouse restarts once; afterwards every
// captured table, collapsed, equals Postgres row for row. Then Postgres itself restarts under the stream.
// CDC_CRASH_SEED repeats a run (the seed is in every failure message).

const MAIN = fileURLToPath(new URL('../src/main.ts', import.meta.url));
const WRITER = fileURLToPath(new URL('./crash-writer.ts', import.meta.url));
const TABLES = readEnv(cdcVars, {}).CDC_TABLES;
const CHANGES = 100_000;
const KILLS = 10;
const SEED = Number(process.env.CDC_CRASH_SEED ?? Math.floor(Math.random() * 2 ** 31));
const TENANT = '0f9a3c1e-2222-4a5b-9c8d-000000000001';
const PROGRAM = '0f9a3c1e-2222-4a5b-9c8d-000000000002';

/** mulberry32, as in the writer. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe(`change data capture under crashes (CDC_CRASH_SEED=${SEED})`, () => {
  const dir = tempDir('cdc-crash');
  const pgDir = join(dir.path, 'postgres');
  const chDir = join(dir.path, 'clickhouse');
  let pgPort: number;
  let chPort: number;
  let postgres: PostgresHandle;
  let gateway: GatewayHandle;
  let db: pg.Client;
  let clickhouse: ClickHouseClient;
  let metricsPort: number;
  const shapes = new Map<string, TableShape>();
  /** Every line of every consumer process, in order. */
  const lines: string[] = [];
  let cdc: ManagedProcess | undefined;

  /** Starts the consumer process; resolves at once, with a promise of its streaming. */
  function startCdc(): { process: ManagedProcess; streaming: Promise<void> } {
    let streamingNow = false;
    const proc = spawnManaged('cdc', process.execPath, ['--import', 'tsx', MAIN], {
      env: {
        ...process.env,
        DATABASE_URL: postgres.url,
        CLICKHOUSE_URL: gateway.url,
        CDC_BATCH_ROWS: '2000',
        CDC_MAX_BATCH_DELAY_MS: '100',
        CDC_METRICS_PORT: String(metricsPort),
      },
      onLine: (line) => {
        lines.push(line);
        if (line.includes('"msg":"streaming slot')) streamingNow = true;
      },
    });
    cdc = proc;
    const streaming = waitFor('cdc streaming', async () => streamingNow, { timeoutMs: 60_000, process: proc }).then(
      () => {},
    );
    streaming.catch(() => {});
    return { process: proc, streaming };
  }

  /** Waits until every captured table, collapsed, holds exactly Postgres's rows; fails with the first difference. */
  async function expectEveryTableEqual(timeoutMs: number): Promise<Record<string, number>> {
    const deadline = Date.now() + timeoutMs;
    const counts: Record<string, number> = {};
    for (const table of TABLES) {
      const shape = shapes.get(table)!;
      for (;;) {
        const [expected, actual] = [await postgresRows(db, shape), await clickhouseRows(clickhouse, shape)];
        const [want, have] = [digest(expected), digest(actual)];
        if (want.sha256 === have.sha256) {
          counts[table] = want.rows;
          break;
        }
        if (Date.now() > deadline) {
          expect(
            { table, ...have, difference: firstDifference(expected, actual) },
            `raw.${table} differs from Postgres (CDC_CRASH_SEED=${SEED})`,
          ).toEqual({ table, ...want, difference: undefined });
        }
        await sleep(250);
      }
    }
    return counts;
  }

  beforeAll(async () => {
    [pgPort, chPort, metricsPort] = [await freePort(), await freePort(), await freePort()];
    [postgres, gateway] = await Promise.all([
      startPostgres({ dataDir: pgDir, port: pgPort, ephemeral: true }),
      startGateway({ dataDir: chDir, port: chPort }),
    ]);
    await migrate(postgres.url);
    clickhouse = createClickHouseClient({ url: gateway.url, username: 'monet', password: 'monet' });
    await migrateClickHouse(clickhouse);
    db = textClient(postgres.url);
    await db.connect();
    for (const table of TABLES) shapes.set(table, await tableShape(db, clickhouse, table));

    // Rows from before the first start, which only the snapshot carries: 2,000 members (500 with a balance), and
    // 3,000 events and ledger entries.
    await db.query(
      `INSERT INTO tenants (id, slug, name, time_zone, currency, updated_at)
       VALUES ($1, 'crash', 'Crash Test Café', 'Europe/Paris', 'EUR', now())`,
      [TENANT],
    );
    await db.query(
      `INSERT INTO programs (id, tenant_id, name, points_name, earning_currency, updated_at)
       VALUES ($1, $2, 'Beans', 'beans', 'EUR', now())`,
      [PROGRAM, TENANT],
    );
    await db.query(
      `INSERT INTO members (tenant_id, external_id, email, tags, updated_at)
       SELECT $1, 'm-' || s, 'm-' || s || '@example.com', ARRAY['seed'], now() FROM generate_series(1, 2000) AS s`,
      [TENANT],
    );
    await db.query(
      `INSERT INTO balances (tenant_id, member_id, program_id, available, updated_at)
       SELECT $1, id, $2, 100, now() FROM members ORDER BY id LIMIT 500`,
      [TENANT, PROGRAM],
    );
    await db.query(
      `INSERT INTO events (tenant_id, program_id, member_id, external_id, type, occurred_at, amount_minor, currency)
       SELECT $1, $2, id, 'seed-' || external_id, 'purchase', now(), 1000, 'EUR' FROM members`,
      [TENANT, PROGRAM],
    );
    await db.query(
      `INSERT INTO ledger_entries (tenant_id, member_id, program_id, seq, kind, points, rule_version_ids)
       SELECT $1::uuid, member_id, $2::uuid, 1, 'accrual'::"LedgerKind", 10, '{}'::uuid[] FROM events
       UNION ALL
       (SELECT $1::uuid, id, $2::uuid, 2, 'bonus'::"LedgerKind", 5, '{}'::uuid[] FROM members ORDER BY id LIMIT 1000)`,
      [TENANT, PROGRAM],
    );
  });

  afterAll(async () => {
    await cdc?.stop();
    await db?.end();
    await clickhouse?.close();
    await gateway?.stop();
    await postgres?.stop();
    dir.remove();
  });

  it(`loses and doubles nothing over ${CHANGES} changes, ${KILLS} SIGKILLs of the consumer and a ClickHouse restart`, async () => {
    const next = random(SEED);
    const started = performance.now();
    let written = 0;
    let writerDone = false;
    const writer = spawnManaged('writer', process.execPath, ['--import', 'tsx', WRITER], {
      env: {
        ...process.env,
        DATABASE_URL: postgres.url,
        WRITER_TENANT: TENANT,
        WRITER_PROGRAM: PROGRAM,
        WRITER_CHANGES: String(CHANGES),
        WRITER_RATE: '3500',
        WRITER_SEED: String(SEED),
      },
      onLine: (line) => {
        const [word, count] = line.split(' ');
        if (word === 'progress' || word === 'done') written = Number(count);
        if (word === 'done') writerDone = true;
      },
    });
    try {
      let current = startCdc();
      const kills: { afterMs: number; written: number; streaming: boolean }[] = [];
      const gatewayRestartAfter = 3 + Math.floor(next() * 5);
      for (let kill = 0; kill < KILLS; kill += 1) {
        // The first kill lands in or just after the first start's copy of existing rows; the others while streaming,
        // at a random moment.
        let streaming = false;
        if (kill === 0) {
          await waitFor('the first copy', async () => lines.some((line) => line.includes('; copying existing rows')));
          await sleep(next() * 400);
        } else {
          await current.streaming;
          streaming = true;
          await sleep(100 + next() * 2_500);
        }
        current.process.child.kill('SIGKILL');
        expect(await current.process.exited).toEqual({ code: null, signal: 'SIGKILL' });
        kills.push({ afterMs: Math.round(performance.now() - started), written, streaming });

        if (kill === gatewayRestartAfter) {
          // ClickHouse goes away under a running consumer, for a random while, and comes back on the same data.
          current = startCdc();
          await current.streaming;
          await sleep(next() * 1_000);
          const mark = lines.length;
          await gateway.stop();
          // A change while ClickHouse is away, so a write fails even when the consumer had caught up with the writer.
          await db.query(
            'UPDATE members SET updated_at = now() WHERE id = (SELECT id FROM members WHERE tenant_id = $1 ORDER BY id LIMIT 1)',
            [TENANT],
          );
          await sleep(200 + next() * 1_000);
          gateway = await startGateway({ dataDir: chDir, port: chPort });
          await waitFor('a failed write and a retry', async () =>
            lines.slice(mark).some((line) => /restarting from the last|cannot start/.test(line)),
          );
          continue;
        }
        current = startCdc();
      }
      expect(await writer.exited, `writer (CDC_CRASH_SEED=${SEED})`).toEqual({ code: 0, signal: null });
      expect(writerDone).toBe(true);
      expect(written).toBeGreaterThanOrEqual(CHANGES);
      await current.streaming;

      const counts = await expectEveryTableEqual(60_000);
      const seconds = (performance.now() - started) / 1000;
      // One snapshot, or a second one only when a kill stopped the first copy half-way.
      const created = lines.filter((line) => line.includes('; copying existing rows')).length;
      const interrupted = lines.filter((line) => line.includes('has no completed snapshot')).length;
      console.log(
        `cdc crash test (CDC_CRASH_SEED=${SEED}): ${written} changes, kills at ${JSON.stringify(kills)}, ` +
          `${created} snapshot(s), in sync after ${seconds.toFixed(1)} s; rows ${JSON.stringify(counts)}`,
      );
      expect(kills).toHaveLength(KILLS);
      expect(counts.members).toBeGreaterThan(2_000);
      expect(counts.ledger_entries).toBeGreaterThan(30_000);
      expect(created).toBe(1 + interrupted);
      expect(interrupted).toBeLessThanOrEqual(1);
    } finally {
      await writer.stop();
    }
  }, 150_000);

  it('rides out a Postgres restart: the stream resumes from its slot and loses nothing', async () => {
    if (!cdc || cdc.child.exitCode !== null || cdc.child.signalCode !== null) startCdc();
    await waitFor('cdc healthy', async () => (await fetch(`http://127.0.0.1:${metricsPort}/healthz`)).ok, {
      timeoutMs: 30_000,
    });
    await db.query(
      `UPDATE members SET tags = ARRAY['before restart'], updated_at = now() WHERE external_id LIKE 'm-1%'`,
    );
    await db.end();
    const mark = lines.length;
    await postgres.stop();
    await waitFor('the consumer to notice', async () =>
      lines.slice(mark).some((line) => /restarting from the last|cannot start/.test(line)),
    );
    postgres = await startPostgres({ dataDir: pgDir, port: pgPort, ephemeral: true });
    db = textClient(postgres.url);
    await db.connect();
    await db.query(
      `UPDATE members SET tags = ARRAY['after restart'], updated_at = now() WHERE external_id LIKE 'm-2%'`,
    );
    await db.query(`DELETE FROM ledger_entries WHERE seq = 2`);
    await expectEveryTableEqual(60_000);
    const exposition = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
    expect(Number(/^monet_cdc_restarts_total (\S+)$/m.exec(exposition)?.[1])).toBeGreaterThanOrEqual(1);
  }, 120_000);
});
