import type { ClickHouseClient } from '@clickhouse/client';
import type { ChurnModel, ClvColumns, clvColumnPredictor } from '@loyaltystudio/ml';
import { NO_POOL, type Pool } from './buffers.ts';
import { float32s, float64s, type NativeColumns, parseNative } from './native.ts';
import { compareUuids, type ScoreColumns, uuidText, uuidWords } from './row-binary.ts';

/**
 * A page of a scoring run as read from the marts in Native: its members' features (see `featuresSql`: the id, each
 * feature, the tenure and the spec's verdict, a column each) and the lifetime-value inputs of those of them with
 * purchases (REPEAT_PURCHASES_SQL).
 */
export interface Page {
  rows: number;
  features: NativeColumns;
  repeat: NativeColumns;
  /** The last member of the page, as text: where the next page starts. */
  last: string | null;
}

/** A Native result, whole, parsed into columns of the pool (the result's chunks are joined in one of its buffers). */
export async function readNative(
  clickhouse: ClickHouseClient,
  query: string,
  params: Record<string, unknown>,
  types: readonly string[],
  signal?: AbortSignal,
  pool: Pool = NO_POOL,
): Promise<NativeColumns> {
  const result = await clickhouse.exec({ query, query_params: params, abort_signal: signal });
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of result.stream as AsyncIterable<Buffer>) {
    chunks.push(chunk);
    length += chunk.length;
  }
  if (chunks.length === 1) return parseNative(chunks[0]!, types, pool);
  const whole = pool.buffer(length);
  let at = 0;
  for (const chunk of chunks) at += chunk.copy(whole, at);
  const columns = parseNative(whole, types, pool);
  pool.give(whole.buffer);
  return columns;
}

export interface ScoredPage {
  columns: ScoreColumns;
  refused: number;
}

/**
 * Scores a page: the rows the spec accepts are gathered into the model's input and sent to it (an off-thread model
 * scores them while this thread goes on), and their lifetime value is computed meanwhile, merging the page's purchase
 * histories by member id (both in ClickHouse's UUID order). A member without a repeat purchase row is counted from
 * enrolment with x = 0. Its working arrays and the scores' columns (all but the probabilities) are the pool's: the
 * first go back before it returns, the columns once written.
 */
export async function scorePage(
  page: Page,
  model: ChurnModel,
  predict: ReturnType<typeof clvColumnPredictor>,
  pool: Pool = NO_POOL,
): Promise<ScoredPage> {
  const width = model.spec.features.length;
  const [ids, ...rest] = page.features.columns as [Buffer, ...Buffer[]];
  const features = rest.slice(0, width).map(float32s);
  const tenure = float32s(rest[width]!);
  const accepted = rest[width + 1]!;
  const rowOf = pool.int32(page.rows);
  let n = 0;
  for (let r = 0; r < page.rows; r++) if (accepted[r] === 1) rowOf[n++] = r;
  // Column by column into the model's row-major input.
  const matrix = pool.float32(n * width);
  for (let k = 0; k < width; k++) {
    const column = features[k]!;
    for (let i = 0; i < n; i++) matrix[i * width + k] = column[rowOf[i]!]!;
  }
  const scoring = model.score(matrix, n);
  // A failure of the scoring surfaces when it is awaited, not before.
  scoring.catch(() => {});

  const clv: ClvColumns = {
    expectedPurchases: pool.float64(n),
    probabilityAlive: pool.float64(n),
    expectedSpendPerPurchaseMinor: pool.float64(n),
    predictedClvMinor: pool.float64(n),
  };
  const idAt = pool.int32(n);
  const [repeatIds, x, tx, T, mean] = page.repeat.columns as [Buffer, Buffer, Buffer, Buffer, Buffer];
  const [xs, txs, Ts, means] = [x, tx, T, mean].map(float64s) as [
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
  ];
  const repeatRows = page.repeat.rows;
  // Both id columns are buffers of their own (parseNative), so 4-byte aligned.
  const [memberWords, repeatWords] = [uuidWords(ids), uuidWords(repeatIds)];
  let j = 0;
  for (let i = 0; i < n; i++) {
    const r = rowOf[i]!;
    const at = r * 16;
    idAt[i] = at;
    while (j < repeatRows && compareUuids(repeatWords, j, memberWords, r) < 0) j += 1;
    if (j < repeatRows && compareUuids(repeatWords, j, memberWords, r) === 0) {
      predict(clv, i, xs[j]!, txs[j]!, Ts[j]!, means[j]!);
    } else {
      predict(clv, i, 0, 0, tenure[r]!, Number.NaN);
    }
  }
  const churnProbability = await scoring;
  // The model has its input (copied, or scored): the gathering's arrays serve the next page.
  pool.give(matrix.buffer, rowOf.buffer);
  return { columns: { n, idAt, ids, ...clv, churnProbability }, refused: page.rows - n };
}

/** The pool's buffers of a page of scores (not the probabilities, the model's own), to give back once written. */
export const pooledScores = (c: ScoreColumns): ArrayBufferLike[] => [
  c.idAt.buffer,
  c.expectedPurchases.buffer,
  c.probabilityAlive.buffer,
  c.expectedSpendPerPurchaseMinor.buffer,
  c.predictedClvMinor.buffer,
];

/** The last member of a page, as text. */
export function lastMember(features: NativeColumns): string | null {
  return features.rows === 0 ? null : uuidText(features.columns[0]!, (features.rows - 1) * 16);
}
