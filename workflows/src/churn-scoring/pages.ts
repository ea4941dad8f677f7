import type { ClickHouseClient } from '@clickhouse/client';
import { type ChurnModel, type clvColumnPredictor, clvColumns } from '@loyaltystudio/ml';
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

export interface ScoredPage {
  columns: ScoreColumns;
  refused: number;
}

/**
 * Scores a page: the rows the spec accepts are gathered into the model's input and sent to it (an off-thread model
 * scores them while this thread goes on), and their lifetime value is computed meanwhile, merging the page's purchase
 * histories by member id (both in ClickHouse's UUID order). A member without a repeat purchase row is counted from
 * enrolment with x = 0.
 */
export async function scorePage(
  page: Page,
  model: ChurnModel,
  predict: ReturnType<typeof clvColumnPredictor>,
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
    // A plain loop: a subarray per row would allocate a million views a run.
    const to = n * width;
    for (let k = 0; k < width; k++) matrix[to + k] = floats[base + 4 + k]!;
    n += 1;
  }
  const scoring = model.score(matrix, n);
  // A failure of the scoring surfaces when it is awaited, not before.
  scoring.catch(() => {});

  const clv = clvColumns(n);
  const repeat = page.repeat;
  const repeatRows = repeat.length / REPEAT_ROW_BYTES;
  // The histories' numbers as doubles: each row is a UUID and four Float64s, in a buffer of its own (aligned).
  const values = repeatRows
    ? new Float64Array(repeat.buffer, repeat.byteOffset, (repeatRows * REPEAT_ROW_BYTES) / 8)
    : new Float64Array(0);
  const rowDoubles = REPEAT_ROW_BYTES / 8;
  let j = 0;
  for (let i = 0; i < n; i++) {
    const at = idAt[i]!;
    while (j < repeatRows && compareUuids(repeat, j * REPEAT_ROW_BYTES, page.features, at) < 0) j += 1;
    if (j < repeatRows && compareUuids(repeat, j * REPEAT_ROW_BYTES, page.features, at) === 0) {
      const o = j * rowDoubles + 2;
      predict(clv, i, values[o]!, values[o + 1]!, values[o + 2]!, values[o + 3]!);
    } else {
      predict(clv, i, 0, 0, floats[at / 4 + 4 + width]!, Number.NaN);
    }
  }
  return {
    columns: { n, idAt: idAt.subarray(0, n), ids: page.features, ...clv, churnProbability: await scoring },
    refused: page.rows - n,
  };
}

/** The last member of a page of feature rows, as text. */
export function lastMember(features: Buffer, rows: number, rowBytes: number): string | null {
  return rows === 0 ? null : uuidText(features, (rows - 1) * rowBytes);
}
