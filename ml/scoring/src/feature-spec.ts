/**
 * A churn model's feature spec (`feature-spec.json` beside `model.onnx`, written by ml/training): the input tensor's
 * columns in order, their warehouse types and what a missing value means. Node checks it at load, before scoring.
 */

/** The spec versions this scorer reads. */
export const SUPPORTED_SPEC_VERSIONS = [1] as const;

export interface FeatureSpecFeature {
  name: string;
  /** The column's ClickHouse type in the mart the features come from. */
  type: string;
  /** Position in the input tensor's row. */
  index: number;
  nullable: boolean;
  /** `nan`: NULL goes in as NaN (the model learned where it goes); `refuse`: a NULL refuses the row. */
  missing: 'nan' | 'refuse';
}

export interface FeatureSpec {
  specVersion: number;
  model: 'churn';
  version: string;
  /** The mart the features are read from, `database.table`. */
  source: string;
  input: { name: string; type: 'float32'; shape: [null, number] };
  output: { name: string; type: 'float32'; shape: [null]; meaning?: string };
  horizonDays: number;
  features: FeatureSpecFeature[];
  /** What a NaN or infinite value does to a row: it is refused. */
  nonFinite: 'refuse';
}

/** A model whose spec does not fit what it is given, named feature by feature. */
export class FeatureSpecMismatchError extends Error {
  override name = 'FeatureSpecMismatchError';
  constructor(
    readonly model: string,
    readonly differences: string[],
  ) {
    super(`churn model ${model} refused: its feature spec does not match (${differences.join('; ')})`);
  }
}

function fail(where: string, what: string): never {
  throw new Error(`${where}: ${what}`);
}

/** Reads a spec, refusing one this scorer does not understand with the field at fault. */
export function parseFeatureSpec(json: unknown, where = 'feature-spec.json'): FeatureSpec {
  const spec = json as Partial<FeatureSpec> | null;
  if (!spec || typeof spec !== 'object') fail(where, 'not an object');
  if (!SUPPORTED_SPEC_VERSIONS.includes(spec.specVersion as 1)) {
    fail(where, `specVersion ${spec.specVersion} is not one of ${SUPPORTED_SPEC_VERSIONS.join(', ')}`);
  }
  if (spec.model !== 'churn') fail(where, `model is ${JSON.stringify(spec.model)}, expected "churn"`);
  if (typeof spec.version !== 'string' || !spec.version) fail(where, 'version is missing');
  if (typeof spec.source !== 'string' || !/^\w+\.\w+$/.test(spec.source)) fail(where, 'source is not database.table');
  if (spec.input?.type !== 'float32' || typeof spec.input.name !== 'string') fail(where, 'input is not float32');
  if (spec.output?.type !== 'float32' || typeof spec.output.name !== 'string') fail(where, 'output is not float32');
  if (!Number.isInteger(spec.horizonDays) || (spec.horizonDays ?? 0) <= 0)
    fail(where, 'horizonDays is not a day count');
  if (spec.nonFinite !== 'refuse') fail(where, `nonFinite is ${JSON.stringify(spec.nonFinite)}, expected "refuse"`);
  if (!Array.isArray(spec.features) || spec.features.length === 0) fail(where, 'features is empty');
  spec.features.forEach((f, i) => {
    if (typeof f?.name !== 'string' || !/^\w+$/.test(f.name)) fail(where, `features[${i}].name is not a column name`);
    if (f.index !== i) fail(where, `features[${i}] (${f.name}) has index ${f.index}`);
    if (typeof f.type !== 'string') fail(where, `features[${i}] (${f.name}) has no type`);
    if (f.missing !== (f.nullable ? 'nan' : 'refuse')) {
      fail(where, `features[${i}] (${f.name}): missing must be "nan" when nullable, "refuse" otherwise`);
    }
  });
  if (spec.input.shape?.[1] !== spec.features.length) {
    fail(where, `input width ${spec.input.shape?.[1]} differs from ${spec.features.length} features`);
  }
  return spec as FeatureSpec;
}

/**
 * Compares a spec with the columns the features are read from (name → ClickHouse type): every feature must be there
 * with the type the model was trained on. Answers each difference by feature name; empty when they agree.
 */
export function specDifferences(spec: FeatureSpec, columns: ReadonlyMap<string, string>): string[] {
  const differences: string[] = [];
  for (const feature of spec.features) {
    const type = columns.get(feature.name);
    if (type === undefined) differences.push(`${feature.name}: not a column of ${spec.source}`);
    else if (type !== feature.type)
      differences.push(`${feature.name}: ${type} in ${spec.source}, ${feature.type} in the spec`);
  }
  return differences;
}

/**
 * Turns rows of raw values (in the spec's order; null for NULL) into the model's float32 input, as the spec says:
 * NULL in a nullable feature becomes NaN; NULL in another feature, or a NaN or infinite value anywhere, refuses the
 * row. Answers the matrix of the accepted rows and the positions of the refused ones.
 */
export function toInput(
  spec: FeatureSpec,
  rows: readonly (readonly (number | string | null)[])[],
): { matrix: Float32Array; accepted: number[]; refused: number[] } {
  const width = spec.features.length;
  const matrix = new Float32Array(rows.length * width);
  const accepted: number[] = [];
  const refused: number[] = [];
  const nullable = spec.features.map((f) => f.nullable);
  let at = 0;
  nextRow: for (let r = 0; r < rows.length; r++) {
    const row = rows[r]!;
    if (row.length !== width) {
      refused.push(r);
      continue;
    }
    for (let c = 0; c < width; c++) {
      const raw = row[c];
      let value: number;
      if (raw === null || raw === undefined) {
        if (!nullable[c]) {
          refused.push(r);
          continue nextRow;
        }
        value = Number.NaN;
      } else {
        value = typeof raw === 'number' ? raw : Number(raw);
        if (!Number.isFinite(value)) {
          refused.push(r);
          continue nextRow;
        }
      }
      matrix[at * width + c] = value;
    }
    accepted.push(r);
    at += 1;
  }
  return { matrix: matrix.subarray(0, at * width), accepted, refused };
}
