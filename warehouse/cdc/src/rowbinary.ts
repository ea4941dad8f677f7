import { Readable } from 'node:stream';
import type { ClickHouseClient } from '@clickhouse/client';
import { parseArray } from './values.ts';

/**
 * Rows of one raw table in ClickHouse's RowBinary, encoded straight from Postgres's text output (sessions run with
 * TimeZone=UTC) into the types the raw table's columns have: ClickHouse then copies bytes instead of parsing text,
 * which made its share of an insert about half of what TabSeparated cost. The wire format is
 * https://clickhouse.com/docs/interfaces/formats/RowBinary: little-endian integers, a LEB128 length before strings
 * and arrays, a 0/1 byte before a Nullable value, DateTime64 as Int64 ticks, UUID as its two 64-bit halves, each
 * little-endian.
 */

/** How a column's value is encoded. */
const STRING = 0;
const UUID = 1;
const DATETIME64 = 2;
const DATETIME = 3;
const DATE = 4;
const DATE32 = 5;
const INT8 = 6;
const INT16 = 7;
const INT32 = 8;
const INT64 = 9;
const UINT8 = 10;
const UINT16 = 11;
const UINT32 = 12;
const UINT64 = 13;
const FLOAT32 = 14;
const FLOAT64 = 15;
const DECIMAL = 16;
const ARRAY = 17;
const FIXED_STRING = 18;

/** What one raw column is written as. */
export interface ColumnEncoder {
  /** The ClickHouse type it was made from, for messages. */
  type: string;
  kind: number;
  nullable: boolean;
  /** DateTime64's ticks per second (10^precision); Decimal's scale; FixedString's length. */
  scale: number;
  /** Decimal's width in bytes (4, 8, 16, 32). */
  bytes: number;
  /** An array's element. */
  element: ColumnEncoder | undefined;
}

const SIMPLE: Record<string, [kind: number, bytes: number]> = {
  String: [STRING, 0],
  UUID: [UUID, 16],
  Date: [DATE, 2],
  Date32: [DATE32, 4],
  DateTime: [DATETIME, 4],
  Int8: [INT8, 1],
  Int16: [INT16, 2],
  Int32: [INT32, 4],
  Int64: [INT64, 8],
  UInt8: [UINT8, 1],
  Bool: [UINT8, 1],
  UInt16: [UINT16, 2],
  UInt32: [UINT32, 4],
  UInt64: [UINT64, 8],
  Float32: [FLOAT32, 4],
  Float64: [FLOAT64, 8],
};

/**
 * The encoder for a ClickHouse column type as `system.columns` spells it (`Nullable(DateTime64(3, 'UTC'))`,
 * `LowCardinality(String)`, `Array(String)`, `Decimal(18, 2)`…). Throws on a type it cannot encode.
 */
export function columnEncoder(type: string): ColumnEncoder {
  const encoder = encoderOf(type.trim(), false);
  if (!encoder) throw new Error(`no RowBinary encoding from Postgres text for the ClickHouse type ${type}`);
  return encoder;
}

function encoderOf(type: string, nullable: boolean): ColumnEncoder | undefined {
  const make = (kind: number, scale = 0, bytes = 0, element?: ColumnEncoder): ColumnEncoder => ({
    type,
    kind,
    nullable,
    scale,
    bytes,
    element,
  });
  const wrapped = /^(\w+)\((.*)\)$/s.exec(type);
  if (!wrapped) {
    const simple = SIMPLE[type];
    return simple ? make(simple[0], 0, simple[1]) : undefined;
  }
  const [, name, args] = wrapped as unknown as [string, string, string];
  switch (name) {
    case 'Nullable':
      return nullable ? undefined : encoderOf(args.trim(), true);
    case 'LowCardinality': {
      // Written as its inner type; the dictionary is ClickHouse's business.
      const inner = encoderOf(args.trim(), nullable);
      return inner && { ...inner, type };
    }
    case 'Array': {
      const element = encoderOf(args.trim(), false);
      return element && !nullable ? make(ARRAY, 0, 0, element) : undefined;
    }
    case 'DateTime':
      return make(DATETIME, 0, 4);
    case 'DateTime64': {
      const precision = Number(args.split(',')[0]);
      return Number.isInteger(precision) && precision >= 0 && precision <= 9
        ? make(DATETIME64, 10 ** precision, 8)
        : undefined;
    }
    case 'FixedString': {
      const length = Number(args);
      return Number.isInteger(length) && length > 0 ? make(FIXED_STRING, length) : undefined;
    }
    case 'Decimal': {
      const [precision, scale] = args.split(',').map(Number) as [number, number];
      return decimal(make, precision, scale ?? 0);
    }
    case 'Decimal32':
      return decimal(make, 9, Number(args));
    case 'Decimal64':
      return decimal(make, 18, Number(args));
    case 'Decimal128':
      return decimal(make, 38, Number(args));
    case 'Decimal256':
      return decimal(make, 76, Number(args));
    default:
      return undefined;
  }
}

function decimal(
  make: (kind: number, scale: number, bytes: number) => ColumnEncoder,
  precision: number,
  scale: number,
): ColumnEncoder | undefined {
  if (!Number.isInteger(precision) || !Number.isInteger(scale) || precision < 1 || precision > 76) return undefined;
  return make(DECIMAL, scale, precision <= 9 ? 4 : precision <= 18 ? 8 : precision <= 38 ? 16 : 32);
}

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

const SIMPLE_BYTES: Record<number, number> = {
  [UUID]: 16,
  [DATETIME64]: 8,
  [DATETIME]: 4,
  [DATE]: 2,
  [DATE32]: 4,
  [INT8]: 1,
  [INT16]: 2,
  [INT32]: 4,
  [INT64]: 8,
  [UINT8]: 1,
  [UINT16]: 2,
  [UINT32]: 4,
  [UINT64]: 8,
  [FLOAT32]: 4,
  [FLOAT64]: 8,
};

const latin1 = (src: Uint8Array, start: number, end: number) =>
  Buffer.from(src.buffer, src.byteOffset, src.byteLength).toString('latin1', start, end);

const invalid = (encoder: ColumnEncoder, src: Uint8Array, start: number, end: number) =>
  new Error(`'${latin1(src, start, end)}' is not a ${encoder.type}`);

/** Postgres's integer text ('-42'), or a boolean's 't'/'f' as 1/0; past 15 digits a bigint. */
function integer(encoder: ColumnEncoder, src: Uint8Array, start: number, end: number): number | bigint {
  const first = src[start];
  if (end - start === 1 && (first === 0x74 /* t */ || first === 0x66) /* f */) return first === 0x74 ? 1 : 0;
  const negative = first === 0x2d;
  let i = negative || first === 0x2b ? start + 1 : start;
  if (i >= end) throw invalid(encoder, src, start, end);
  if (end - i > 15) {
    try {
      return BigInt(latin1(src, start, end));
    } catch {
      throw invalid(encoder, src, start, end);
    }
  }
  let value = 0;
  for (; i < end; i++) {
    const digit = (src[i] as number) - 0x30;
    if (digit < 0 || digit > 9) throw invalid(encoder, src, start, end);
    value = value * 10 + digit;
  }
  return negative ? -value : value;
}

function float(src: Uint8Array, start: number, end: number): number {
  return Number(latin1(src, start, end));
}

/** A Decimal's text ('-12.345') as the integer it is stored as: the value times 10^scale, digits past it cut. */
function scaled(encoder: ColumnEncoder, text: string): bigint {
  const match = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(text);
  if (!match || (match[2] === '' && !match[3])) throw new Error(`'${text}' is not a ${encoder.type}`);
  const fraction = (match[3] ?? '').slice(0, encoder.scale).padEnd(encoder.scale, '0');
  const value = BigInt(`${match[2] || '0'}${fraction}`);
  return match[1] === '-' ? -value : value;
}

const digitAt = (src: Uint8Array, i: number) => (src[i] as number) - 0x30;

function digits(src: Uint8Array, from: number, count: number): number {
  let value = 0;
  for (let i = from; i < from + count; i++) {
    const digit = digitAt(src, i);
    if (digit < 0 || digit > 9) return Number.NaN;
    value = value * 10 + digit;
  }
  return value;
}

/** Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/**
 * Postgres's text of a date or timestamp ('2026-11-25', '2026-11-25 00:21:45.123+00', '… +05:30') as ticks of
 * 1/`perSecond` s since the Unix epoch, in UTC: digits past the precision are cut, as ClickHouse's text parser does.
 */
function ticks(
  encoder: ColumnEncoder,
  src: Uint8Array,
  start: number,
  end: number,
  perSecond: number,
): number | bigint {
  const year = digits(src, start, 4);
  const month = digits(src, start + 5, 2);
  const day = digits(src, start + 8, 2);
  if (end - start < 10 || src[start + 4] !== 0x2d || src[start + 7] !== 0x2d || Number.isNaN(year + month + day)) {
    throw invalid(encoder, src, start, end);
  }
  let seconds = daysFromCivil(year, month, day) * 86_400;
  let fraction = 0;
  let i = start + 10;
  if (i < end && src[i] === 0x20) {
    const time = digits(src, i + 1, 2) * 3600 + digits(src, i + 4, 2) * 60 + digits(src, i + 7, 2);
    if (Number.isNaN(time) || end - i < 9) throw invalid(encoder, src, start, end);
    seconds += time;
    i += 9;
    if (i < end && src[i] === 0x2e /* . */) {
      let unit = perSecond;
      for (i++; i < end; i++) {
        const digit = digitAt(src, i);
        if (digit < 0 || digit > 9) break;
        unit /= 10;
        if (unit >= 1) fraction += digit * unit;
      }
    }
  }
  if (i < end) {
    // The zone: '+hh', '+hh:mm' or '+hh:mm:ss' (UTC sessions write '+00').
    const sign = src[i] === 0x2d ? -1 : src[i] === 0x2b ? 1 : 0;
    const hours = digits(src, i + 1, 2);
    const minutes = end - i >= 6 ? digits(src, i + 4, 2) : 0;
    const secs = end - i >= 9 ? digits(src, i + 7, 2) : 0;
    if (sign === 0 || Number.isNaN(hours + minutes + secs)) throw invalid(encoder, src, start, end);
    seconds -= sign * (hours * 3600 + minutes * 60 + secs);
  }
  const value = seconds * perSecond + Math.floor(fraction);
  return Number.isSafeInteger(value) ? value : BigInt(seconds) * BigInt(perSecond) + BigInt(Math.floor(fraction));
}

/** Days since 1970-01-01 of a date's (or timestamp's) text. */
function days(encoder: ColumnEncoder, src: Uint8Array, start: number, end: number): number {
  return Math.floor(Number(ticks(encoder, src, start, end, 1)) / 86_400);
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
