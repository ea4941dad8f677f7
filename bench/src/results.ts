import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const RESULTS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'results');

/** Fields every results file carries besides its figures: when, where, and how busy the machine was. */
export const META_FIELDS = new Set([
  'benchmark',
  'date',
  'machine',
  'cpu_model',
  'cpu_cores',
  'memory_gib',
  'load_average_at_start',
  'load_average_at_end',
]);

const load1m = () => Math.round((os.loadavg()[0] ?? 0) * 100) / 100;
let loadAtStart = load1m();

/** Marks the start of a benchmark: its results file records the 1-minute load average from here. */
export function markStart(): void {
  loadAtStart = load1m();
}

/**
 * The results file's name: `<name>` for a run at the benchmark's default size, `<name>-<members>` for a run sized by
 * BENCH_MEMBERS, so that the growth table can read one file per size.
 */
export function resultsName(name: string): string {
  const members = process.env.BENCH_MEMBERS;
  return members ? `${name}-${Number(members)}` : name;
}

/**
 * Writes a benchmark's figures as flat JSON to bench/results/<name>.json, with when and where they were taken: the
 * machine (CPU model, cores, memory) and its 1-minute load average at the start and end of the run. A benchmark that
 * measured the load itself passes load_average_at_start/_at_end among its figures. A figure is a number; a string
 * records a measured outcome that is not one (a reference that did not converge, with its message).
 */
export function writeResults(name: string, figures: Record<string, number | string>): string {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const path = join(RESULTS_DIR, `${name}.json`);
  const cpus = os.cpus();
  const cpuModel = cpus[0]?.model.trim() ?? 'unknown';
  const memoryGib = Math.round(os.totalmem() / 2 ** 30);
  const record = {
    benchmark: name,
    date: new Date().toISOString(),
    machine: `${cpus.length} × ${cpuModel}, ${memoryGib} GiB`,
    cpu_model: cpuModel,
    cpu_cores: cpus.length,
    memory_gib: memoryGib,
    load_average_at_start: loadAtStart,
    load_average_at_end: load1m(),
    ...figures,
  };
  writeFileSync(path, `${JSON.stringify(record, null, 2)}\n`);
  return path;
}

/** The figures of a benchmark's last results file (numbers only: not when and where they were taken); none if absent. */
export function previousFigures(name: string): Record<string, number> {
  const path = join(RESULTS_DIR, `${name}.json`);
  if (!existsSync(path)) return {};
  const last = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  return Object.fromEntries(
    Object.entries(last).filter((e): e is [string, number] => typeof e[1] === 'number' && !META_FIELDS.has(e[0])),
  );
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return Number.NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

/** Prints a figure table: name, value, unit; a figure the run did not measure shows as a dash. */
export function printTable(title: string, rows: [string, number | undefined, string][]): void {
  console.log(`\n${title}`);
  const w = Math.max(...rows.map(([n]) => n.length));
  for (const [name, value, unit] of rows) {
    const shown =
      typeof value !== 'number' ? '—' : Number.isInteger(value) ? String(value) : value.toFixed(value < 10 ? 3 : 1);
    console.log(`  ${name.padEnd(w)}  ${shown.padStart(10)} ${unit}`);
  }
}
