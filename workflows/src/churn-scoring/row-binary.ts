/**
 * raw.member_scores rows in ClickHouse's RowBinary format: the page's columns that every row shares are encoded
 * once, each row adds its member (the id's bytes as the features were read), probability, band and lifetime value.
 * Binary rows cost the server no parsing and Node no text.
 */

const HEX = new Int8Array(128).fill(-1);
for (let i = 0; i < 16; i++) {
  HEX['0123456789abcdef'.charCodeAt(i)] = i;
  HEX['0123456789ABCDEF'.charCodeAt(i)] = i;
}

/**
 * Writes a UUID as RowBinary does, its two 64-bit halves each little-endian, into `out` at `at`, straight from its
 * text (no allocation: a run writes a million of them). Answers the offset after it.
 */
export function writeUuid(out: Buffer, at: number, uuid: string): number {
  if (uuid.length !== 36) throw new Error(`not a UUID: ${uuid}`);
  let byte = 0;
  for (let i = 0; i < 36; ) {
    if (i === 8 || i === 13 || i === 18 || i === 23) {
      i += 1;
      continue;
    }
    const hi = HEX[uuid.charCodeAt(i)] ?? -1;
    const lo = HEX[uuid.charCodeAt(i + 1)] ?? -1;
    if (hi < 0 || lo < 0) throw new Error(`not a UUID: ${uuid}`);
    // Byte k of the text goes to position 7 − k of its half.
    out[at + (byte < 8 ? 7 - byte : 23 - byte)] = (hi << 4) | lo;
    byte += 1;
    i += 2;
  }
  return at + 16;
}

/** A UUID as RowBinary writes it. */
export function uuidBytes(uuid: string): Buffer {
  const out = Buffer.alloc(16);
  writeUuid(out, 0, uuid);
  return out;
}

function stringBytes(text: string): Buffer {
  const body = Buffer.from(text, 'utf8');
  if (body.length > 127) throw new Error('strings longer than 127 bytes need a longer length prefix');
  return Buffer.concat([Buffer.from([body.length]), body]);
}

function uint16(n: number): Buffer {
  const b = Buffer.alloc(2);
  b.writeUInt16LE(n);
  return b;
}

export interface ScoreRunColumns {
  tenantId: string;
  runId: string;
  /** YYYY-MM-DD */
  asOfDate: string;
  scoredAt: Date;
  churnModelVersion: string;
  churnHorizonDays: number;
  clvModelVersion: string;
  clvHorizonDays: number;
}

const HEX_DIGITS = '0123456789abcdef';

/** The text of a UUID that RowBinary wrote at `at` (its two 64-bit halves each little-endian). */
export function uuidText(buf: Buffer, at: number): string {
  let out = '';
  for (let k = 0; k < 16; k++) {
    if (k === 4 || k === 6 || k === 8 || k === 10) out += '-';
    const byte = buf[at + (k < 8 ? 7 - k : 23 - k)]!;
    out += HEX_DIGITS[byte >> 4]! + HEX_DIGITS[byte & 15]!;
  }
  return out;
}

/** Orders two RowBinary UUIDs as ClickHouse sorts them: the high 64-bit half, then the low one, each unsigned. */
export function compareUuids(a: Buffer, at: number, b: Buffer, bt: number): number {
  // Each half is little-endian: its high word is at +4. Unrolled, as it runs twice per member scored.
  let x = a.readUInt32LE(at + 4);
  let y = b.readUInt32LE(bt + 4);
  if (x === y) {
    x = a.readUInt32LE(at);
    y = b.readUInt32LE(bt);
    if (x === y) {
      x = a.readUInt32LE(at + 12);
      y = b.readUInt32LE(bt + 12);
      if (x === y) {
        x = a.readUInt32LE(at + 8);
        y = b.readUInt32LE(bt + 8);
      }
    }
  }
  return x === y ? 0 : x < y ? -1 : 1;
}

/** A page of scores, column by column; member ids stay as the RowBinary bytes they were read as. */
export interface ScoreColumns {
  n: number;
  /** Where member i's 16 id bytes start in `ids`. */
  idAt: Int32Array;
  ids: Buffer;
  churnProbability: Float32Array;
  expectedPurchases: Float64Array;
  probabilityAlive: Float64Array;
  expectedSpendPerPurchaseMinor: Float64Array;
  predictedClvMinor: Float64Array;
}

/** Copies `from` into `out` at `at` byte by byte: for the few bytes of a row, cheaper than a native copy call. */
function put(out: Uint8Array, at: number, from: Uint8Array): number {
  for (let k = 0; k < from.length; k++) out[at + k] = from[k]!;
  return at + from.length;
}

/**
 * An encoder of one run's pages of columns, rows in the column order of SCORE_COLUMNS. The parts every row shares
 * are encoded once; numbers go through a DataView, bytes through plain loops (a million rows a run).
 */
export function scoreColumnsEncoder(
  run: ScoreRunColumns,
  bandOf: (p: number) => string,
): (page: ScoreColumns) => Buffer {
  const days = Math.round(Date.parse(`${run.asOfDate}T00:00:00Z`) / 86_400_000);
  const at = Buffer.alloc(8);
  at.writeBigInt64LE(BigInt(run.scoredAt.getTime()));
  const head = new Uint8Array(Buffer.concat([uuidBytes(run.tenantId), uuidBytes(run.runId)]));
  const middle = new Uint8Array(
    Buffer.concat([uint16(days), at, stringBytes(run.churnModelVersion), uint16(run.churnHorizonDays)]),
  );
  const clv = new Uint8Array(Buffer.concat([stringBytes(run.clvModelVersion), uint16(run.clvHorizonDays)]));
  const bands = new Map<string, Uint8Array>();
  const longestBand = 1 + 6;
  return (page) => {
    const out = Buffer.allocUnsafe(page.n * (head.length + 16 + middle.length + 4 + longestBand + clv.length + 32));
    const view = new DataView(out.buffer, out.byteOffset, out.length);
    const ids = page.ids;
    let o = 0;
    for (let i = 0; i < page.n; i++) {
      o = put(out, o, head);
      const id = page.idAt[i]!;
      for (let k = 0; k < 16; k++) out[o + k] = ids[id + k]!;
      o = put(out, o + 16, middle);
      const p = page.churnProbability[i]!;
      view.setFloat32(o, p, true);
      o += 4;
      const name = bandOf(p);
      let band = bands.get(name);
      if (!band) {
        band = new Uint8Array(stringBytes(name));
        bands.set(name, band);
      }
      o = put(out, o, band);
      o = put(out, o, clv);
      view.setFloat64(o, page.expectedPurchases[i]!, true);
      view.setFloat64(o + 8, page.probabilityAlive[i]!, true);
      view.setFloat64(o + 16, page.expectedSpendPerPurchaseMinor[i]!, true);
      view.setFloat64(o + 24, page.predictedClvMinor[i]!, true);
      o += 32;
    }
    return out.subarray(0, o);
  };
}
