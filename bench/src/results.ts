import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const RESULTS = join(dirname(fileURLToPath(import.meta.url)), '..', 'results');

/** Writes a benchmark's figures as flat JSON to bench/results/<name>.json, with when and where they were taken. */
export function writeResults(name: string, figures: Record<string, number>): string {
  mkdirSync(RESULTS, { recursive: true });
  const path = join(RESULTS, `${name}.json`);
  const machine = `${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, ${Math.round(os.totalmem() / 2 ** 30)} GiB`;
  writeFileSync(
    path,
    `${JSON.stringify({ benchmark: name, date: new Date().toISOString(), machine, ...figures }, null, 2)}\n`,
  );
  return path;
}

/** The figures of a benchmark's last results file (numbers only: not when and where they were taken); none if absent. */
export function previousFigures(name: string): Record<string, number> {
  const path = join(RESULTS, `${name}.json`);
  if (!existsSync(path)) return {};
  const last = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  return Object.fromEntries(Object.entries(last).filter((e): e is [string, number] => typeof e[1] === 'number'));
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return Number.NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

/** Prints a figure table: name, value, unit. */
export function printTable(title: string, rows: [string, number, string][]): void {
  console.log(`\n${title}`);
  const w = Math.max(...rows.map(([n]) => n.length));
  for (const [name, value, unit] of rows) {
    const shown = Number.isInteger(value) ? String(value) : value.toFixed(value < 10 ? 3 : 1);
    console.log(`  ${name.padEnd(w)}  ${shown.padStart(10)} ${unit}`);
  }
}
