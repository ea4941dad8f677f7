import { figure, formatNumber, markdownTable } from './format.ts';
import type { ResultsFile } from './render.ts';

/** A figure whose growth with the merchant's size the README tabulates. */
export interface GrowthFigure {
  benchmark: 'warehouse' | 'accruals';
  key: string;
  label: string;
  unit: string;
  /** A time that covers the whole merchant (a dbt run, a copy): also shown per member. */
  perMember?: boolean;
  /** A reference measured beside Monet's own figures (ClickHouse alone): not a candidate for what saturates first. */
  reference?: boolean;
}

export const GROWTH: GrowthFigure[] = [
  {
    benchmark: 'warehouse',
    key: 'generate_s',
    label: 'writing the synthetic merchant into raw.*',
    unit: 's',
    perMember: true,
    reference: true,
  },
  {
    benchmark: 'warehouse',
    key: 'copy_insert_select_s',
    label: '`INSERT … SELECT` copy of the sources',
    unit: 's',
    perMember: true,
    reference: true,
  },
  { benchmark: 'warehouse', key: 'dbt_full_run_s', label: 'dbt full run', unit: 's', perMember: true },
  {
    benchmark: 'warehouse',
    key: 'dbt_incremental_1pct_s',
    label: 'dbt run after 1 % new rows',
    unit: 's',
    perMember: true,
  },
  { benchmark: 'warehouse', key: 'dbt_unchanged_run_s', label: 'dbt run with nothing new', unit: 's' },
  { benchmark: 'warehouse', key: 'dbt_tests_s', label: 'dbt data tests', unit: 's', perMember: true },
  { benchmark: 'warehouse', key: 'overview_p95_ms', label: 'overview read p95', unit: 'ms' },
  { benchmark: 'warehouse', key: 'rfm_p95_ms', label: 'rfm read p95', unit: 'ms' },
  { benchmark: 'warehouse', key: 'members_p95_ms', label: 'members page p95', unit: 'ms' },
  { benchmark: 'warehouse', key: 'points_economy_p95_ms', label: 'points economy read p95', unit: 'ms' },
  { benchmark: 'accruals', key: 'accruals_per_s', label: 'sustained accruals', unit: '/s' },
  { benchmark: 'accruals', key: 'p95_ms', label: 'accrual p95, sustained', unit: 'ms' },
  {
    benchmark: 'accruals',
    key: 'at_half_sustained_p95_ms',
    label: 'accrual p95 at half the sustained rate',
    unit: 'ms',
  },
  { benchmark: 'accruals', key: 'pgbench_tps', label: 'pgbench, the same three writes', unit: 'tx/s' },
  { benchmark: 'accruals', key: 'ratio_to_pgbench', label: 'api ÷ pgbench', unit: '×' },
];

/**
 * The exponent k of value ∝ members^k between two sizes: 0 for a figure that does not grow, 1 for one that grows
 * as the merchant does, above 1 for one that grows faster.
 */
export function exponent(m1: number, v1: number, m2: number, v2: number): number {
  return Math.log(v2 / v1) / Math.log(m2 / m1);
}

/** One run per size of a benchmark: `<benchmark>.json` and `<benchmark>-<members>.json`, the latest per size. */
export function runsBySize(files: ResultsFile[], benchmark: string): Map<number, ResultsFile> {
  const runs = new Map<number, ResultsFile>();
  const pattern = new RegExp(`^${benchmark}(-\\d+)?$`);
  for (const file of files) {
    const members = figure(file.results, 'members');
    if (!pattern.test(file.name) || members === undefined) continue;
    const date = String(file.results.date ?? '');
    const known = runs.get(members);
    if (!known || String(known.results.date ?? '') < date) runs.set(members, file);
  }
  return new Map([...runs].sort(([a], [b]) => a - b));
}

const sizeName = (m: number) =>
  m >= 1_000_000 ? `${formatNumber(m / 1_000_000)}M` : m >= 1000 ? `${formatNumber(m / 1000)}k` : String(m);

/** The growth table: each figure at each size measured, per member where it covers the merchant, and its exponents. */
export function renderGrowth(files: ResultsFile[]): string {
  const sizes = new Map(['warehouse', 'accruals'].map((b) => [b, runsBySize(files, b)]));
  const members = [...new Set([...sizes.values()].flatMap((runs) => [...runs.keys()]))].sort((a, b) => a - b);
  if (members.length < 2)
    return 'Fewer than two sizes measured yet: `BENCH_MEMBERS=<n> npm run bench -- warehouse` (or accruals).';
  const steps = members.slice(1).map((m, i) => [members[i]!, m] as const);
  const rows = GROWTH.map((g) => {
    const runs = sizes.get(g.benchmark)!;
    const at = (m: number) => (runs.get(m) ? figure(runs.get(m)!.results, g.key) : undefined);
    const cells = members.map((m) => {
      const v = at(m);
      if (v === undefined) return '';
      return g.perMember
        ? `${formatNumber(v)} ${g.unit} (${formatNumber((v / m) * 1e6)} µs/member)`
        : `${formatNumber(v)} ${g.unit}`;
    });
    const exponents = steps.map(([a, b]) => {
      const va = at(a);
      const vb = at(b);
      return va === undefined || vb === undefined || va <= 0 || vb <= 0 ? '' : formatNumber(exponent(a, va, b, vb), 2);
    });
    return [g.label, ...cells, ...exponents];
  });
  const header = [
    'figure',
    ...members.map((m) => `${sizeName(m)} members`),
    ...steps.map(([a, b]) => `k ${sizeName(a)}→${sizeName(b)}`),
  ];
  const loads = [...sizes]
    .flatMap(([benchmark, runs]) =>
      [...runs].map(([m, file]) => {
        const s = figure(file.results, 'load_average_at_start');
        const e = figure(file.results, 'load_average_at_end');
        const date = String(file.results.date ?? '').slice(0, 10);
        const load =
          s === undefined || e === undefined ? 'load not recorded' : `load ${formatNumber(s, 1)}→${formatNumber(e, 1)}`;
        return `${benchmark} at ${sizeName(m)}: ${date}, ${load}`;
      }),
    )
    .join('; ');
  // The figure whose cost grows fastest over the widest span it was measured on: what saturates first.
  const steepest = GROWTH.filter((g) => g.perMember && !g.reference)
    .map((g) => {
      const runs = sizes.get(g.benchmark)!;
      const measured = members.filter((m) => runs.get(m) && figure(runs.get(m)!.results, g.key) !== undefined);
      if (measured.length < 2) return undefined;
      const [a, b] = [measured[0]!, measured[measured.length - 1]!];
      const k = exponent(a, figure(runs.get(a)!.results, g.key)!, b, figure(runs.get(b)!.results, g.key)!);
      return { g, a, b, k };
    })
    .filter((x) => x !== undefined)
    .sort((x, y) => y.k - x.k)[0];
  const fastest = steepest
    ? `Fastest-growing cost from ${sizeName(steepest.a)} to ${sizeName(steepest.b)} members: ${steepest.g.label} (k = ${formatNumber(steepest.k, 2)}). `
    : '';
  return `${markdownTable(header, rows)}\n\n${fastest}k is the exponent of value ∝ members^k between two sizes (0: does not grow, 1: grows with the merchant). Runs: ${loads}.`;
}
