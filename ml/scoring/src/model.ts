import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import * as ort from 'onnxruntime-node';
import { type ClvParams, parseClvParams } from './clv.ts';
import { type FeatureSpec, FeatureSpecMismatchError, parseFeatureSpec, specDifferences } from './feature-spec.ts';

export interface ChurnModel {
  dir: string;
  version: string;
  spec: FeatureSpec;
  /** The model card ml/training wrote (metrics, data, libraries). */
  card: Record<string, unknown>;
  /** Churn probabilities of `rows` rows of `matrix` (row-major, the spec's width), in order. */
  score(matrix: Float32Array, rows: number): Promise<Float32Array>;
  release(): Promise<void>;
}

export interface LoadOptions {
  /** The columns the features will be read from (name → ClickHouse type): the spec must match them. */
  columns?: ReadonlyMap<string, string>;
  /** Threads onnxruntime uses within one run (default 1: a worker runs beside other work). */
  threads?: number;
  /**
   * Score in a thread of its own (onnxruntime-node runs a session on the calling thread), so that the caller reads,
   * computes and writes while rows are scored. `score` then copies the rows it is given (into memory shared with the
   * thread).
   */
  offThread?: boolean;
}

/** Rows per onnxruntime run: large enough to amortise a run, small enough for its input to stay in cache. */
export const SCORE_CHUNK = 10_000;

/**
 * Loads a churn model version (`model.onnx`, `feature-spec.json`, `model-card.json`) and checks its spec before
 * anything is scored: the spec must be one this scorer reads, agree with the ONNX graph's input and output, and,
 * when given, with the columns the features come from. A mismatch throws FeatureSpecMismatchError naming each feature
 * (or tensor) that differs.
 */
export async function loadChurnModel(dir: string, opts: LoadOptions = {}): Promise<ChurnModel> {
  const spec = parseFeatureSpec(JSON.parse(await readFile(join(dir, 'feature-spec.json'), 'utf8')), dir);
  const card = JSON.parse(await readFile(join(dir, 'model-card.json'), 'utf8')) as Record<string, unknown>;
  const sessionOptions: ort.InferenceSession.SessionOptions = {
    intraOpNumThreads: opts.threads ?? 1,
    interOpNumThreads: 1,
    executionMode: 'sequential',
    graphOptimizationLevel: 'all',
  };
  const session = await ort.InferenceSession.create(join(dir, 'model.onnx'), sessionOptions);
  const differences: string[] = [];
  const input = session.inputMetadata.find((m) => m.name === spec.input.name);
  if (!input) differences.push(`input ${spec.input.name}: the graph's inputs are ${session.inputNames.join(', ')}`);
  else if (input.isTensor) {
    if (input.type !== 'float32') differences.push(`input ${spec.input.name}: ${input.type} in the graph`);
    const width = input.shape[1];
    if (width !== spec.features.length) {
      differences.push(`input ${spec.input.name}: ${width} columns in the graph, ${spec.features.length} features`);
    }
  }
  if (!session.outputNames.includes(spec.output.name)) {
    differences.push(`output ${spec.output.name}: the graph's outputs are ${session.outputNames.join(', ')}`);
  }
  if (card.version !== spec.version)
    differences.push(`version: ${card.version} in the card, ${spec.version} in the spec`);
  if (opts.columns) differences.push(...specDifferences(spec, opts.columns));
  if (differences.length) {
    await session.release();
    throw new FeatureSpecMismatchError(spec.version, differences);
  }
  const width = spec.features.length;
  if (opts.offThread) {
    await session.release();
    const thread = await startScoreThread(join(dir, 'model.onnx'), sessionOptions, spec, width);
    return { dir, version: spec.version, spec, card, ...thread };
  }
  return {
    dir,
    version: spec.version,
    spec,
    card,
    async score(matrix, rows) {
      if (rows === 0) return new Float32Array(0);
      const feeds = { [spec.input.name]: new ort.Tensor('float32', matrix.subarray(0, rows * width), [rows, width]) };
      const out = await session.run(feeds, [spec.output.name]);
      return out[spec.output.name]!.data as Float32Array;
    },
    release: () => session.release(),
  };
}

type ThreadReply = { id: number; done?: true; error?: string };

/** Memory shared with the scoring thread: a page's rows go in `input`, its probabilities come back in `output`. */
interface Slot {
  input: SharedArrayBuffer;
  output: SharedArrayBuffer;
  rows: number;
}

/**
 * A session in a worker thread (score-thread.mjs): a page's rows go there in memory shared with it, and its
 * probabilities come back the same way. Nothing is transferred, so no page makes new ArrayBuffers in either thread
 * (a transferred buffer counts as new memory on each side, and new memory is what starts V8's collections).
 */
async function startScoreThread(
  path: string,
  options: ort.InferenceSession.SessionOptions,
  spec: FeatureSpec,
  width: number,
): Promise<Pick<ChurnModel, 'score' | 'release'>> {
  const worker = new Worker(new URL('./score-thread.mjs', import.meta.url), {
    workerData: { path, options, input: spec.input.name, output: spec.output.name, width, chunk: SCORE_CHUNK },
  });
  const pending = new Map<number, { resolve: () => void; reject: (e: Error) => void }>();
  let failure: Error | null = null;
  const fail = (err: Error) => {
    failure ??= err;
    for (const p of pending.values()) p.reject(failure);
    pending.clear();
  };
  await new Promise<void>((resolve, reject) => {
    worker.once('message', (m: { ready?: true; error?: string }) =>
      m.ready ? resolve() : reject(new Error(`scoring thread: ${m.error}`)),
    );
    worker.once('error', reject);
  });
  worker.on('message', ({ id, done, error }: ThreadReply) => {
    const p = pending.get(id);
    pending.delete(id);
    if (pending.size === 0) worker.unref();
    if (error || !done) p?.reject(new Error(`scoring thread: ${error}`));
    else p?.resolve();
  });
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`scoring thread exited (code ${code})`)));
  // An idle thread does not keep the process alive; one with rows to score does.
  worker.unref();
  // Slots not in use, for the next pages (a caller has a page or two in flight).
  const free: Slot[] = [];
  let next = 0;
  return {
    async score(matrix, rows) {
      if (failure) throw failure;
      if (rows === 0) return new Float32Array(0);
      const id = next++;
      const at = free.findIndex((s) => s.rows >= rows);
      const slot =
        at >= 0
          ? free.splice(at, 1)[0]!
          : { input: new SharedArrayBuffer(rows * width * 4), output: new SharedArrayBuffer(rows * 4), rows };
      // A copy of just these rows, so the caller may reuse its matrix at once.
      new Float32Array(slot.input, 0, rows * width).set(matrix.subarray(0, rows * width));
      const scored = new Promise<void>((resolve, reject) => pending.set(id, { resolve, reject }));
      worker.ref();
      worker.postMessage({ id, input: slot.input, output: slot.output, rows });
      try {
        await scored;
        // The probabilities in memory of the caller's own: the slot serves the next page.
        return new Float32Array(slot.output, 0, rows).slice();
      } finally {
        if (free.length < 4) free.push(slot);
      }
    },
    async release() {
      failure ??= new Error('model released');
      await worker.terminate();
    },
  };
}

/** Loads a lifetime-value model version (`params.json`). */
export async function loadClvModel(dir: string): Promise<ClvParams> {
  return parseClvParams(JSON.parse(await readFile(join(dir, 'params.json'), 'utf8')), dir);
}
