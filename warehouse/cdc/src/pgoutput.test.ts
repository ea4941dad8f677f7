import { describe, expect, it } from 'vitest';
import { PgoutputDecoder, rowPlan } from './pgoutput.ts';
import { RowBinaryBatch } from './rowbinary.ts';

// pgoutput messages built byte by byte as Postgres sends them (protocol v2, text values), decoded into RowBinary rows
// and read back here with a reader for the raw table's types.
const COLUMNS: [string, number][] = [
  ['id', 2950],
  ['name', 25],
  ['seen_at', 1184],
  ['tags', 1009],
  ['active', 16],
  ['notes', 3802],
];
const RAW = new Map([
  ['id', 'UUID'],
  ['name', 'Nullable(String)'],
  ['seen_at', "Nullable(DateTime64(3, 'UTC'))"],
  ['tags', 'Array(String)'],
  ['active', 'Bool'],
  ['notes', 'Nullable(String)'],
  ['_version', 'UInt64'],
  ['_deleted', 'UInt8'],
  ['_synced_at', "DateTime64(3, 'UTC')"],
]);

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

/** Reads the rows back: each a list of values, UUIDs and timestamps as ClickHouse prints them. */
function readRows(bytes: Buffer, rows: number): unknown[][] {
  let pos = 0;
  const varint = () => {
    let n = 0;
    for (let shift = 0; ; shift += 7) {
      const b = bytes[pos++] as number;
      n |= (b & 0x7f) << shift;
      if (b < 0x80) return n;
    }
  };
  const string = () => {
    const length = varint();
    pos += length;
    return bytes.toString('utf8', pos - length, pos);
  };
  const nullable = (read: () => unknown) => (bytes[pos++] === 1 ? null : read());
  const uuid = () => {
    const hex = (from: number) =>
      Buffer.from(bytes.subarray(from, from + 8))
        .reverse()
        .toString('hex');
    const text = hex(pos) + hex(pos + 8);
    pos += 16;
    return `${text.slice(0, 8)}-${text.slice(8, 12)}-${text.slice(12, 16)}-${text.slice(16, 20)}-${text.slice(20)}`;
  };
  const datetime64 = () => {
    const ms = bytes.readBigInt64LE(pos);
    pos += 8;
    return new Date(Number(ms)).toISOString();
  };
  const out: unknown[][] = [];
  for (let i = 0; i < rows; i++) {
    const id = uuid();
    const name = nullable(string);
    const seenAt = nullable(datetime64);
    const tags = Array.from({ length: varint() }, string);
    const active = bytes[pos++];
    const notes = nullable(string);
    const version = bytes.readBigUInt64LE(pos);
    pos += 8;
    out.push([id, name, seenAt, tags, active, notes, version, bytes[pos++]]);
  }
  expect(pos).toBe(bytes.length);
  return out;
}

function decode(...changes: Buffer[]): unknown[][] {
  const decoder = new PgoutputDecoder();
  const rel = decoder.relation(relation(16_400, 'members', COLUMNS), 0);
  const plan = rowPlan(rel, RAW);
  const batch = new RowBinaryBatch(rel.table, plan.names);
  changes.forEach((change, i) => {
    expect(decoder.relationOf(change, 0)).toBe(rel);
    decoder.writeChange(change, 0, plan, batch, 1, 100 + i);
  });
  expect(batch.rows).toBe(changes.length);
  expect(plan.names).toEqual(['id', 'name', 'seen_at', 'tags', 'active', 'notes', '_version', '_deleted']);
  return readRows(Buffer.concat(batch.chunks()), changes.length);
}

const ROW = ['6b4c8a1e-2f3d-4c5b-9a8e-7f6d5c4b3a21', 'Ada', '2026-11-25 00:21:45.123+00', '{vip,"a,b"}', 't', '{}'];
const V = (n: number) => 0x1_0000_0000n + BigInt(n);

describe('PgoutputDecoder', () => {
  it('writes an insert as one row, with the version (the LSN) and the deleted flag', () => {
    const insert = Buffer.concat([tag('I'), u32(16_400), tag('N'), tuple(ROW)]);
    expect(decode(insert)).toEqual([[ROW[0], 'Ada', '2026-11-25T00:21:45.123Z', ['vip', 'a,b'], 1, '{}', V(100), 0]]);
  });

  it('writes text as its bytes, timestamps in UTC whatever their zone, and null as null', () => {
    const row = [ROW[0], 'a\tb\nc\\d\re ☕', '2026-11-25 00:21:45+05:30', '{"it\'s \\\\ a\ttab",NULL}', 'f', null];
    const insert = Buffer.concat([tag('I'), u32(16_400), tag('N'), tuple(row)]);
    expect(decode(insert)).toEqual([
      [ROW[0], 'a\tb\nc\\d\re ☕', '2026-11-24T18:51:45.000Z', ["it's \\ a\ttab", ''], 0, null, V(100), 0],
    ]);
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
    const ts = '2026-11-25T00:21:45.123Z';
    expect(decode(update, del, keyOnly, insertWithoutOld)).toEqual([
      [ROW[0], 'Grace', ts, ['vip', 'a,b'], 0, '{}', V(100), 0],
      [ROW[0], 'Ada', ts, ['vip', 'a,b'], 1, '{}', V(101), 1],
      // Null in a column that is not Nullable is the type's zero value.
      [ROW[0], null, null, [], 0, null, V(102), 1],
      // A tuple shorter than the relation (a column the change does not carry) ends in nulls.
      [ROW[0], 'X', null, [], 1, null, V(103), 0],
    ]);
  });

  it('leaves out the columns the raw table lacks, and refuses a type it cannot encode', () => {
    const decoder = new PgoutputDecoder();
    const rel = decoder.relation(relation(16_400, 'members', COLUMNS), 0);
    const partial = rowPlan(rel, new Map([...RAW].filter(([name]) => name !== 'notes' && name !== 'tags')));
    expect(partial.names).toEqual(['id', 'name', 'seen_at', 'active', '_version', '_deleted']);
    expect(partial.complete).toBe(false);
    expect(partial.key).not.toBe(rowPlan(rel, RAW).key);
    expect(() => rowPlan(rel, new Map([...RAW, ['notes', 'Map(String, String)']]))).toThrow(
      'raw.members.notes: no RowBinary encoding from Postgres text for the ClickHouse type Map(String, String)',
    );
    expect(() => rowPlan(rel, new Map([...RAW].filter(([name]) => name !== '_version')))).toThrow('_version');
  });

  it('keeps a relation until Postgres sends it again, with the columns it has then', () => {
    const decoder = new PgoutputDecoder();
    const before = decoder.relation(relation(7, 'tiers', [['id', 2950]]), 0);
    expect(decoder.relationOf(Buffer.concat([tag('I'), u32(7)]), 0)).toBe(before);
    decoder.relation(
      relation(7, 'tiers', [
        ['id', 2950],
        ['rank', 23],
      ]),
      0,
    );
    const after = decoder.relationOf(Buffer.concat([tag('I'), u32(7)]), 0);
    expect(before.columns).toEqual(['id']);
    expect(after.columns).toEqual(['id', 'rank']);
    expect(after.plan).toBeUndefined();
    expect(decoder.isCurrent(before)).toBe(false);
    expect(decoder.isCurrent(after)).toBe(true);
    expect(() => decoder.relationOf(Buffer.concat([tag('I'), u32(8)]), 0)).toThrow('before its relation');
  });
});
