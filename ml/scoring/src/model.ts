import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
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
}

/**
 * Loads a churn model version (`model.onnx`, `feature-spec.json`, `model-card.json`) and checks its spec before
 * anything is scored: the spec must be one this scorer reads, agree with the ONNX graph's input and output, and,
 * when given, with the columns the features come from. A mismatch throws FeatureSpecMismatchError naming each feature
 * (or tensor) that differs.
 */
export async function loadChurnModel(dir: string, opts: LoadOptions = {}): Promise<ChurnModel> {
  const spec = parseFeatureSpec(JSON.parse(await readFile(join(dir, 'feature-spec.json'), 'utf8')), dir);
  const card = JSON.parse(await readFile(join(dir, 'model-card.json'), 'utf8')) as Record<string, unknown>;
  const session = await ort.InferenceSession.create(join(dir, 'model.onnx'), {
    intraOpNumThreads: opts.threads ?? 1,
    interOpNumThreads: 1,
    executionMode: 'sequential',
    graphOptimizationLevel: 'all',
  });
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

/** Loads a lifetime-value model version (`params.json`). */
export async function loadClvModel(dir: string): Promise<ClvParams> {
  return parseClvParams(JSON.parse(await readFile(join(dir, 'params.json'), 'utf8')), dir);
}
