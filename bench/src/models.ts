import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTestGateway } from '@loyaltystudio/engines/testing';
import { loadChurnModel, resolveModel } from '@loyaltystudio/ml';
import { createClickHouseClient, migrateClickHouse } from '@loyaltystudio/warehouse';
import type { TenantScoring } from '@loyaltystudio/workflow-contracts';
import { createActivities } from '@loyaltystudio/workflows/churn-scoring/activities';
import { createFeatureMarts, insertMembers } from '@loyaltystudio/workflows/testing/churn-scoring';
import { MockActivityEnvironment } from '@temporalio/testing';
import { DefaultLogger } from '@temporalio/worker';
import { printTable, writeResults } from './results.ts';

const REPO = new URL('../../', import.meta.url).pathname;
const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 1_000_000);
const RAW_BATCH = 10_000;
const TENANT = '0000000a-0000-4000-8000-00000000000a';

/** Raw onnxruntime-node inference on the shipped churn model, one thread, batches of RAW_BATCH rows. */
async function rawInference(): Promise<number> {
  const model = await loadChurnModel(resolveModel('churn', { tenantId: TENANT }).dir, { threads: 1 });
  const width = model.spec.features.length;
  const matrix = new Float32Array(RAW_BATCH * width);
  for (let i = 0; i < matrix.length; i++) matrix[i] = (i * 7919) % 400;
  for (let i = 0; i < 5; i++) await model.score(matrix, RAW_BATCH);
  const t0 = performance.now();
  let rows = 0;
  while (rows < MEMBERS) {
    await model.score(matrix, RAW_BATCH);
    rows += RAW_BATCH;
  }
  const rate = rows / ((performance.now() - t0) / 1000);
  await model.release();
  return rate;
}

/** The scoring activity itself on MEMBERS members in a gateway: read features, score, add CLV, write scores. */
async function endToEnd(): Promise<{ seconds: number; scored: number }> {
  const gateway = await startTestGateway();
  const clickhouse = createClickHouseClient({
    url: gateway.url,
    username: 'monet',
    password: 'monet',
    requestTimeoutMs: 600_000,
  });
  try {
    await migrateClickHouse(clickhouse);
    await createFeatureMarts(clickhouse);
    await insertMembers(clickhouse, { tenantId: TENANT, tenant: 1, members: MEMBERS, asOf: '2026-12-01' });
    const activities = createActivities({ clickhouse, clvHorizonDays: 365, batchRows: 50_000 });
    const env = new MockActivityEnvironment(undefined, { logger: new DefaultLogger('ERROR') });
    const t0 = performance.now();
    const result = (await env.run(activities.scoreTenant, {
      tenantId: TENANT,
      runId: '00000000-0000-4000-8000-000000000001',
      workflowId: 'bench',
    })) as TenantScoring;
    return { seconds: (performance.now() - t0) / 1000, scored: result.membersScored + result.membersRefused };
  } finally {
    await clickhouse.close();
    await gateway.stop();
  }
}

/**
 * `npm run bench -- models`: raw onnxruntime-node inference on the churn model (the reference), end-to-end scoring
 * of BENCH_MEMBERS members (default 1,000,000) as a ratio of it, the lifetime-value fit at that size, and the shipped
 * model's validation quality beside its logistic baseline.
 */
export async function benchModels(): Promise<Record<string, number>> {
  const raw = await rawInference();
  const e2e = await endToEnd();
  const e2eRate = e2e.scored / e2e.seconds;
  const fit = JSON.parse(
    execFileSync(join(REPO, '.venv/bin/python'), ['-m', 'monet_ml.bench', String(MEMBERS)], {
      cwd: join(REPO, 'ml/training'),
      encoding: 'utf8',
    }),
  ) as { clv_fit_s: number; bgnbd_fit_s: number; gamma_gamma_fit_s: number };
  const card = JSON.parse(
    readFileSync(join(resolveModel('churn', { tenantId: TENANT }).dir, 'model-card.json'), 'utf8'),
  );
  const figures = {
    members: MEMBERS,
    raw_onnx_rows_per_s: Math.round(raw),
    scoring_members_per_s: Math.round(e2eRate),
    scoring_s: e2e.seconds,
    scoring_vs_raw_onnx: e2eRate / raw,
    clv_fit_s: fit.clv_fit_s,
    bgnbd_fit_s: fit.bgnbd_fit_s,
    gamma_gamma_fit_s: fit.gamma_gamma_fit_s,
    demo_validation_roc_auc: card.metrics.chosen.rocAuc,
    demo_validation_brier: card.metrics.chosen.brier,
    demo_baseline_roc_auc: card.metrics.baseline.rocAuc,
    demo_baseline_brier: card.metrics.baseline.brier,
  };
  printTable(`Models (${MEMBERS} members)`, [
    ['raw onnxruntime-node, 1 thread (target ≥ 300,000)', figures.raw_onnx_rows_per_s, 'rows/s'],
    ['scoring end to end (read, score, CLV, write)', figures.scoring_members_per_s, 'members/s'],
    ['scoring end to end', figures.scoring_s, 's'],
    ['end to end ÷ raw (target ≥ 0.5)', figures.scoring_vs_raw_onnx, '×'],
    ['BG/NBD + Gamma-Gamma fit (target ≤ 60)', figures.clv_fit_s, 's'],
    ['demo churn model: validation ROC AUC', figures.demo_validation_roc_auc, ''],
    ['logistic baseline: validation ROC AUC', figures.demo_baseline_roc_auc, ''],
    ['demo churn model: validation Brier', figures.demo_validation_brier, ''],
    ['logistic baseline: validation Brier', figures.demo_baseline_brier, ''],
  ]);
  console.log(`\nwrote ${writeResults('models', figures)}`);
  return figures;
}
