import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import type { ClickHouseClient } from '@clickhouse/client';
import {
  freePort,
  type ManagedProcess,
  REPO_ROOT,
  spawnManaged,
  startGateway,
  startPostgres,
  waitFor,
} from '@loyaltystudio/engines';
import { tempDir } from '@loyaltystudio/engines/testing';
import { migrate } from '@loyaltystudio/prisma';
import { createClickHouseClient, migrateClickHouse } from '@loyaltystudio/warehouse';
import pg from 'pg';
import { percentile } from './results.ts';

const run = promisify(execFile);
const PG_RECVLOGICAL = '/usr/lib/postgresql/15/bin/pg_recvlogical';
const RATE = Number(process.env.BENCH_CDC_RATE ?? 5_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const BACKLOG = Number(process.env.BENCH_CDC_BACKLOG ?? 1_000_000);
const MEMBERS = 1_000;
/** Rows per writer transaction; RATE / BATCH transactions a second. */
const BATCH = 50;
const POLL_MS = 25;
/** BENCH_CDC_PROFILE=<dir>: each cdc process writes a CPU profile (node --cpu-prof) there when it stops. */
const PROFILE_DIR = process.env.BENCH_CDC_PROFILE;

export interface CdcFigures {
  cdc_rate_changes_per_s: number;
  cdc_lag_p50_ms: number;
  cdc_lag_p95_ms: number;
  cdc_lag_max_ms: number;
  cdc_backlog_changes: number;
  cdc_catchup_s: number;
  pg_recvlogical_s: number;
  cdc_catchup_vs_pg_recvlogical: number;
  /** CPU the consumer process used from its start to the end of the catch-up, per change (its start included). */
  cdc_catchup_cpu_us_per_change: number;
}

/**
 * The change stream on real engines: lag from commit to visible in raw.events at a sustained RATE changes/s, then
 * the catch-up of a BACKLOG-change backlog written while the consumer was stopped, against pg_recvlogical decoding
 * the same backlog (pgoutput, same publication) from a slot created at the same point.
 */
export async function benchCdc(): Promise<CdcFigures> {
  const dir = tempDir('bench-cdc');
  const pgHandle = await startPostgres({ dataDir: join(dir.path, 'pg'), port: await freePort(), ephemeral: true });
  const gateway = await startGateway({ dataDir: join(dir.path, 'gateway'), port: await freePort() });
  const clickhouse = createClickHouseClient({ url: gateway.url, username: 'monet', password: 'monet' });
  const db = new pg.Client({ connectionString: pgHandle.url });
  let cdc: ManagedProcess | undefined;
  try {
    await migrate(pgHandle.url);
    await migrateClickHouse(clickhouse);
    await db.connect();
    const { tenantId, programId, memberIds } = await seed(db);
    const metricsPort = await freePort();
    const startCdc = () =>
      spawnManaged(
        'cdc',
        process.execPath,
        [
          ...(PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : []),
          '--import',
          'tsx',
          'warehouse/cdc/src/main.ts',
        ],
        {
          cwd: REPO_ROOT,
          env: {
            ...process.env,
            DATABASE_URL: pgHandle.url,
            CLICKHOUSE_URL: gateway.url,
            CDC_METRICS_PORT: String(metricsPort),
            LOG_LEVEL: 'warn',
          },
        },
      );
    cdc = startCdc();
    await waitFor('cdc', async () => (await fetch(`http://127.0.0.1:${metricsPort}/healthz`)).ok, {
      timeoutMs: 60_000,
      process: cdc,
    });

    // ── Lag at a sustained rate ──
    const commits: number[] = [];
    let seq = 0;
    const started = performance.now();
    const total = RATE * SECONDS;
    const writer = (async () => {
      for (let batch = 0; seq < total; batch++) {
        const due = started + (batch * BATCH * 1000) / RATE;
        const wait = due - performance.now();
        if (wait > 0) await sleep(wait);
        const first = seq + 1;
        seq += BATCH;
        await db.query(
          `INSERT INTO events (tenant_id, program_id, member_id, external_id, type, occurred_at, amount_minor, currency)
           SELECT $1, $2, ($3::uuid[])[1 + g % $4], 'lag-' || g, 'purchase', now(), g, 'EUR'
           FROM generate_series($5::int, $6::int) AS g`,
          [tenantId, programId, memberIds, MEMBERS, first, seq],
        );
        const at = performance.now();
        for (let s = first; s <= seq; s++) commits[s] = at;
      }
    })();
    const lags: number[] = [];
    let seen = 0;
    while (seen < total) {
      await sleep(POLL_MS);
      const visible = await maxAmount(clickhouse, tenantId);
      const at = performance.now();
      for (let s = seen + 1; s <= visible; s++) lags.push(at - (commits[s] ?? at));
      seen = Math.max(seen, visible);
      if (performance.now() - started > (SECONDS + 60) * 1000) throw new Error(`cdc fell behind: ${seen}/${total}`);
    }
    await writer;
    const writeSeconds = (performance.now() - started) / 1000;
    lags.sort((x, y) => x - y);

    // ── Catch-up after a backlog ──
    await cdc.stop();
    await run(PG_RECVLOGICAL, ['-d', pgHandle.url, '--slot', 'bench_recv', '--create-slot', '-P', 'pgoutput']);
    for (let from = 1; from <= BACKLOG; from += 100_000) {
      await db.query(
        `INSERT INTO events (tenant_id, program_id, member_id, external_id, type, occurred_at, amount_minor, currency)
         SELECT $1, $2, ($3::uuid[])[1 + g % $4], 'backlog-' || g, 'purchase', now(), g, 'EUR'
         FROM generate_series($5::int, $6::int) AS g`,
        [tenantId, programId, memberIds, MEMBERS, from, Math.min(BACKLOG, from + 99_999)],
      );
    }
    const { rows } = await db.query<{ lsn: string }>('SELECT pg_current_wal_lsn()::text AS lsn');
    const endLsn = rows[0]!.lsn;

    let t0 = performance.now();
    await run(
      PG_RECVLOGICAL,
      [
        '-d',
        pgHandle.url,
        '--slot',
        'bench_recv',
        '--start',
        '--no-loop',
        '-o',
        'proto_version=1',
        '-o',
        'publication_names=monet_cdc',
        '--endpos',
        endLsn,
        '-f',
        '/dev/null',
      ],
      { maxBuffer: 1 << 20 },
    );
    const recvSeconds = (performance.now() - t0) / 1000;
    await db.query("SELECT pg_drop_replication_slot('bench_recv')");

    const expected = total + BACKLOG;
    t0 = performance.now();
    cdc = startCdc();
    // The consumer's own count of rows ClickHouse acknowledged, rather than a count() through the gateway every poll,
    // which would compete with the inserts being measured; one count() checks it afterwards.
    while ((await metric(metricsPort, 'monet_cdc_rows_written_total{table="events"}')) < BACKLOG) {
      await sleep(50);
      if (performance.now() - t0 > 600_000) throw new Error('cdc did not catch up within 10 minutes');
    }
    const catchupSeconds = (performance.now() - t0) / 1000;
    const cpuSeconds = await metric(metricsPort, 'process_cpu_seconds_total');
    const visible = await countEvents(clickhouse, tenantId);
    if (visible !== expected) throw new Error(`raw.events holds ${visible} rows after the catch-up, not ${expected}`);

    return {
      cdc_rate_changes_per_s: Math.round(total / writeSeconds),
      cdc_lag_p50_ms: Math.round(percentile(lags, 50)),
      cdc_lag_p95_ms: Math.round(percentile(lags, 95)),
      cdc_lag_max_ms: Math.round(lags[lags.length - 1] ?? Number.NaN),
      cdc_backlog_changes: BACKLOG,
      cdc_catchup_s: Number(catchupSeconds.toFixed(2)),
      pg_recvlogical_s: Number(recvSeconds.toFixed(2)),
      cdc_catchup_vs_pg_recvlogical: Number((recvSeconds / catchupSeconds).toFixed(3)),
      cdc_catchup_cpu_us_per_change: Number(((cpuSeconds * 1e6) / BACKLOG).toFixed(2)),
    };
  } finally {
    await cdc?.stop();
    await db.end().catch(() => {});
    await clickhouse.close();
    await gateway.stop();
    await pgHandle.stop();
    dir.remove();
  }
}

async function seed(db: pg.Client): Promise<{ tenantId: string; programId: string; memberIds: string[] }> {
  const tenant = await db.query<{ id: string }>(
    `INSERT INTO tenants (slug, name, time_zone, currency, updated_at)
     VALUES ('bench-cdc', 'Bench', 'UTC', 'EUR', now()) RETURNING id`,
  );
  const tenantId = tenant.rows[0]!.id;
  const program = await db.query<{ id: string }>(
    `INSERT INTO programs (tenant_id, name, points_name, earning_currency, updated_at)
     VALUES ($1, 'Rewards', 'Points', 'EUR', now()) RETURNING id`,
    [tenantId],
  );
  const members = await db.query<{ id: string }>(
    `INSERT INTO members (tenant_id, external_id, updated_at)
     SELECT $1, 'm-' || g, now() FROM generate_series(1, $2) AS g RETURNING id`,
    [tenantId, MEMBERS],
  );
  return { tenantId, programId: program.rows[0]!.id, memberIds: members.rows.map((r) => r.id) };
}

/** One sample of the consumer's /metrics (0 while it is not serving yet). */
async function metric(metricsPort: number, series: string): Promise<number> {
  const response = await fetch(`http://127.0.0.1:${metricsPort}/metrics`).catch(() => undefined);
  const text = response?.ok ? await response.text() : '';
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}

async function maxAmount(clickhouse: ClickHouseClient, tenantId: string): Promise<number> {
  const result = await clickhouse.query({
    query:
      "SELECT toUInt32(max(amount_minor)) AS n FROM raw.events WHERE tenant_id = {t:UUID} AND startsWith(external_id, 'lag-')",
    query_params: { t: tenantId },
    format: 'JSONEachRow',
  });
  return (await result.json<{ n: number }>())[0]?.n ?? 0;
}

async function countEvents(clickhouse: ClickHouseClient, tenantId: string): Promise<number> {
  const result = await clickhouse.query({
    // Rows, not distinct ids: nothing is replayed here, and a count reads no column.
    query: 'SELECT toUInt32(count()) AS n FROM raw.events WHERE tenant_id = {t:UUID}',
    query_params: { t: tenantId },
    format: 'JSONEachRow',
  });
  return (await result.json<{ n: number }>())[0]?.n ?? 0;
}
