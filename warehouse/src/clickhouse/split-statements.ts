/**
 * Splits a SQL script into statements at semicolons that are outside string literals, quoted identifiers and
 * comments. ClickHouse's HTTP interface runs one statement per request, so a DDL file is sent piece by piece.
 * Comments are kept with the statement they precede; statements that are only comments are dropped.
 */
export function splitStatements(script: string): string[] {
  const statements: string[] = [];
  let start = 0;
  let i = 0;
  const push = (end: number) => {
    const text = script.slice(start, end).trim();
    if (stripComments(text).trim() !== '') statements.push(text);
  };
  while (i < script.length) {
    const ch = script[i];
    if (ch === "'" || ch === '"' || ch === '`') {
      i = skipQuoted(script, i, ch);
    } else if (script.startsWith('--', i) || ch === '#') {
      const end = script.indexOf('\n', i);
      i = end === -1 ? script.length : end + 1;
    } else if (script.startsWith('/*', i)) {
      const end = script.indexOf('*/', i + 2);
      if (end === -1) throw new Error(`Unterminated /* comment at offset ${i}`);
      i = end + 2;
    } else if (ch === ';') {
      push(i);
      start = ++i;
    } else {
      i++;
    }
  }
  push(script.length);
  return statements;
}

/** Index just past the closing quote; a quote is escaped by a backslash or by doubling it. */
function skipQuoted(script: string, open: number, quote: string): number {
  let i = open + 1;
  while (i < script.length) {
    const ch = script[i];
    if (ch === '\\') {
      i += 2;
    } else if (ch === quote) {
      if (script[i + 1] === quote) i += 2;
      else return i + 1;
    } else {
      i++;
    }
  }
  throw new Error(`Unterminated ${quote} quote at offset ${open}`);
}

function stripComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(--|#)[^\n]*/g, '');
}
