/** What a results file holds: flat figures (numbers) and the facts of the run (strings and numbers). */
export type Results = Readonly<Record<string, unknown>>;

/** A figure of a results file, or undefined when the run did not measure it. */
export function figure(r: Results, key: string): number | undefined {
  const value = r[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/**
 * A number as the README shows it: thousands grouped, and as many decimals as its size deserves (three
 * significant figures below 100, whole numbers above), unless `digits` fixes them.
 */
export function formatNumber(value: number, digits?: number): string {
  const abs = Math.abs(value);
  const decimals = digits ?? (abs >= 100 || Number.isInteger(value) ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : 3);
  const shown = value.toLocaleString('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
  // A small negative that rounds to zero is zero.
  return /^-0(\.0+)?$/.test(shown) ? shown.slice(1) : shown;
}

/** A markdown table padded as Biome formats it: every cell to its column's width; `center` columns centred. */
export function markdownTable(header: string[], rows: string[][], center: ReadonlySet<number> = new Set()): string {
  const cells = [header, ...rows].map((row) => row.map((cell) => cell.replace(/\|/g, '\\|')));
  const widths = header.map((_, i) => Math.max(3, ...cells.map((row) => (row[i] ?? '').length)));
  const pad = (cell: string, i: number) => {
    const space = widths[i]! - cell.length;
    if (!center.has(i)) return cell + ' '.repeat(space);
    const left = Math.floor(space / 2);
    return ' '.repeat(left) + cell + ' '.repeat(space - left);
  };
  const line = (row: string[]) => `| ${row.map((cell, i) => pad(cell, i)).join(' | ')} |`;
  const rule = `| ${widths.map((w, i) => (center.has(i) ? `:${'-'.repeat(w - 2)}:` : '-'.repeat(w))).join(' | ')} |`;
  return [line(cells[0]!), rule, ...cells.slice(1).map(line)].join('\n');
}
