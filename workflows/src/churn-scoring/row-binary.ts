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

/**
 * Orders member `i` of `a` and member `j` of `b`, id columns as 32-bit words (4 a member), as ClickHouse sorts UUIDs:
 * the high 64-bit half, then the low one, each unsigned. Each half is little-endian: its high word comes second.
 */
export function compareUuids(a: Uint32Array, i: number, b: Uint32Array, j: number): number {
  // Unrolled: it runs twice per member scored.
  let x = a[i * 4 + 1]!;
  let y = b[j * 4 + 1]!;
  if (x === y) {
    x = a[i * 4]!;
    y = b[j * 4]!;
    if (x === y) {
      x = a[i * 4 + 3]!;
      y = b[j * 4 + 3]!;
      if (x === y) {
        x = a[i * 4 + 2]!;
        y = b[j * 4 + 2]!;
      }
    }
  }
  return x === y ? 0 : x < y ? -1 : 1;
}

/** An id column's bytes as 32-bit words (4 a member), for compareUuids. */
export const uuidWords = (ids: Buffer) => new Uint32Array(ids.buffer, ids.byteOffset, ids.length / 4);

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
