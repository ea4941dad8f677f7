import { describe, expect, it } from 'vitest';
import { splitStatements } from './split-statements.ts';

describe('splitStatements', () => {
  it('splits at semicolons and drops empty and comment-only pieces', () => {
    const script = '-- header\nCREATE DATABASE a;\n\nCREATE DATABASE b;\n-- trailing note\n';
    expect(splitStatements(script)).toEqual(['-- header\nCREATE DATABASE a', 'CREATE DATABASE b']);
  });

  it('keeps a last statement without a semicolon', () => {
    expect(splitStatements('SELECT 1; SELECT 2')).toEqual(['SELECT 1', 'SELECT 2']);
  });

  it('ignores semicolons inside strings, quoted identifiers and comments', () => {
    const script = [
      "SELECT 'a;b', 'it''s;', 'back\\';slash';",
      'SELECT "col;1", `col;2` -- a comment; not a split',
      ';',
      '/* block; comment */ SELECT 3 # hash comment;',
      ';',
    ].join('\n');
    expect(splitStatements(script)).toEqual([
      "SELECT 'a;b', 'it''s;', 'back\\';slash'",
      'SELECT "col;1", `col;2` -- a comment; not a split',
      '/* block; comment */ SELECT 3 # hash comment;',
    ]);
  });

  it('rejects unterminated quotes and comments', () => {
    expect(() => splitStatements("SELECT 'open")).toThrow("Unterminated ' quote at offset 7");
    expect(() => splitStatements('SELECT 1 /* open')).toThrow('Unterminated /* comment at offset 9');
  });
});

describe('splitStatements and nested comments', () => {
  it('reads a block comment inside a block comment as ClickHouse does, so its semicolons split nothing', () => {
    const script = '/* outer /* inner; */ still comment; */ SELECT 1; SELECT 2';
    expect(splitStatements(script)).toEqual(['/* outer /* inner; */ still comment; */ SELECT 1', 'SELECT 2']);
    expect(() => splitStatements('/* outer /* inner */ SELECT 1;')).toThrow('Unterminated /* comment at offset 0');
  });
});
