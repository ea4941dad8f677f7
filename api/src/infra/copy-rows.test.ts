import type { PostgresHandle } from '@loyaltystudio/engines';
import { startTestPostgres } from '@loyaltystudio/engines/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { arrayElement, CsvRows, copyRows } from './copy-rows.ts';

/** Tags a merchant may well have: each is a character Postgres' array syntax or COPY's CSV gives a meaning. */
const AWKWARD_TAGS = [
  'a,b',
  '{braced}',
  'half{',
  'say "hi"',
  'back\\slash',
  'trailing\\',
  'NULL',
  'null',
  '',
  ' padded ',
  'tab\there',
  'line\nbreak',
  'plain',
  'café',
];

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

  it('quotes an array element that holds a comma, a brace, a quote, a backslash or space, or reads as NULL', () => {
    expect(arrayElement('plain')).toBe('plain');
    expect(arrayElement('a,b')).toBe('"a,b"');
    expect(arrayElement('{x}')).toBe('"{x}"');
    expect(arrayElement('say "hi"')).toBe('"say \\"hi\\""');
    expect(arrayElement('back\\slash')).toBe('"back\\\\slash"');
    expect(arrayElement('NULL')).toBe('"NULL"');
    expect(arrayElement('Null')).toBe('"Null"');
    expect(arrayElement('')).toBe('""');
    expect(arrayElement(' x')).toBe('" x"');
  });

  describe('through COPY into a real Postgres', () => {
    let postgres: PostgresHandle;
    let client: pg.Client;
    beforeAll(async () => {
      postgres = await startTestPostgres();
      client = new pg.Client({ connectionString: postgres.url });
      await client.connect();
      await client.query('CREATE TABLE tagged (id int PRIMARY KEY, tags text[], note text)');
    });
    afterAll(async () => {
      await client?.end();
      await postgres?.stop();
    });

    it('reads every tag back as it was written, alone and all together', async () => {
      const rows = new CsvRows('tagged', ['id', 'tags', 'note']);
      AWKWARD_TAGS.forEach((tag, i) => {
        rows.push(i, [tag], tag);
      });
      rows.push(100, AWKWARD_TAGS, 'all');
      rows.push(101, [], null);
      await copyRows(client, [rows]);
      expect(rows.count).toBe(0);
      const stored = await client.query<{ id: number; tags: string[]; note: string | null }>(
        'SELECT id, tags, note FROM tagged ORDER BY id',
      );
      expect(stored.rows).toEqual([
        ...AWKWARD_TAGS.map((tag, id) => ({ id, tags: [tag], note: tag })),
        { id: 100, tags: AWKWARD_TAGS, note: 'all' },
        { id: 101, tags: [], note: null },
      ]);
    });
  });
});
