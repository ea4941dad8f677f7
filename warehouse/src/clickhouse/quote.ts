/**
 * ClickHouse literals written into SQL text, for the few places that cannot bind a parameter (settings in a SET
 * statement, DDL names, an OUTFILE path, a row policy): backslash and the quote are escaped with a backslash, as
 * ClickHouse's lexer reads them. Queries with values bind `{name:Type}` parameters instead.
 */
export function quoteString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** A name in backquotes (a user, a table), whatever characters it holds. */
export function quoteIdentifier(name: string): string {
  return `\`${name.replace(/\\/g, '\\\\').replace(/`/g, '\\`')}\``;
}
