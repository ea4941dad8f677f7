import { isBlank, tokens } from './sql-lexer.ts';

/**
 * Splits a SQL script into statements at semicolons that are outside string literals, quoted identifiers and
 * comments (block comments nest, as ClickHouse reads them). ClickHouse's HTTP interface runs one statement per
 * request, so a DDL file is sent piece by piece. Comments are kept with the statement they precede; statements that
 * are only comments are dropped.
 */
export function splitStatements(script: string): string[] {
  const statements: string[] = [];
  let start = 0;
  let code = false;
  const push = (end: number) => {
    if (code) statements.push(script.slice(start, end).trim());
    code = false;
  };
  for (const token of tokens(script)) {
    if (token.unterminated) {
      const what = token.kind === 'quoted' ? `${script[token.start]} quote` : '/* comment';
      throw new Error(`Unterminated ${what} at offset ${token.start}`);
    }
    if (token.kind === 'semicolon') {
      push(token.start);
      start = token.end;
    } else if (!isBlank(token)) code = true;
  }
  push(script.length);
  return statements;
}
