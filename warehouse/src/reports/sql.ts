/**
 * SQL text for a report: the template's lines, with the common indentation removed and blank lines left by
 * absent clauses dropped, so that snapshots read like hand-written SQL. Interpolate only SQL chosen by code
 * (a clause, a column from a whitelist), never a value: values go in as `{name:Type}` parameters.
 */
export function sql(strings: TemplateStringsArray, ...fragments: string[]): string {
  const text = strings.reduce((out, s, i) => out + s + (fragments[i] ?? ''), '');
  const lines = text.split('\n').filter((line) => line.trim() !== '');
  const indent = Math.min(...lines.map((line) => line.length - line.trimStart().length));
  return lines.map((line) => line.slice(indent).trimEnd()).join('\n');
}

/** `clause` when `on`, else nothing: for optional filters. */
export function when(on: boolean, clause: string): string {
  return on ? clause : '';
}
