import { describe, expect, it } from 'vitest';
import { PgoutputDecoder } from './pgoutput.ts';
import { TsvBatch } from './tsv.ts';

// pgoutput messages built byte by byte as Postgres sends them (protocol v2, text values), decoded into TSV lines.
const ARRAYS = new Set([1009]);
const COLUMNS: [string, number][] = [
  ['id', 2950],
  ['name', 25],
  ['seen_at', 1184],
  ['tags', 1009],
  ['active', 16],
  ['notes', 3802],
];

const u8 = (n: number) => Buffer.from([n]);
const u16 = (n: number) => Buffer.from([n >> 8, n & 0xff]);
const u32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
};
const cstring = (s: string) => Buffer.concat([Buffer.from(s), u8(0)]);
const tag = (c: string) => Buffer.from(c, 'latin1');

function relation(oid: number, table: string, columns: [string, number][]): Buffer {
  return Buffer.concat([
    tag('R'),
    u32(oid),
    cstring('public'),
    cstring(table),
    tag('f'),
    u16(columns.length),
    ...columns.map(([name, type]) => Buffer.concat([u8(0), cstring(name), u32(type), u32(0xffffffff)])),
  ]);
}

/** A tuple: text values, `null` for SQL null, `undefined` for a TOASTed value the change left unchanged. */
function tuple(values: (string | null | undefined)[]): Buffer {
  return Buffer.concat([
    u16(values.length),
    ...values.map((v) => {
      if (v === null) return tag('n');
      if (v === undefined) return tag('u');
      const bytes = Buffer.from(v);
      return Buffer.concat([tag('t'), u32(bytes.length), bytes]);
    }),
  ]);
}

function decode(...changes: Buffer[]): string {
  const decoder = new PgoutputDecoder(ARRAYS);
  decoder.relation(relation(16_400, 'members', COLUMNS), 0);
  const rel = decoder.relationOf(changes[0] as Buffer, 0);
  const batch = new TsvBatch(rel.table, rel.names);
  changes.forEach((change, i) => {
    decoder.writeChange(change, 0, decoder.relationOf(change, 0), batch, String(100 + i));
  });
  expect(batch.rows).toBe(changes.length);
  return Buffer.concat(batch.chunks()).toString('utf8');
}

const ROW = ['6b4c8a1e-2f3d-4c5b-9a8e-7f6d5c4b3a21', 'Ada', '2026-11-25 00:21:45.123+00', '{vip,"a,b"}', 't', '{}'];

describe('PgoutputDecoder', () => {
  it('writes an insert as one TSV line after the header, with the version and the deleted flag', () => {
    const insert = Buffer.concat([tag('I'), u32(16_400), tag('N'), tuple(ROW)]);
    expect(decode(insert).split('\n')).toEqual([
      'id\tname\tseen_at\ttags\tactive\tnotes\t_version\t_deleted',
      "6b4c8a1e-2f3d-4c5b-9a8e-7f6d5c4b3a21\tAda\t2026-11-25 00:21:45.123\t['vip','a,b']\t1\t{}\t100\t0",
      '',
    ]);
  });

  it('escapes tabs, newlines, carriage returns and backslashes, in values and in array elements', () => {
    const row = [ROW[0], 'a\tb\nc\\d\re', '2026-11-25 00:21:45+05:30', '{"it\'s \\\\ a\ttab",NULL}', 'f', null];
    const insert = Buffer.concat([tag('I'), u32(16_400), tag('N'), tuple(row)]);
    expect(decode(insert).split('\n')[1]).toBe(
      `${ROW[0]}\ta\\tb\\nc\\\\d\\re\t2026-11-25 00:21:45\t['it\\'s \\\\ a\\ttab',NULL]\t0\t\\N\t100\t0`,
    );
  });

  it('takes a value an update left unchanged in TOAST from the old row, and writes a delete from the old row', () => {
    const old = tuple(ROW);
    const update = Buffer.concat([
      tag('U'),
      u32(16_400),
      tag('O'),
      old,
      tag('N'),
      tuple([ROW[0], 'Grace', ROW[2], ROW[3], 'f', undefined]),
    ]);
    const del = Buffer.concat([tag('D'), u32(16_400), tag('O'), old]);
    const keyOnly = Buffer.concat([tag('D'), u32(16_400), tag('K'), tuple([ROW[0], null, null, null, null, null])]);
    const insertWithoutOld = Buffer.concat([tag('U'), u32(16_400), tag('N'), tuple([ROW[0], 'X', null, null, 't'])]);
    const lines = decode(update, del, keyOnly, insertWithoutOld).split('\n');
    expect(lines.slice(1)).toEqual([
      `${ROW[0]}\tGrace\t2026-11-25 00:21:45.123\t['vip','a,b']\t0\t{}\t100\t0`,
      `${ROW[0]}\tAda\t2026-11-25 00:21:45.123\t['vip','a,b']\t1\t{}\t101\t1`,
      `${ROW[0]}\t\\N\t\\N\t\\N\t\\N\t\\N\t102\t1`,
      // A tuple shorter than the relation (a column the change does not carry) ends in nulls.
      `${ROW[0]}\tX\t\\N\t\\N\t1\t\\N\t103\t0`,
      '',
    ]);
  });

  it('keeps a relation until Postgres sends it again, with the columns it has then', () => {
    const decoder = new PgoutputDecoder(ARRAYS);
    decoder.relation(relation(7, 'tiers', [['id', 2950]]), 0);
    const before = decoder.relationOf(Buffer.concat([tag('I'), u32(7)]), 0);
    decoder.relation(
      relation(7, 'tiers', [
        ['id', 2950],
        ['rank', 23],
      ]),
      0,
    );
    const after = decoder.relationOf(Buffer.concat([tag('I'), u32(7)]), 0);
    expect(before.names).toEqual(['id', '_version', '_deleted']);
    expect(after.names).toEqual(['id', 'rank', '_version', '_deleted']);
    expect(after.key).not.toBe(before.key);
    expect(() => decoder.relationOf(Buffer.concat([tag('I'), u32(8)]), 0)).toThrow('before its relation');
  });
});
