import type { ClickHouseClient } from '@clickhouse/client';
import type { ChurnModel, ClvPrediction, PurchaseHistory } from '@loyaltystudio/ml';
import { featureRowBytes, REPEAT_ROW_BYTES } from './queries.ts';
import { compareUuids, type ScoreColumns, uuidText } from './row-binary.ts';

/**
 * A page of a scoring run as read from the marts in RowBinary: its members' features (fixed-width rows of a UUID
 * and Float32s, see `featuresSql`) and the lifetime-value inputs of those of them with purchases.
 */
export interface Page {
  rows: number;
  features: Buffer;
  repeat: Buffer;
  /** The last member of the page, as text: where the next page starts. */
  last: string | null;
}

/** A RowBinary result, whole, in a buffer of its own (so Float32 views of it are aligned). */
export async function readRowBinary(
  clickhouse: ClickHouseClient,
  query: string,
  params: Record<string, unknown>,
  signal?: AbortSignal,
): Promise<Buffer> {
  const result = await clickhouse.exec({ query, query_params: params, abort_signal: signal });
  const chunks: Buffer[] = [];
  let bytes = 0;
  for await (const chunk of result.stream as AsyncIterable<Buffer>) {
    chunks.push(chunk);
    bytes += chunk.length;
  }
  const out = Buffer.allocUnsafeSlow(bytes);
  let o = 0;
  for (const chunk of chunks) o += chunk.copy(out, o);
  return out;
}

/** Rows per onnxruntime run: large enough to amortise a run, small enough to stay in cache. */
const SCORE_CHUNK = 10_000;

export interface ScoredPage {
  columns: ScoreColumns;
  refused: number;
}

/**
 * Scores a page: the rows the spec accepts go to the model in chunks (onnxruntime works off the main thread) while
 * their lifetime value is computed here, merging the page's purchase histories by member id (both in ClickHouse's
 * UUID order). A member without a repeat purchase row is counted from enrolment with x = 0.
 */
export async function scorePage(
  page: Page,
  model: ChurnModel,
  predict: (history: PurchaseHistory) => ClvPrediction,
): Promise<ScoredPage> {
  const width = model.spec.features.length;
  const stride = featureRowBytes(model.spec) / 4;
  const floats = new Float32Array(page.features.buffer, page.features.byteOffset, page.rows * stride);
  const idAt = new Int32Array(page.rows);
  const matrix = new Float32Array(page.rows * width);
  let n = 0;
  for (let r = 0; r < page.rows; r++) {
    const base = r * stride;
    if (floats[base + 5 + width] !== 1) continue;
    idAt[n] = base * 4;
    matrix.set(floats.subarray(base + 4, base + 4 + width), n * width);
    n += 1;
  }
  const scoring = (async () => {
    const probabilities = new Float32Array(n);
    for (let from = 0; from < n; from += SCORE_CHUNK) {
      const rows = Math.min(SCORE_CHUNK, n - from);
      probabilities.set(await model.score(matrix.subarray(from * width, (from + rows) * width), rows), from);
    }
    return probabilities;
  })();
  // A failure of the scoring surfaces when it is awaited, not before.
  scoring.catch(() => {});

  const columns = {
    n,
    idAt: idAt.subarray(0, n),
    ids: page.features,
    expectedPurchases: new Float64Array(n),
    probabilityAlive: new Float64Array(n),
    expectedSpendPerPurchaseMinor: new Float64Array(n),
    predictedClvMinor: new Float64Array(n),
  };
  const repeat = page.repeat;
  const repeatRows = repeat.length / REPEAT_ROW_BYTES;
  let j = 0;
  for (let i = 0; i < n; i++) {
    const at = idAt[i]!;
    while (j < repeatRows && compareUuids(repeat, j * REPEAT_ROW_BYTES, page.features, at) < 0) j += 1;
    let history: PurchaseHistory;
    if (j < repeatRows && compareUuids(repeat, j * REPEAT_ROW_BYTES, page.features, at) === 0) {
      const o = j * REPEAT_ROW_BYTES + 16;
      const mean = repeat.readDoubleLE(o + 24);
      history = {
        x: repeat.readDoubleLE(o),
        tx: repeat.readDoubleLE(o + 8),
        T: repeat.readDoubleLE(o + 16),
        meanValue: Number.isNaN(mean) ? null : mean,
      };
    } else {
      history = { x: 0, tx: 0, T: floats[at / 4 + 4 + width]!, meanValue: null };
    }
    const value = predict(history);
    columns.expectedPurchases[i] = value.expectedPurchases;
    columns.probabilityAlive[i] = value.probabilityAlive;
    columns.expectedSpendPerPurchaseMinor[i] = value.expectedSpendPerPurchaseMinor;
    columns.predictedClvMinor[i] = value.predictedClvMinor;
  }
  return { columns: { ...columns, churnProbability: await scoring }, refused: page.rows - n };
}

/** The last member of a page of feature rows, as text. */
export function lastMember(features: Buffer, rows: number, rowBytes: number): string | null {
  return rows === 0 ? null : uuidText(features, (rows - 1) * rowBytes);
}
