import { Readable } from 'node:stream';
import type { ClickHouseClient } from '@clickhouse/client';
import { days, float, integer, latin1, scaled, ticks } from './pg-text.ts';
import {
  ARRAY,
  type ColumnEncoder,
  DATE,
  DATE32,
  DATETIME,
  DATETIME64,
  DECIMAL,
  FIXED_STRING,
  FLOAT32,
  FLOAT64,
  INT8,
  INT16,
  INT32,
  INT64,
  SIMPLE_BYTES,
  STRING,
  UINT8,
  UINT16,
  UINT32,
  UINT64,
  UUID,
} from './rowbinary-columns.ts';
import { parseArray } from './values.ts';

/**
 * Rows of one raw table in ClickHouse's RowBinary, encoded straight from Postgres's text output (sessions run with
 * TimeZone=UTC) into the types the raw table's columns have: ClickHouse then copies bytes instead of parsing text,
 * which made its share of an insert about half of what TabSeparated cost. The wire format is
 * https://clickhouse.com/docs/interfaces/formats/RowBinary: little-endian integers, a LEB128 length before strings
 * and arrays, a 0/1 byte before a Nullable value, DateTime64 as Int64 ticks, UUID as its two 64-bit halves, each
 * little-endian.
 */

const CHUNK_BYTES = 1 << 20;
/** Chunks of batches already written, reused by the next batches: the stream holds about three batches at a time. */
const spareChunks: Buffer[] = [];
const MAX_SPARE_CHUNKS = 64;

const HEX = new Int8Array(256).fill(-1);
for (let i = 0; i < 10; i++) HEX[0x30 + i] = i;
for (let i = 0; i < 6; i++) {
  HEX[0x41 + i] = 10 + i;
  HEX[0x61 + i] = 10 + i;
}

/**
 * RowBinary rows for `INSERT INTO raw.<table> (<names>)`, written into 1 MiB chunks that are reused once the batch is
 * written. Columns the names leave out take their DEFAULT (`_synced_at`).
 */
export class RowBinaryBatch {
  readonly table: string;
  readonly names: readonly string[];
  rows = 0;
  #chunks: Buffer[] = [];
  #buf: Buffer = spareChunks.pop() ?? Buffer.allocUnsafe(CHUNK_BYTES);
  #pos = 0;

  constructor(table: string, names: readonly string[]) {
    this.table = table;
    this.names = names;
  }

  /** Room for `n` more bytes in the current chunk. */
  #reserve(n: number): void {
    if (this.#pos + n <= this.#buf.length) return;
    if (this.#pos > 0) this.#chunks.push(this.#buf.subarray(0, this.#pos));
    this.#buf = n <= CHUNK_BYTES ? (spareChunks.pop() ?? Buffer.allocUnsafe(CHUNK_BYTES)) : Buffer.allocUnsafe(n);
    this.#pos = 0;
  }

  byte(b: number): void {
    this.#reserve(1);
    this.#buf[this.#pos++] = b;
  }

  /** A row's version (`_version` UInt64): the change's LSN, from its two 32-bit halves. */
  version(high: number, low: number): void {
    this.#int64(high, low);
  }

  /** A row's flag (`_deleted` UInt8). */
  flag(set: boolean): void {
    this.byte(set ? 1 : 0);
  }

  /** A 64-bit integer from its two 32-bit halves (`high` signed or unsigned alike). */
  #int64(high: number, low: number): void {
    this.#reserve(8);
    const buf = this.#buf;
    let pos = this.#pos;
    buf[pos++] = low;
    buf[pos++] = low >>> 8;
    buf[pos++] = low >>> 16;
    buf[pos++] = low >>> 24;
    buf[pos++] = high;
    buf[pos++] = high >>> 8;
    buf[pos++] = high >>> 16;
    buf[pos++] = high >>> 24;
    this.#pos = pos;
  }

  /** The value of Postgres's text `src[start, end)` in a column of `encoder`'s type. */
  value(encoder: ColumnEncoder, src: Uint8Array, start: number, end: number): void {
    if (encoder.nullable) this.byte(0);
    switch (encoder.kind) {
      case STRING:
        this.#bytes(src, start, end);
        return;
      case UUID:
        this.#uuid(encoder, src, start, end);
        return;
      case DATETIME64:
        this.#integer(8, ticks(encoder, src, start, end, encoder.scale));
        return;
      case DATETIME:
        this.#integer(4, ticks(encoder, src, start, end, 1));
        return;
      case DATE:
        this.#integer(2, days(encoder, src, start, end));
        return;
      case DATE32:
        this.#integer(4, days(encoder, src, start, end));
        return;
      case INT8:
      case UINT8:
        this.#integer(1, integer(encoder, src, start, end));
        return;
      case INT16:
      case UINT16:
        this.#integer(2, integer(encoder, src, start, end));
        return;
      case INT32:
      case UINT32:
        this.#integer(4, integer(encoder, src, start, end));
        return;
      case INT64:
      case UINT64:
        this.#integer(8, integer(encoder, src, start, end));
        return;
      case FLOAT32:
        this.#reserve(4);
        this.#pos = this.#buf.writeFloatLE(float(src, start, end), this.#pos);
        return;
      case FLOAT64:
        this.#reserve(8);
        this.#pos = this.#buf.writeDoubleLE(float(src, start, end), this.#pos);
        return;
      case DECIMAL:
        this.#bigInteger(encoder.bytes, scaled(encoder, latin1(src, start, end)));
        return;
      case FIXED_STRING: {
        if (end - start > encoder.scale) throw new Error(`'${latin1(src, start, end)}' is longer than ${encoder.type}`);
        this.#reserve(encoder.scale);
        const buf = this.#buf;
        for (let i = start; i < end; i++) buf[this.#pos++] = src[i] as number;
        buf.fill(0, this.#pos, this.#pos + encoder.scale - (end - start));
        this.#pos += encoder.scale - (end - start);
        return;
      }
      default:
        this.#array(
          encoder.element as ColumnEncoder,
          Buffer.from(src.buffer, src.byteOffset, src.byteLength),
          start,
          end,
        );
    }
  }

  /** SQL null: the null flag in a Nullable column, otherwise the type's zero value ('' , 0, [], the epoch). */
  null(encoder: ColumnEncoder): void {
    if (encoder.nullable) {
      this.byte(1);
      return;
    }
    switch (encoder.kind) {
      case STRING:
      case ARRAY:
        this.byte(0);
        return;
      case FIXED_STRING:
        this.#zeros(encoder.scale);
        return;
      case DECIMAL:
        this.#zeros(encoder.bytes);
        return;
      default:
        this.#zeros(SIMPLE_BYTES[encoder.kind] as number);
    }
  }

  #zeros(n: number): void {
    this.#reserve(n);
    this.#buf.fill(0, this.#pos, this.#pos + n);
    this.#pos += n;
  }

  #varint(n: number): void {
    this.#reserve(5);
    const buf = this.#buf;
    while (n >= 0x80) {
      buf[this.#pos++] = (n & 0x7f) | 0x80;
      n >>>= 7;
    }
    buf[this.#pos++] = n;
  }

  /** A String: its length, then its bytes. */
  #bytes(src: Uint8Array, start: number, end: number): void {
    const length = end - start;
    this.#varint(length);
    this.#reserve(length);
    if (length > 32) {
      this.#buf.set(src.subarray(start, end), this.#pos);
      this.#pos += length;
      return;
    }
    const buf = this.#buf;
    let pos = this.#pos;
    for (let i = start; i < end; i++) buf[pos++] = src[i] as number;
    this.#pos = pos;
  }

  /**
   * '01234567-89ab-cdef-0123-456789abcdef' as ClickHouse stores a UUID: two UInt64 halves, each little-endian, so
   * each half's eight bytes in reverse order (ef cd ab 89 67 45 23 01, then the second half likewise).
   */
  #uuid(encoder: ColumnEncoder, src: Uint8Array, start: number, end: number): void {
    this.#reserve(16);
    const buf = this.#buf;
    const at = this.#pos;
    let out = 0;
    for (let i = start; i < end && out < 16; ) {
      const hi = HEX[src[i] as number] as number;
      if (hi < 0 && src[i] === 0x2d /* - */) {
        i++;
        continue;
      }
      const lo = HEX[src[i + 1] as number] as number;
      if (hi < 0 || lo < 0 || i + 1 >= end) break;
      buf[at + (out < 8 ? 7 - out : 23 - out)] = (hi << 4) | lo;
      out++;
      i += 2;
    }
    if (out !== 16) throw new Error(`'${latin1(src, start, end)}' is not a ${encoder.type}`);
    this.#pos = at + 16;
  }

  /** An integer of `width` bytes, two's complement; beyond 2^53 a bigint. */
  #integer(width: number, value: number | bigint): void {
    if (typeof value === 'bigint') {
      this.#bigInteger(width, value);
      return;
    }
    if (width === 8) {
      this.#int64(Math.floor(value / 0x1_0000_0000), value >>> 0);
      return;
    }
    this.#reserve(width);
    const buf = this.#buf;
    for (let i = 0; i < width; i++) {
      buf[this.#pos++] = value & 0xff;
      value >>= 8;
    }
  }

  #bigInteger(width: number, value: bigint): void {
    this.#reserve(width);
    let bits = BigInt.asUintN(width * 8, value);
    for (let i = 0; i < width; i++) {
      this.#buf[this.#pos++] = Number(bits & 0xffn);
      bits >>= 8n;
    }
  }

  /** A Postgres array literal (`{a,"b c",NULL}`) as an Array: the count, then each element in its own type. */
  #array(element: ColumnEncoder, src: Buffer, start: number, end: number): void {
    const elements = parseArray(src.toString('utf8', start, end));
    this.#varint(elements.length);
    for (const text of elements) {
      if (text === null) {
        this.null(element);
        continue;
      }
      const bytes = Buffer.from(text, 'utf8');
      this.value(element, bytes, 0, bytes.length);
    }
  }

  /** The bytes written, as chunks; the batch is not written to afterwards. */
  chunks(): Buffer[] {
    if (this.#pos > 0) this.#chunks.push(this.#buf.subarray(0, this.#pos));
    else if (this.#buf.length === CHUNK_BYTES) spareChunks.push(this.#buf);
    this.#pos = 0;
    this.#buf = Buffer.alloc(0);
    return this.#chunks;
  }

  /** Hands the batch's chunks to later batches, once ClickHouse has read them. */
  release(): void {
    for (const chunk of this.#chunks) {
      if (chunk.byteOffset !== 0 || chunk.buffer.byteLength !== CHUNK_BYTES || spareChunks.length >= MAX_SPARE_CHUNKS) {
        continue;
      }
      spareChunks.push(Buffer.from(chunk.buffer, 0, CHUNK_BYTES));
    }
    this.#chunks = [];
  }
}

/**
 * Writes a batch to `raw.<table>`: its columns, RowBinary. The batch's chunks are reused once ClickHouse answered.
 * `optimize_on_insert = 0`: ClickHouse does not collapse the versions of one key within the insert, which readers do
 * anyway (`FINAL`, `argMax`), and an insert into a ReplacingMergeTree then costs chDB about half the CPU per row.
 */
export async function insertRowBinary(clickhouse: ClickHouseClient, batch: RowBinaryBatch): Promise<void> {
  const columns = batch.names.map((name) => `\`${name.replaceAll('`', '\\`')}\``).join(', ');
  const result = await clickhouse.exec({
    query: `INSERT INTO raw.\`${batch.table}\` (${columns}) FORMAT RowBinary`,
    values: Readable.from(batch.chunks(), { objectMode: false }),
    clickhouse_settings: { optimize_on_insert: 0 },
  });
  for await (const _ of result.stream) {
    // An insert answers with an empty body.
  }
  batch.release();
}

/** The columns of every `raw` table, by table: name → ClickHouse type. */
export async function rawColumns(
  clickhouse: ClickHouseClient,
  tables: readonly string[],
): Promise<Map<string, Map<string, string>>> {
  const result = await clickhouse.query({
    query: `SELECT table, name, type FROM system.columns
             WHERE database = 'raw' AND table IN {tables:Array(String)} ORDER BY table, position`,
    query_params: { tables },
    format: 'JSONEachRow',
  });
  const byTable = new Map<string, Map<string, string>>(tables.map((table) => [table, new Map()]));
  for (const { table, name, type } of await result.json<{ table: string; name: string; type: string }>()) {
    byTable.get(table)?.set(name, type);
  }
  return byTable;
}
