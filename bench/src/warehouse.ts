import { previousFigures, printTable, resultsName, writeResults } from './results.ts';
import { benchCdc, type CdcFigures } from './warehouse-cdc.ts';
import { benchMarts, type MartsFigures } from './warehouse-marts.ts';

const REPORTS = ['overview', 'cohorts', 'rfm', 'funnels', 'points_economy', 'tiers', 'members'];

/**
 * `npm run bench -- warehouse`: the change stream's lag and catch-up (against pg_recvlogical), dbt's full and
 * incremental builds (against an INSERT … SELECT copy), and the analytics reads (against raw scans), each reference
 * measured in the same run. BENCH_MEMBERS (default 1,000,000) sizes the marts' merchant; a sized run writes
 * bench/results/warehouse-<members>.json (the README's growth table). BENCH_SECTIONS=marts or =cdc runs one part; the
 * other part's figures are kept from the last results file of the same name.
 */
export async function benchWarehouse(): Promise<Record<string, number>> {
  const sections = new Set((process.env.BENCH_SECTIONS ?? 'cdc,marts').split(',').map((s) => s.trim()));
  const name = resultsName('warehouse');
  // A run of one part keeps the other part's figures from the last file (and drops its own part's old ones, which
  // it measures again); a run of both writes only its own.
  const kept = Object.fromEntries(
    Object.entries(previousFigures(name)).filter(([key]) => !sections.has(isCdcFigure(key) ? 'cdc' : 'marts')),
  );
  const cdc = sections.has('cdc') ? await benchCdc() : undefined;
  if (cdc) printCdc(cdc);
  const marts = sections.has('marts') ? await benchMarts() : undefined;
  if (marts) printMarts(marts);
  const figures = { ...kept, ...cdc, ...marts };
  console.log(`\nwrote ${writeResults(name, figures)}`);
  return figures;
}

/** The change stream's figures (`cdc_…`, `pg_recvlogical_…`); every other figure is the marts'. */
const isCdcFigure = (key: string) => key.startsWith('cdc_') || key.startsWith('pg_recvlogical');

function printCdc(cdc: CdcFigures): void {
  printTable('Change stream (Postgres → raw.events)', [
    ['sustained rate', cdc.cdc_rate_changes_per_s, 'changes/s'],
    ['lag p50, commit to visible', cdc.cdc_lag_p50_ms, 'ms'],
    ['lag p95 (target ≤ 1,000)', cdc.cdc_lag_p95_ms, 'ms'],
    ['backlog', cdc.cdc_backlog_changes, 'changes'],
    ['catch-up, cdc', cdc.cdc_catchup_s, 's'],
    ['decode, pg_recvlogical', cdc.pg_recvlogical_s, 's'],
    ['pg_recvlogical ÷ cdc (target ≥ 0.7)', cdc.cdc_catchup_vs_pg_recvlogical, '×'],
    ['cdc CPU per change, start included', cdc.cdc_catchup_cpu_us_per_change, 'µs'],
  ]);
}

function printMarts(marts: MartsFigures): void {
  printTable(`Marts (${marts.members} members, ${marts.ledger_rows} ledger rows, ${marts.source_rows} source rows)`, [
    ['INSERT … SELECT copy of the sources', marts.copy_insert_select_s as number, 's'],
    ['dbt full run', marts.dbt_full_run_s as number, 's'],
    ['full run ÷ copy (target ≤ 3)', marts.dbt_full_vs_insert_select as number, '×'],
    ['dbt data tests', marts.dbt_tests_s as number, 's'],
    ['incremental run after 1 % new rows', marts.dbt_incremental_1pct_s as number, 's'],
    ['incremental ÷ full (target ≤ 0.05)', marts.dbt_incremental_vs_full as number, '×'],
    ['run with nothing new', marts.dbt_unchanged_run_s as number, 's'],
  ]);
  printTable(
    'Analytics reads, warm p95 (target ≤ 150 ms and ≤ 1.5× the raw scan)',
    REPORTS.flatMap((r): [string, number, string][] => [
      [`${r}`, marts[`${r}_p95_ms`] as number, 'ms'],
      [`${r} ÷ raw scan`, marts[`${r}_vs_raw_scan`] as number, '×'],
    ]),
  );
}
