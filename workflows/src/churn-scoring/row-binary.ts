/**
 * raw.member_scores rows in ClickHouse's RowBinary format: the batch's columns that every row shares are encoded
 * once, each row adds its member, probability, band and lifetime value. Binary rows cost the server no parsing,
 * which the text formats made the slowest step of a run.
 */

/** A UUID as RowBinary writes it: its two 64-bit halves, each little-endian. */
export function uuidBytes(uuid: string): Buffer {
  const hex = uuid.replaceAll('-', '');
  if (!/^[0-9a-f]{32}$/i.test(hex)) throw new Error(`not a UUID: ${uuid}`);
  const bytes = Buffer.from(hex, 'hex');
  return Buffer.concat([bytes.subarray(0, 8).reverse(), bytes.subarray(8, 16).reverse()]);
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
      o += uuidBytes(row.memberId).copy(out, o);
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
