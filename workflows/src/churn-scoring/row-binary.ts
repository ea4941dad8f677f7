/**
 * Member ids as ClickHouse's binary formats (RowBinary, Native) hold them: a run keeps them as the bytes it read,
 * compares them in ClickHouse's order and writes them back without text.
 */

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
