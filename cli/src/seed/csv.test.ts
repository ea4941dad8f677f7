import { describe, expect, it } from 'vitest';
import { CsvRows } from './csv.ts';

describe('CsvRows', () => {
  it('writes NULL as an empty field and quotes empty strings, quotes, commas and newlines', () => {
    const rows = new CsvRows('t', ['a']);
    rows.push(null, '', 'plain', 'say "hi", bye', 'a\nb', 12, new Date('2026-01-02T03:04:05.678Z'));
    rows.push(['x', 'y'], JSON.stringify({ sku: 'A,B' }));
    expect(rows.count).toBe(2);
    expect(rows.take()).toBe(
      ',"",plain,"say ""hi"", bye","a\nb",12,2026-01-02T03:04:05.678Z\n"{x,y}","{""sku"":""A,B""}"\n',
    );
    expect(rows.take()).toBe('');
  });
});
