import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ClickHouseClient } from '@clickhouse/client';
import { freePort, startGateway } from '@loyaltystudio/engines';
import { tempDir } from '@loyaltystudio/engines/testing';
import {
  clickhouseMartReader,
  createClickHouseClient,
  membersQuery,
  migrateClickHouse,
  readCohorts,
  readFunnels,
  readOverview,
  readPointsEconomy,
  readRfm,
  readTiers,
  runDbt,
  type SqlQuery,
} from '@loyaltystudio/warehouse';
import { percentile } from './results.ts';
import {
  EVENTS_PER_SYNTHETIC_MEMBER,
  SPAN,
  type SyntheticTenant,
  syntheticTenant,
  writeSyntheticTenant,
} from './warehouse-synthetic.ts';

const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 1_000_000);
/** Timed runs of each read and its reference (BENCH_RUNS): a p95 of 20 runs was their second slowest, which moved
 * between runs of the same code by more than the target's margin; 60 give a p95 between the third and fourth. */
const RUNS = Number(process.env.BENCH_RUNS ?? 60);
/**
 * The parts after the full run (`tests`, `incremental`, `reads`; all by default): BENCH_MARTS_STEPS=none measures the
 * sources, the copy and the full run only, which is what the growth table compares at the largest sizes.
 */
const STEPS = new Set((process.env.BENCH_MARTS_STEPS ?? 'tests,incremental,reads').split(','));
/** The raw tables the models read: the copy reference moves the same rows. */
const SOURCES = [
  'tenants',
  'programs',
  'members',
  'events',
  'ledger_entries',
  'balances',
  'rewards',
  'redemptions',
  'tiers',
  'tier_changes',
  'guest_purchases',
  'campaigns',
  'campaign_members',
];
const RANGE = { from: '2025-12-01', to: SPAN.end };

export interface MartsFigures extends Record<string, number> {}

async function timed<T>(work: () => Promise<T>): Promise<[number, T]> {
  const t0 = performance.now();
  const value = await work();
  return [(performance.now() - t0) / 1000, value];
}

async function p95(runs: number, work: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < 3; i++) await work();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push((await timed(work))[0] * 1000);
  return percentile(
    times.sort((x, y) => x - y),
    95,
  );
}

/**
 * dbt's full build against one INSERT … SELECT copy of the same source rows, an incremental run after 1 % new
 * ledger rows against the full build, and each analytics report's warm p95 against a raw filtered scan of the same
 * tenant and range. Data: a synthetic merchant of MEMBERS members (10 events and 20 ledger entries each) beside one
 * of a tenth of its size.
 */
export async function benchMarts(): Promise<MartsFigures> {
  const dir = tempDir('bench-marts');
  const gateway = await startGateway({ dataDir: join(dir.path, 'gateway'), port: await freePort() });
  // The copy reference is one statement per table, whose time grows with the merchant (a 60 M-row ledger at
  // 3,000,000 members): the client waits as long as the engine works, not the client's default 30 s.
  const client = createClickHouseClient({
    url: gateway.url,
    username: 'monet',
    password: 'monet',
    requestTimeoutMs: 3_600_000,
  });
  const dbt = (...args: string[]) =>
    runDbt({
      args,
      clickhouseUrl: gateway.url,
      username: 'monet',
      password: 'monet',
      workDir: join(dir.path, 'dbt'),
      vars: { as_of_date: SPAN.end },
      threads: 2,
      // A model over millions of members on a busy machine outlasts dbt's default 600 s wait for one statement.
      statementTimeoutSeconds: 3600,
    });
  try {
    await migrateClickHouse(client);
    const main = syntheticTenant(1, MEMBERS);
    const small = syntheticTenant(2, Math.max(1, Math.floor(MEMBERS / 10)));
    const [generateSeconds] = await timed(async () => {
      await writeSyntheticTenant(client, main);
      await writeSyntheticTenant(client, small);
    });
    const sourceRows = await count(
      client,
      SOURCES.map((t) => `raw.${t}`),
    );
    const ledgerRows = await count(client, ['raw.ledger_entries']);

    const [copySeconds] = await timed(async () => {
      await client.command({ query: 'CREATE DATABASE IF NOT EXISTS bench_copy' });
      for (const table of SOURCES) {
        await client.command({ query: `CREATE TABLE bench_copy.${table} AS raw.${table}` });
        await client.command({ query: `INSERT INTO bench_copy.${table} SELECT * FROM raw.${table}` });
      }
    });
    const [fullSeconds] = await timed(() => dbt('run', '--full-refresh'));
    printModelTimes('full run', join(dir.path, 'dbt'));
    const figures: MartsFigures = {
      members: MEMBERS,
      source_rows: sourceRows,
      ledger_rows: ledgerRows,
      generate_s: round(generateSeconds),
      copy_insert_select_s: round(copySeconds),
      dbt_full_run_s: round(fullSeconds),
      dbt_full_vs_insert_select: round(fullSeconds / copySeconds),
    };
    if (STEPS.has('tests')) figures.dbt_tests_s = round((await timed(() => dbt('test')))[0]);
    if (STEPS.has('incremental')) {
      // 1 % more ledger rows (and the events they belong to), streamed now.
      const newEvents = Math.max(1, Math.floor((MEMBERS * EVENTS_PER_SYNTHETIC_MEMBER) / 100));
      await writeSyntheticTenant(client, main, {
        eventOffset: MEMBERS * EVENTS_PER_SYNTHETIC_MEMBER,
        events: newEvents,
      });
      const [incrementalSeconds] = await timed(() => dbt('run'));
      figures.dbt_incremental_1pct_s = round(incrementalSeconds);
      figures.dbt_incremental_vs_full = round(incrementalSeconds / fullSeconds);
      printModelTimes('incremental run', join(dir.path, 'dbt'));
      // The same run again with nothing new: what a run costs whatever changed (dbt's start, every model's checks,
      // and the marts rebuilt whole).
      const [unchangedSeconds] = await timed(() => dbt('run'));
      figures.dbt_unchanged_run_s = round(unchangedSeconds);
      printModelTimes('run with nothing new', join(dir.path, 'dbt'));
    }
    if (STEPS.has('reads')) Object.assign(figures, await benchReports(client, main));
    return figures;
  } finally {
    await client.close();
    await gateway.stop();
    dir.remove();
  }
}

async function benchReports(client: ClickHouseClient, t: SyntheticTenant): Promise<Record<string, number>> {
  const reader = clickhouseMartReader(client, { timeoutSeconds: 60, maxResultRows: 1_000_000 });
  const scan = (sql: string) => () => reader.rows({ sql, params: { tenant: t.tenantId, ...RANGE } } as SqlQuery);
  const eventsScan = scan(`SELECT count(), sum(amount_minor) FROM raw.events
    WHERE tenant_id = {tenant:UUID} AND occurred_at >= {from:Date} AND occurred_at < {to:Date} + 1`);
  const ledgerScan = scan(`SELECT count(), sum(points) FROM raw.ledger_entries
    WHERE tenant_id = {tenant:UUID} AND created_at >= {from:Date} AND created_at < {to:Date} + 1`);
  const membersScan = scan('SELECT count(), max(enrolled_at) FROM raw.members WHERE tenant_id = {tenant:UUID}');
  // The members list is a sorted page: its reference sorts the tenant's raw members the same way.
  const membersPage = scan(`SELECT id, external_id, enrolled_at FROM raw.members WHERE tenant_id = {tenant:UUID}
    ORDER BY enrolled_at DESC, id DESC LIMIT 51`);
  const tiersScan = scan(`SELECT count() FROM raw.tier_changes
    WHERE tenant_id = {tenant:UUID} AND created_at >= {from:Date} AND created_at < {to:Date} + 1`);
  const reports: [string, () => Promise<unknown>, () => Promise<unknown>][] = [
    ['overview', () => readOverview(reader, { tenantId: t.tenantId, ...RANGE }), eventsScan],
    ['cohorts', () => readCohorts(reader, { tenantId: t.tenantId, grain: 'month', ...RANGE }), eventsScan],
    ['rfm', () => readRfm(reader, { tenantId: t.tenantId }), membersScan],
    ['funnels', () => readFunnels(reader, { tenantId: t.tenantId, kind: 'enrolment', range: RANGE }), eventsScan],
    [
      'points_economy',
      () => readPointsEconomy(reader, { tenantId: t.tenantId, programId: t.programId, ...RANGE }),
      ledgerScan,
    ],
    ['tiers', () => readTiers(reader, { tenantId: t.tenantId, programId: t.programId, ...RANGE }), tiersScan],
    [
      'members',
      () => reader.rows(membersQuery({ tenantId: t.tenantId, sort: 'revenueMinor', order: 'desc', take: 51 })),
      membersPage,
    ],
  ];
  const figures: Record<string, number> = {};
  for (const [name, report, reference] of reports) {
    const reportMs = await p95(RUNS, report);
    const referenceMs = await p95(RUNS, reference);
    figures[`${name}_p95_ms`] = round(reportMs);
    figures[`${name}_raw_scan_p95_ms`] = round(referenceMs);
    figures[`${name}_vs_raw_scan`] = round(reportMs / referenceMs);
  }
  return figures;
}

/** The slowest models of dbt's last run (its run_results.json), for the profile of where a run spends its time. */
function printModelTimes(title: string, workDir: string, top = 12): void {
  const results = JSON.parse(readFileSync(join(workDir, 'target', 'run_results.json'), 'utf8')) as {
    results: { unique_id: string; execution_time: number }[];
  };
  const models = results.results
    .map((r) => [r.unique_id.replace(/^model\.monet\./, ''), r.execution_time] as const)
    .sort((a, b) => b[1] - a[1]);
  const total = models.reduce((sum, [, s]) => sum + s, 0);
  console.log(`\n${title}: ${round(total)} s over ${models.length} models; the slowest:`);
  for (const [name, seconds] of models.slice(0, top)) console.log(`  ${name.padEnd(36)} ${round(seconds)} s`);
}

async function count(client: ClickHouseClient, tables: string[]): Promise<number> {
  let total = 0;
  for (const table of tables) {
    const result = await client.query({ query: `SELECT toUInt64(count()) AS n FROM ${table}`, format: 'JSONEachRow' });
    total += Number((await result.json<{ n: string | number }>())[0]?.n ?? 0);
  }
  return total;
}

const round = (x: number) => Number(x.toFixed(x < 10 ? 3 : 1));
