import { describe, expect, it } from 'vitest';
import { tokens } from './sql-lexer.ts';

const kinds = (text: string) => [...tokens(text)].map((t) => [t.kind, text.slice(t.start, t.end)]);

describe('the ClickHouse lexer', () => {
  it('covers the text whole, telling code from literals, quoted identifiers and comments', () => {
    expect(kinds("SELECT f(1e3), 'a;b' -- x\n")).toEqual([
      ['word', 'SELECT'],
      ['space', ' '],
      ['word', 'f'],
      ['open', '('],
      ['number', '1e3'],
      ['close', ')'],
      ['other', ','],
      ['space', ' '],
      ['quoted', "'a;b'"],
      ['space', ' '],
      ['comment', '-- x\n'],
    ]);
  });

  it('nests block comments and marks what never closes', () => {
    expect(kinds('/* a /* b */ c */;')).toEqual([
      ['comment', '/* a /* b */ c */'],
      ['semicolon', ';'],
    ]);
    expect([...tokens("x 'open")].at(-1)).toEqual({ kind: 'quoted', start: 2, end: 7, unterminated: true });
    expect([...tokens('/* a /* b */')].at(-1)).toMatchObject({ kind: 'comment', unterminated: true });
  });
});
