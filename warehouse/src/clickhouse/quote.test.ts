import { describe, expect, it } from 'vitest';
import { quoteIdentifier, quoteString } from './quote.ts';
import { tokens } from './sql-lexer.ts';

describe('ClickHouse quoting', () => {
  it('escapes backslashes and quotes, so the lexer reads one literal back', () => {
    for (const value of ["it's", 'back\\slash', "\\'", '`tick`', '', 'plain']) {
      for (const quoted of [quoteString(value), quoteIdentifier(value)]) {
        expect([...tokens(quoted)].map((t) => t.kind)).toEqual(['quoted']);
      }
    }
    expect(quoteString("it's \\ here")).toBe("'it\\'s \\\\ here'");
    expect(quoteIdentifier('a`b')).toBe('`a\\`b`');
  });
});
