/**
 * raw.member_scores rows in ClickHouse's RowBinary format: the batch's columns that every row shares are encoded
 * once, each row adds its member, probability, band and lifetime value. Binary rows cost the server no parsing,
 * which the text formats made the slowest step of a run.
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

export interface ScoreRow {
  memberId: string;
  churnProbability: number;
  churnRiskBand: string;
  expectedPurchases: number;
  probabilityAlive: number;
  expectedSpendPerPurchaseMinor: number;
  predictedClvMinor: number;
}

/** An encoder of one run's rows, in the column order of SCORE_COLUMNS. */
export function scoreRowEncoder(run: ScoreRunColumns): (rows: readonly ScoreRow[]) => Buffer {
  const days = Math.round(Date.parse(`${run.asOfDate}T00:00:00Z`) / 86_400_000);
  const at = Buffer.alloc(8);
  at.writeBigInt64LE(BigInt(run.scoredAt.getTime()));
  const head = Buffer.concat([uuidBytes(run.tenantId), uuidBytes(run.runId)]);
  const middle = Buffer.concat([uint16(days), at, stringBytes(run.churnModelVersion), uint16(run.churnHorizonDays)]);
  const clv = Buffer.concat([stringBytes(run.clvModelVersion), uint16(run.clvHorizonDays)]);
  const bands = new Map<string, Buffer>();
  return (rows) => {
    const size = rows.length * (head.length + 16 + middle.length + 4 + 8 + clv.length + 32);
    const out = Buffer.alloc(size);
    let o = 0;
    for (const row of rows) {
      o += head.copy(out, o);
      o = writeUuid(out, o, row.memberId);
      o += middle.copy(out, o);
      o = out.writeFloatLE(row.churnProbability, o);
      let band = bands.get(row.churnRiskBand);
      if (!band) {
        band = stringBytes(row.churnRiskBand);
        bands.set(row.churnRiskBand, band);
      }
      o += band.copy(out, o);
      o += clv.copy(out, o);
      o = out.writeDoubleLE(row.expectedPurchases, o);
      o = out.writeDoubleLE(row.probabilityAlive, o);
      o = out.writeDoubleLE(row.expectedSpendPerPurchaseMinor, o);
      o = out.writeDoubleLE(row.predictedClvMinor, o);
    }
    return out.subarray(0, o);
  };
}
