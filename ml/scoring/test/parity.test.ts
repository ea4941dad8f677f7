import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  type ChurnModel,
  clvPredictor,
  loadChurnModel,
  loadClvModel,
  type PurchaseHistory,
  predictClv,
  resolveModel,
  SHIPPED_ARTIFACTS,
} from '../src/index.ts';

const REPO = new URL('../../../', import.meta.url).pathname;
const PYTHON = join(REPO, '.venv', 'bin', 'python');
const REFERENCE = new URL('./python_reference.py', import.meta.url).pathname;

/** Rows over the features' ranges, NaN where a nullable feature is NULL: seeded, so each run scores the same rows. */
function rows(model: ChurnModel, n: number): Float32Array {
  let seed = 12345;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const width = model.spec.features.length;
  const matrix = new Float32Array(n * width);
  for (let r = 0; r < n; r++) {
    for (const f of model.spec.features) {
      const u = random();
      const value = f.nullable && u < 0.15 ? Number.NaN : Math.round(random() ** 2 * 20_000 * (u < 0.5 ? 0.02 : 1));
      matrix[r * width + f.index] = f.name === 'spend_trend' && !Number.isNaN(value) ? random() * 3 : value;
    }
  }
  return matrix;
}

describe('parity of Node and Python', () => {
  const dir = mkdtempSync(join(tmpdir(), 'monet-parity-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  // Both sides run onnxruntime 1.30.0 on the same graph and the same float32 rows; the stated tolerance is 1e-5
  // (absolute, on probabilities), and the rows are expected to agree to the last bit.
  it('scores the same rows to within 1e-5 in onnxruntime-node and Python onnxruntime', async () => {
    const { dir: modelDir } = resolveModel('churn', { tenantId: 'none', shippedDir: SHIPPED_ARTIFACTS });
    const model = await loadChurnModel(modelDir);
    try {
      const n = 5000;
      const matrix = rows(model, n);
      const node = await model.score(matrix, n);
      writeFileSync(join(dir, 'rows.f32'), Buffer.from(matrix.buffer, matrix.byteOffset, matrix.byteLength));
      execFileSync(PYTHON, [
        REFERENCE,
        'churn',
        modelDir,
        join(dir, 'rows.f32'),
        String(model.spec.features.length),
        join(dir, 'out.f32'),
      ]);
      const bytes = readFileSync(join(dir, 'out.f32'));
      const python = new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
      expect(python.length).toBe(n);
      let worst = 0;
      for (let i = 0; i < n; i++) worst = Math.max(worst, Math.abs(python[i]! - node[i]!));
      expect(worst).toBeLessThanOrEqual(1e-5);
      // The rows span the model's range, NaNs included.
      expect(Math.min(...node)).toBeLessThan(0.2);
      expect(Math.max(...node)).toBeGreaterThan(0.8);
    } finally {
      await model.release();
    }
  });

  it('predicts lifetime value as ltv.py does (relative 1e-9)', async () => {
    const clvDir = resolveModel('clv', { tenantId: 'none' }).dir;
    const params = await loadClvModel(clvDir);
    const histories: PurchaseHistory[] = [
      { x: 0, tx: 0, T: 0, meanValue: null },
      { x: 0, tx: 0, T: 300, meanValue: null },
      { x: 1, tx: 5, T: 10, meanValue: 420 },
      { x: 12, tx: 200, T: 210, meanValue: 610.5 },
      { x: 40, tx: 100, T: 365, meanValue: 380 },
      { x: 300, tx: 729, T: 730, meanValue: 550 },
      { x: 3, tx: 30, T: 60, meanValue: -100 },
    ];
    writeFileSync(join(dir, 'histories.json'), JSON.stringify(histories));
    const python = JSON.parse(
      execFileSync(PYTHON, [REFERENCE, 'clv', join(clvDir, 'params.json'), join(dir, 'histories.json'), '365'], {
        encoding: 'utf8',
      }),
    ) as { expectedPurchases: number[]; probabilityAlive: number[]; expectedSpend: number[] };
    const predict = clvPredictor(params, 365);
    histories.forEach((h, i) => {
      const node = predictClv(params, 365, h);
      expect(predict(h)).toEqual(node);
      expect(node.expectedPurchases).toBeCloseTo(python.expectedPurchases[i]!, 9);
      expect(Math.abs(node.expectedPurchases / python.expectedPurchases[i]! - 1)).toBeLessThan(1e-9);
      expect(Math.abs(node.probabilityAlive - python.probabilityAlive[i]!)).toBeLessThan(1e-12);
      expect(Math.abs(node.expectedSpendPerPurchaseMinor / python.expectedSpend[i]! - 1)).toBeLessThan(1e-12);
      expect(node.predictedClvMinor).toBeCloseTo(node.expectedPurchases * node.expectedSpendPerPurchaseMinor, 6);
    });
  });
});
