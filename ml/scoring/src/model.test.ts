import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveModel } from './artifacts.ts';
import { FeatureSpecMismatchError, parseFeatureSpec, toInput } from './feature-spec.ts';
import { loadChurnModel, SCORE_CHUNK } from './model.ts';
import { riskBand } from './risk-band.ts';

const shipped = resolveModel('churn', { tenantId: 'none' });
const specOf = (dir: string) => JSON.parse(readFileSync(join(dir, 'feature-spec.json'), 'utf8'));

describe('loading a churn model', () => {
  const work = mkdtempSync(join(tmpdir(), 'monet-model-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  /** A copy of the shipped model whose spec `edit` changed. */
  function withSpec(name: string, edit: (spec: ReturnType<typeof specOf>) => void): string {
    const dir = join(work, name);
    cpSync(shipped.dir, dir, { recursive: true });
    const spec = specOf(dir);
    edit(spec);
    writeFileSync(join(dir, 'feature-spec.json'), JSON.stringify(spec));
    return dir;
  }

  it('loads the shipped model and checks its spec against the columns it reads', async () => {
    const spec = specOf(shipped.dir);
    const columns = new Map<string, string>(spec.features.map((f: { name: string; type: string }) => [f.name, f.type]));
    const model = await loadChurnModel(shipped.dir, { columns });
    try {
      expect(model.version).toBe(shipped.version);
      expect(model.spec.features.map((f) => f.name)).toContain('recency_days');
      const { matrix, accepted } = toInput(model.spec, [model.spec.features.map(() => 1)]);
      const [p] = await model.score(matrix, accepted.length);
      expect(p).toBeGreaterThanOrEqual(0);
      expect(p).toBeLessThanOrEqual(1);
    } finally {
      await model.release();
    }
  });

  it('scores in a thread of its own exactly what it scores on the calling thread, in runs of any size', async () => {
    const [here, away] = await Promise.all([
      loadChurnModel(shipped.dir),
      loadChurnModel(shipped.dir, { offThread: true }),
    ]);
    try {
      const width = here.spec.features.length;
      const rows = SCORE_CHUNK * 2 + 17; // more than one of the thread's runs, the last one short
      const matrix = new Float32Array(rows * width);
      // Values over the features' ranges, NaN in every nullable feature of every 7th row.
      for (let i = 0; i < matrix.length; i++) {
        const f = here.spec.features[i % width]!;
        matrix[i] = f.nullable && Math.floor(i / width) % 7 === 0 ? Number.NaN : (i * 7919) % 400;
      }
      const [expected, concurrent, other] = await Promise.all([
        here.score(matrix, rows),
        away.score(matrix, rows),
        away.score(matrix.subarray(width), 5),
      ]);
      expect(Array.from(concurrent)).toEqual(Array.from(expected));
      expect(Array.from(other)).toEqual(Array.from(expected.subarray(1, 6)));
      // The caller's rows are copied, not taken: they can be scored again.
      expect(Array.from(await away.score(matrix, 3))).toEqual(Array.from(expected.subarray(0, 3)));
    } finally {
      await Promise.all([here.release(), away.release()]);
    }
    await expect(away.score(new Float32Array(13), 1)).rejects.toThrow(/released/);
  });

  it('refuses a spec whose columns differ from the mart, naming each feature', async () => {
    const spec = specOf(shipped.dir);
    const columns = new Map<string, string>(spec.features.map((f: { name: string; type: string }) => [f.name, f.type]));
    columns.delete('spend_trend');
    columns.set('tenure_days', 'Int64');
    const failure = await loadChurnModel(shipped.dir, { columns }).catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(FeatureSpecMismatchError);
    expect((failure as FeatureSpecMismatchError).differences).toEqual([
      'tenure_days: Int64 in marts.member_features, Int32 in the spec',
      'spend_trend: not a column of marts.member_features',
    ]);
    expect((failure as Error).message).toMatch(/^churn model \d{8}T\d{6}Z refused: its feature spec does not match/);
  });

  it('refuses a spec that disagrees with the ONNX graph', async () => {
    const dir = withSpec('wider', (spec) => {
      spec.features.push({
        name: 'extra',
        type: 'Int32',
        index: spec.features.length,
        nullable: false,
        missing: 'refuse',
      });
      spec.input.shape[1] = spec.features.length;
      spec.input.name = 'rows';
    });
    const failure = await loadChurnModel(dir).catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(FeatureSpecMismatchError);
    expect((failure as FeatureSpecMismatchError).differences).toEqual(["input rows: the graph's inputs are features"]);
    const narrower = withSpec('narrower', (spec) => {
      spec.features.pop();
      spec.input.shape[1] = spec.features.length;
    });
    const other = await loadChurnModel(narrower).catch((err: unknown) => err);
    expect((other as FeatureSpecMismatchError).differences).toEqual([
      `input features: 13 columns in the graph, 12 features`,
    ]);
  });

  it('refuses a spec it cannot read, with the field at fault', () => {
    const spec = specOf(shipped.dir);
    expect(() => parseFeatureSpec({ ...spec, specVersion: 2 })).toThrow(/specVersion 2 is not one of 1/);
    const swapped = structuredClone(spec);
    [swapped.features[0], swapped.features[1]] = [swapped.features[1], swapped.features[0]];
    expect(() => parseFeatureSpec(swapped)).toThrow(/features\[0\] \(recency_days\) has index 1/);
    const lax = structuredClone(spec);
    lax.features[0].missing = 'nan';
    expect(() => parseFeatureSpec(lax)).toThrow(/tenure_days\): missing must be "nan" when nullable/);
  });
});

describe('toInput', () => {
  const spec = parseFeatureSpec(specOf(shipped.dir));
  const ok = (): (number | string | null)[] => spec.features.map((f) => (f.nullable ? null : 7));

  it('passes NULL in a nullable feature as NaN, and refuses NULL elsewhere and non-finite values anywhere', () => {
    const nullInRequired = ok();
    nullInRequired[0] = null;
    const infinite = ok();
    infinite[spec.features.findIndex((f) => f.name === 'spend_trend')] = Number.POSITIVE_INFINITY;
    const nan = ok();
    nan[2] = Number.NaN;
    const text = ok().map((v) => (v === null ? null : String(v)));
    const { matrix, accepted, refused } = toInput(spec, [ok(), nullInRequired, infinite, nan, text, [1, 2]]);
    expect(accepted).toEqual([0, 4]);
    expect(refused).toEqual([1, 2, 3, 5]);
    const width = spec.features.length;
    expect(matrix.length).toBe(2 * width);
    spec.features.forEach((f, i) => {
      expect(Number.isNaN(matrix[i]!)).toBe(f.nullable);
      if (!f.nullable) expect(matrix[width + i]).toBe(7);
    });
  });
});

describe('riskBand', () => {
  it('cuts at 0.3 and 0.6', () => {
    expect([0, 0.299, 0.3, 0.599, 0.6, 1].map(riskBand)).toEqual(['low', 'low', 'medium', 'medium', 'high', 'high']);
  });
});
