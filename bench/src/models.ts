import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
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
/** The lifetimes reference's own virtualenv, made on first use (never by `npm run setup`), and its pins. */
const LIFETIMES_VENV = join(REPO, '.monet/bench/lifetimes-venv');
const LIFETIMES_REQUIREMENTS = join(REPO, 'bench/lifetimes/requirements.txt');
/** lifetimes is stopped past this and the stop recorded as its outcome. */
const LIFETIMES_CAP_S = 15 * 60;

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

type BgNbd = { r: number; alpha: number; a: number; b: number };
type GammaGamma = { p: number; q: number; v: number };

/** Monet's lifetime-value fit (ml/training, Monet's .venv), writing the summary data it was given to `save`. */
interface ClvFit {
  clv_fit_s: number;
  bgnbd_fit_s: number;
  gamma_gamma_fit_s: number;
  bgnbd_params: BgNbd;
  gamma_gamma_params: GammaGamma;
  bgnbd_log_likelihood: number;
  gamma_gamma_log_likelihood: number;
}

/** What bench/lifetimes/fit.py prints: a fit that did not converge has an error instead of parameters. */
interface LifetimesFit {
  lifetimes_version: string;
  clv_fit_s: number;
  bgnbd_fit_s: number;
  gamma_gamma_fit_s: number;
  bgnbd_params?: BgNbd;
  gamma_gamma_params?: GammaGamma;
  bgnbd_error?: string;
  gamma_gamma_error?: string;
  bgnbd_log_likelihood?: number;
  gamma_gamma_log_likelihood?: number;
  bgnbd_monet_log_likelihood?: number;
  gamma_gamma_monet_log_likelihood?: number;
}

/**
 * The python of the lifetimes reference's virtualenv, made (python3 -m venv, then pip with the pinned
 * requirements) when it is missing or its pins changed. Throws when it cannot be installed.
 */
function lifetimesPython(): string {
  const python = join(LIFETIMES_VENV, 'bin/python');
  const stamp = join(LIFETIMES_VENV, '.monet-bench-stamp');
  const pins = readFileSync(LIFETIMES_REQUIREMENTS, 'utf8');
  if (existsSync(python) && existsSync(stamp) && readFileSync(stamp, 'utf8') === pins) return python;
  console.log(`installing lifetimes for the benchmark into ${LIFETIMES_VENV}`);
  mkdirSync(join(LIFETIMES_VENV, '..'), { recursive: true });
  if (!existsSync(python)) execFileSync('python3', ['-m', 'venv', LIFETIMES_VENV], { stdio: 'inherit' });
  execFileSync(
    join(LIFETIMES_VENV, 'bin/pip'),
    ['install', '--quiet', '--disable-pip-version-check', '-r', LIFETIMES_REQUIREMENTS],
    { stdio: 'inherit' },
  );
  writeFileSync(stamp, pins);
  return python;
}

/**
 * The lifetime-value fit at MEMBERS members, then lifetimes' BetaGeoFitter and GammaGammaFitter on exactly the same
 * summary data (frequency, recency, T, monetary value), timed the same way: the times, both fits' parameters and
 * their largest relative difference. lifetimes not installing, not converging or running past LIFETIMES_CAP_S is
 * the reference's measured outcome (`lifetimes_outcome`), not a failure of the benchmark.
 */
function clvFits(): Record<string, number | string> {
  const dir = mkdtempSync(join(tmpdir(), 'monet-bench-clv-'));
  try {
    const data = join(dir, 'summary.npz');
    const fit = JSON.parse(
      execFileSync(join(REPO, '.venv/bin/python'), ['-m', 'monet_ml.bench', String(MEMBERS), data], {
        cwd: join(REPO, 'ml/training'),
        encoding: 'utf8',
      }),
    ) as ClvFit;
    const figures: Record<string, number | string> = {
      clv_fit_s: fit.clv_fit_s,
      bgnbd_fit_s: fit.bgnbd_fit_s,
      gamma_gamma_fit_s: fit.gamma_gamma_fit_s,
      clv_bgnbd_log_likelihood: fit.bgnbd_log_likelihood,
      clv_gamma_gamma_log_likelihood: fit.gamma_gamma_log_likelihood,
    };
    for (const [k, v] of Object.entries(fit.bgnbd_params)) figures[`clv_bgnbd_${k}`] = v;
    for (const [k, v] of Object.entries(fit.gamma_gamma_params)) figures[`clv_gamma_gamma_${k}`] = v;

    let python: string;
    try {
      python = lifetimesPython();
    } catch (err) {
      figures.lifetimes_outcome = `not installed: ${(err as Error).message.split('\n')[0]}`;
      return figures;
    }
    const monet = JSON.stringify({ bgnbd: fit.bgnbd_params, gamma_gamma: fit.gamma_gamma_params });
    const t0 = performance.now();
    let ref: LifetimesFit;
    try {
      ref = JSON.parse(
        execFileSync(python, [join(REPO, 'bench/lifetimes/fit.py'), data, monet], {
          encoding: 'utf8',
          timeout: LIFETIMES_CAP_S * 1000,
          maxBuffer: 64 * 2 ** 20,
        }),
      ) as LifetimesFit;
    } catch (err) {
      const e = err as NodeJS.ErrnoException & { stderr?: string };
      const seconds = (performance.now() - t0) / 1000;
      figures.lifetimes_outcome =
        e.code === 'ETIMEDOUT'
          ? `stopped after ${Math.round(seconds)} s (the cap is ${LIFETIMES_CAP_S} s) without a result`
          : `failed after ${Math.round(seconds)} s: ${(e.stderr ?? e.message).trim().split('\n').at(-1)}`;
      return figures;
    }
    figures.lifetimes_version = ref.lifetimes_version;
    figures.lifetimes_fit_s = ref.clv_fit_s;
    figures.lifetimes_bgnbd_fit_s = ref.bgnbd_fit_s;
    figures.lifetimes_gamma_gamma_fit_s = ref.gamma_gamma_fit_s;
    const errors = [
      ref.bgnbd_error && `BG/NBD: ${ref.bgnbd_error}`,
      ref.gamma_gamma_error && `Gamma-Gamma: ${ref.gamma_gamma_error}`,
    ];
    figures.lifetimes_outcome = errors.filter(Boolean).join('; ') || 'both fits converged';
    if (ref.bgnbd_log_likelihood !== undefined) figures.lifetimes_bgnbd_log_likelihood = ref.bgnbd_log_likelihood;
    if (ref.gamma_gamma_log_likelihood !== undefined)
      figures.lifetimes_gamma_gamma_log_likelihood = ref.gamma_gamma_log_likelihood;
    // Monet's parameters by lifetimes' own likelihood: the same optimum whatever the code that found it.
    if (ref.bgnbd_monet_log_likelihood !== undefined)
      figures.lifetimes_ll_of_clv_bgnbd = ref.bgnbd_monet_log_likelihood;
    if (ref.gamma_gamma_monet_log_likelihood !== undefined)
      figures.lifetimes_ll_of_clv_gamma_gamma = ref.gamma_gamma_monet_log_likelihood;
    if (ref.bgnbd_params && ref.gamma_gamma_params) {
      figures.clv_fit_vs_lifetimes = fit.clv_fit_s / ref.clv_fit_s;
      const pairs: [string, number, number][] = [
        ...Object.entries(fit.bgnbd_params).map(([k, v]): [string, number, number] => [
          `bgnbd_${k}`,
          v,
          ref.bgnbd_params![k as keyof BgNbd],
        ]),
        ...Object.entries(fit.gamma_gamma_params).map(([k, v]): [string, number, number] => [
          `gamma_gamma_${k}`,
          v,
          ref.gamma_gamma_params![k as keyof GammaGamma],
        ]),
      ];
      let largest = 0;
      for (const [name, ours, theirs] of pairs) {
        figures[`lifetimes_${name}`] = theirs;
        const difference = Math.abs(ours - theirs) / Math.abs(theirs);
        if (difference >= largest) {
          largest = difference;
          figures.clv_vs_lifetimes_largest_difference_param = name;
        }
      }
      figures.clv_vs_lifetimes_max_rel_difference = largest;
    }
    return figures;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const num = (v: number | string | undefined) => (typeof v === 'number' ? v : undefined);

/**
 * `npm run bench -- models`: raw onnxruntime-node inference on the churn model (the reference), end-to-end scoring
 * of BENCH_MEMBERS members (default 1,000,000) as a ratio of it, the lifetime-value fit at that size, and the shipped
 * model's validation quality beside its logistic baseline.
 */
export async function benchModels(): Promise<Record<string, number | string>> {
  // The reference before and after the run, averaged: the shared machine's load moves between the two.
  const before = await rawInference();
  const e2e = await endToEnd();
  const after = await rawInference();
  const raw = (before + after) / 2;
  const e2eRate = e2e.scored / e2e.seconds;
  const fits = clvFits();
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
    ...fits,
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
    ['BG/NBD + Gamma-Gamma fit (target ≤ 60 and faster than lifetimes)', num(fits.clv_fit_s), 's'],
    ['  lifetimes 0.11.3 on the same data', num(fits.lifetimes_fit_s), 's'],
    ['  Monet ÷ lifetimes', num(fits.clv_fit_vs_lifetimes), '×'],
    ['demo churn model: validation ROC AUC', figures.demo_validation_roc_auc, ''],
    ['logistic baseline: validation ROC AUC', figures.demo_baseline_roc_auc, ''],
    ['demo churn model: validation Brier', figures.demo_validation_brier, ''],
    ['logistic baseline: validation Brier', figures.demo_baseline_brier, ''],
  ]);
  const difference = num(fits.clv_vs_lifetimes_max_rel_difference);
  console.log(`  lifetimes: ${fits.lifetimes_outcome}`);
  if (difference !== undefined) {
    console.log(
      `  parameters, largest relative difference: ${difference.toExponential(1)} (${fits.clv_vs_lifetimes_largest_difference_param})`,
    );
  }
  console.log(`\nwrote ${writeResults('models', figures)}`);
  return figures;
}
