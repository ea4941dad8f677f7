import type { RiskBand } from '@loyaltystudio/ml';
import { NO_POOL, type Pool } from './buffers.ts';
import { RISK_BANDS } from './queries.ts';
import type { ScoreColumns } from './row-binary.ts';

/**
 * ClickHouse's Native format for the fixed-width columns a scoring run moves (UUID, UInt8, Float32, Float64): a
 * result is blocks of whole columns, so the engine writes and reads them with a copy per column rather than a step
 * per value, and Node takes each column as a typed array. A block is the column count and row count as varints, then
 * per column its name, its type and its values (a UUID is 16 bytes as in RowBinary).
 */

/** Bytes of a value of each fixed-width type a run reads or writes. */
const WIDTH: Record<string, number> = { UUID: 16, UInt8: 1, Float32: 4, Float64: 8 };

/** A result's columns, each the values of every block in one buffer of its own (aligned for typed views). */
export interface NativeColumns {
  rows: number;
  columns: Buffer[];
}

function varint(buf: Buffer, at: number): [number, number] {
  let value = 0;
  let shift = 0;
  for (;;) {
    const byte = buf[at++];
    if (byte === undefined) throw new Error('Native result cut short');
    value += (byte & 0x7f) * 2 ** shift;
    if (byte < 0x80) return [value, at];
    shift += 7;
  }
}

/**
 * Parses a Native result whose columns have the given types, in order, joining its blocks column by column into
 * buffers of the pool (`buf` is not referred to afterwards).
 */
export function parseNative(buf: Buffer, types: readonly string[], pool: Pool = NO_POOL): NativeColumns {
  const parts: Array<Array<[number, number]>> = types.map(() => []);
  let rows = 0;
  let at = 0;
  while (at < buf.length) {
    let columns: number;
    let n: number;
    [columns, at] = varint(buf, at);
    [n, at] = varint(buf, at);
    if (columns !== types.length) throw new Error(`Native block of ${columns} columns: expected ${types.length}`);
    for (let c = 0; c < columns; c++) {
      let length: number;
      [length, at] = varint(buf, at); // name
      [length, at] = varint(buf, at + length); // type
      const type = buf.toString('latin1', at, at + length);
      if (type !== types[c]) throw new Error(`Native column ${c} is ${type}: expected ${types[c]}`);
      at += length;
      const bytes = n * (WIDTH[type] as number);
      parts[c]!.push([at, bytes]);
      at += bytes;
    }
    rows += n;
  }
  if (at !== buf.length) throw new Error('Native result cut short');
  const columns = types.map((type, c) => {
    const out = pool.buffer(rows * (WIDTH[type] as number));
    let o = 0;
    for (const [from, bytes] of parts[c]!) o += buf.copy(out, o, from, from + bytes);
    return out;
  });
  return { rows, columns };
}

export const float32s = (b: Buffer) => new Float32Array(b.buffer, b.byteOffset, b.length / 4);
export const float64s = (b: Buffer) => new Float64Array(b.buffer, b.byteOffset, b.length / 8);

/** A column to encode: its name, type and values (`bytes` already laid out as Native holds them). */
export interface NativeColumn {
  name: string;
  type: keyof typeof WIDTH;
  bytes: Uint8Array;
}

/** One Native block of `rows` rows, as the pieces to send in order (the columns' own bytes, not copied). */
export function encodeNative(rows: number, columns: readonly NativeColumn[]): Uint8Array[] {
  const head = (text: string) => Buffer.concat([Buffer.from([text.length]), Buffer.from(text, 'latin1')]);
  const parts: Uint8Array[] = [varintBytes(columns.length), varintBytes(rows)];
  for (const column of columns) {
    if (column.bytes.length !== rows * (WIDTH[column.type] as number)) {
      throw new Error(`column ${column.name} holds ${column.bytes.length} bytes for ${rows} rows`);
    }
    parts.push(head(column.name), head(column.type), column.bytes);
  }
  return parts;
}

function varintBytes(value: number): Buffer {
  const out: number[] = [];
  let v = value;
  while (v >= 0x80) {
    out.push((v % 0x80) | 0x80);
    v = Math.floor(v / 0x80);
  }
  out.push(v);
  return Buffer.from(out);
}

/**
 * A page of scores as one Native block of SCORES_INSERT_SQL's input: the members' id bytes as read, the band as its
 * 1-based place in RISK_BANDS, the numbers' columns as they are. The ids and bands go into buffers of the pool, which
 * `pooled` names for giving back once the block is written.
 */
export function encodeScores(
  page: ScoreColumns,
  bandOf: (p: number) => RiskBand,
  pool: Pool = NO_POOL,
): { body: Uint8Array[]; pooled: ArrayBufferLike[] } {
  const { n } = page;
  const ids = pool.buffer(n * 16);
  const bands = pool.uint8(n);
  for (let i = 0; i < n; i++) {
    const at = page.idAt[i]!;
    for (let k = 0; k < 16; k++) ids[i * 16 + k] = page.ids[at + k]!;
    bands[i] = RISK_BANDS.indexOf(bandOf(page.churnProbability[i]!)) + 1;
  }
  const bytes = (a: Float32Array | Float64Array) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  const body = encodeNative(n, [
    { name: 'member_id', type: 'UUID', bytes: ids },
    { name: 'churn_probability', type: 'Float32', bytes: bytes(page.churnProbability.subarray(0, n)) },
    { name: 'band', type: 'UInt8', bytes: bands },
    { name: 'expected_purchases', type: 'Float64', bytes: bytes(page.expectedPurchases) },
    { name: 'probability_alive', type: 'Float64', bytes: bytes(page.probabilityAlive) },
    { name: 'expected_spend_per_purchase_minor', type: 'Float64', bytes: bytes(page.expectedSpendPerPurchaseMinor) },
    { name: 'predicted_clv_minor', type: 'Float64', bytes: bytes(page.predictedClvMinor) },
  ]);
  return { body, pooled: [ids.buffer, bands.buffer] };
}
