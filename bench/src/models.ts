import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTestGateway, startTestPostgres } from '@loyaltystudio/engines/testing';
import { loadChurnModel, resolveModel } from '@loyaltystudio/ml';
import { migrate } from '@loyaltystudio/prisma';
import { createClickHouseClient, migrateClickHouse } from '@loyaltystudio/warehouse';
import type { TenantScoring } from '@loyaltystudio/workflow-contracts';
import { createActivities, type ScoringProfile } from '@loyaltystudio/workflows/churn-scoring/activities';
import { createPublishActivities } from '@loyaltystudio/workflows/churn-scoring/publish';
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

interface EndToEnd {
  seconds: number;
  scored: number;
  profile: ScoringProfile;
  /** The same run's scores made the members' current ones in Postgres (the publication activity). */
  publishSeconds: number;
}

/**
 * The scoring activity itself on MEMBERS members in a gateway: read features, score, add CLV, write scores, with
 * where its time went; then the publication of the run's scores into a Postgres of the benchmark's own.
 */
async function endToEnd(): Promise<EndToEnd> {
  const [gateway, postgres] = await Promise.all([startTestGateway(), startTestPostgres()]);
  const clickhouse = createClickHouseClient({
    url: gateway.url,
    username: 'monet',
    password: 'monet',
    requestTimeoutMs: 600_000,
  });
  await migrate(postgres.url);
  try {
    await migrateClickHouse(clickhouse);
    await createFeatureMarts(clickhouse);
    await insertMembers(clickhouse, { tenantId: TENANT, tenant: 1, members: MEMBERS, asOf: '2026-12-01' });
    const profile: ScoringProfile = { readWaitMs: 0, scoreMs: 0, encodeMs: 0, writeWaitMs: 0 };
    const activities = createActivities({ clickhouse, clvHorizonDays: 365, batchRows: 50_000, profile });
    const env = new MockActivityEnvironment(undefined, { logger: new DefaultLogger('ERROR') });
    const run = { tenantId: TENANT, runId: '00000000-0000-4000-8000-000000000001', workflowId: 'bench' };
    const t0 = performance.now();
    const result = (await env.run(activities.scoreTenant, run)) as TenantScoring;
    const seconds = (performance.now() - t0) / 1000;
    const t1 = performance.now();
    await env.run(createPublishActivities({ clickhouse, databaseUrl: postgres.url }).publishScores, run);
    return {
      seconds,
      scored: result.membersScored + result.membersRefused,
      profile,
      publishSeconds: (performance.now() - t1) / 1000,
    };
  } finally {
    await clickhouse.close();
    await Promise.all([gateway.stop(), postgres.stop()]);
  }
}

/**
 * `npm run bench -- models`: raw onnxruntime-node inference on the churn model (the reference), end-to-end scoring
 * of BENCH_MEMBERS members (default 1,000,000) as a ratio of it, the lifetime-value fit at that size, and the shipped
 * model's validation quality beside its logistic baseline.
 */
export async function benchModels(): Promise<Record<string, number>> {
  // The reference before and after the run, averaged: the shared machine's load moves between the two.
  const before = await rawInference();
  const e2e = await endToEnd();
  const after = await rawInference();
  const raw = (before + after) / 2;
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
    raw_onnx_before_rows_per_s: Math.round(before),
    raw_onnx_after_rows_per_s: Math.round(after),
    scoring_read_wait_s: e2e.profile.readWaitMs / 1000,
    scoring_score_s: e2e.profile.scoreMs / 1000,
    scoring_encode_s: e2e.profile.encodeMs / 1000,
    scoring_write_wait_s: e2e.profile.writeWaitMs / 1000,
    publish_postgres_s: e2e.publishSeconds,
    publish_postgres_members_per_s: Math.round(e2e.scored / e2e.publishSeconds),
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
    ['  waiting for the next page', figures.scoring_read_wait_s, 's'],
    ['  scoring pages (onnxruntime + lifetime value)', figures.scoring_score_s, 's'],
    ['  encoding the scores (Native)', figures.scoring_encode_s, 's'],
    ['  waiting for the previous write', figures.scoring_write_wait_s, 's'],
    ['scores into Postgres (publication, one transaction)', figures.publish_postgres_s, 's'],
    ['BG/NBD + Gamma-Gamma fit (target ≤ 60)', figures.clv_fit_s, 's'],
    ['demo churn model: validation ROC AUC', figures.demo_validation_roc_auc, ''],
    ['logistic baseline: validation ROC AUC', figures.demo_baseline_roc_auc, ''],
    ['demo churn model: validation Brier', figures.demo_validation_brier, ''],
    ['logistic baseline: validation Brier', figures.demo_baseline_brier, ''],
  ]);
  console.log(`\nwrote ${writeResults('models', figures)}`);
  return figures;
}
