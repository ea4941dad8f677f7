import type { ClickHouseClient } from '@clickhouse/client';
import { listModelVersions, type ModelVersionFiles, RISK_BAND_CUTOFFS } from '@loyaltystudio/ml/catalog';
import { type MemberPrediction, type RealisedQuality, readModelQuality } from '@loyaltystudio/warehouse';
import type { AuthContext } from '../../auth/context.ts';
import type { Tx } from '../../infra/tenant-tx.ts';
import { apiMartReader } from '../../infra/warehouse.ts';
import type { AnalyticsSettings } from '../analytics/analytics.settings.ts';
import { modelsRepository as repo, type ScoreRow } from './models.repository.ts';
import type { ChurnModel, ClvModel, MemberScores, ModelCatalog, ScoringAccepted } from './models.schemas.ts';
import { type ScoringWorkflows, scoringTemporalUnavailable } from './models.workflows.ts';

export interface ModelsDeps {
  clickhouse: ClickHouseClient;
  settings: AnalyticsSettings;
  /** Tenants' own models (ML_MODELS_DIR); without it only the shipped ones. */
  modelsDir?: string;
  /** The shipped models (tests point elsewhere). */
  shippedDir?: string;
  /** CLV_HORIZON_DAYS, as the worker scores with it. */
  clvHorizonDays: number;
  workflows?: ScoringWorkflows;
}

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (v && typeof v === 'object' ? (v as Json) : {});
const num = (v: unknown): number => (typeof v === 'number' ? v : Number.NaN);
const nullableNum = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const str = (v: unknown): string => (typeof v === 'string' ? v : String(v ?? ''));
const isoDay = (d: Date) => d.toISOString().slice(0, 10);

function metrics(m: Json) {
  return {
    members: num(m.members),
    churnRate: num(m.churnRate),
    meanPredicted: num(m.meanPredicted),
    rocAuc: nullableNum(m.rocAuc),
    prAuc: nullableNum(m.prAuc),
    brier: num(m.brier),
    topDecileLift: nullableNum(m.topDecileLift),
  };
}

/** A churn version's card and spec as the api shows them, with the runs of it the tenant's marts judged. */
function churnModel(files: ModelVersionFiles, runs: RealisedQuality[]): ChurnModel {
  const card = files.card;
  const data = obj(card.data);
  const rows = obj(data.rows);
  const chosen = obj(obj(card.metrics).chosen);
  return {
    version: files.version,
    source: files.source,
    current: files.current,
    trainedAt: new Date(str(card.trainedAt)).toISOString(),
    trainingSeconds: num(card.trainingSeconds),
    algorithm: str(card.algorithm),
    label: str(card.label),
    horizonDays: num(card.horizonDays),
    calibration: str(obj(card.calibration).method),
    hyperparameters: obj(card.hyperparameters) as Record<string, number>,
    data: {
      hash: str(data.hash),
      source: str(data.source),
      martAsOfDate: str(data.martAsOfDate),
      trainAsOfDates: ((data.trainAsOfDates as unknown[]) ?? []).map(str),
      validationAsOfDate: str(data.validationAsOfDate),
      trainRows: num(rows.train),
      validationRows: num(rows.validate),
    },
    validation: {
      chosen: metrics(chosen),
      baseline: metrics(obj(obj(card.metrics).baseline)),
      calibration: ((chosen.calibration as Json[]) ?? []).map((b) => ({
        bin: num(b.bin),
        members: num(b.members),
        meanPredicted: nullableNum(b.meanPredicted),
        observedRate: nullableNum(b.observedRate),
      })),
    },
    features: ((obj(files.spec).features as Json[]) ?? []).map((f) => ({
      name: str(f.name),
      type: str(f.type),
      nullable: f.nullable === true,
      missing: f.missing === 'nan' ? 'nan' : 'refuse',
    })),
    libraries: obj(card.libraries) as Record<string, string>,
    realisedQuality: runs
      .filter((r) => r.churnModelVersion === files.version)
      .map(({ churnModelVersion, churnHorizonDays, ...run }) => run),
  };
}

function fit<K extends string>(section: Json, names: readonly K[]) {
  const params = obj(section.params);
  return {
    params: Object.fromEntries(names.map((n) => [n, num(params[n])])) as Record<K, number>,
    standardErrors: Object.fromEntries(
      Object.entries(obj(section.standardErrors)).map(([k, v]) => [k, nullableNum(v)]),
    ),
    logLikelihood: num(section.logLikelihood),
    members: num(section.members),
    distinctRows: num(section.distinctRows),
    iterations: num(section.iterations),
    converged: section.converged === true,
    seconds: num(section.seconds),
  };
}

function clvModel(files: ModelVersionFiles): ClvModel {
  const card = files.card;
  return {
    version: files.version,
    source: files.source,
    current: files.current,
    asOfDate: str(card.asOfDate),
    bgnbd: fit(obj(card.bgnbd), ['r', 'alpha', 'a', 'b'] as const),
    gammaGamma: fit(obj(card.gammaGamma), ['p', 'q', 'v'] as const),
    libraries: obj(card.libraries) as Record<string, string>,
  };
}

/** Postgres's current scores of a member as the api shows them. */
export function toMemberScores(row: ScoreRow): MemberScores {
  return {
    churnProbability: row.churnProbability,
    churnRiskBand: row.churnRiskBand,
    predictedClvMinor: Number(row.predictedClvMinor),
    currency: row.currency?.trim() || null,
    probabilityAlive: row.probabilityAlive,
    expectedPurchases: row.expectedPurchases,
    churnModelVersion: row.churnModelVersion,
    clvModelVersion: row.clvModelVersion,
    churnHorizonDays: row.churnHorizonDays,
    clvHorizonDays: row.clvHorizonDays,
    asOfDate: isoDay(row.asOfDate),
    scoredAt: row.scoredAt.toISOString(),
    runId: row.runId,
  };
}

/** The warehouse's prediction of a member (marts.member_predictions) as the api shows it. */
export function predictionScores(p: MemberPrediction, currency: string | null): MemberScores {
  return {
    churnProbability: p.churnProbability,
    churnRiskBand: p.churnRiskBand,
    predictedClvMinor: p.predictedClvMinor,
    currency,
    probabilityAlive: p.probabilityAlive,
    expectedPurchases: p.expectedPurchases,
    churnModelVersion: p.churnModelVersion,
    clvModelVersion: p.clvModelVersion,
    churnHorizonDays: p.churnHorizonDays,
    clvHorizonDays: p.clvHorizonDays,
    asOfDate: p.asOfDate,
    scoredAt: new Date(p.scoredAt).toISOString(),
    runId: p.runId,
  };
}

/** The current scores of these members, by member id, in the caller's tenant transaction. */
export async function currentScores(tx: Tx, tenantId: string, memberIds: string[]): Promise<Map<string, MemberScores>> {
  if (memberIds.length === 0) return new Map();
  const rows = await repo.scoresOf(tx, tenantId, memberIds);
  return new Map(rows.map((row) => [row.memberId, toMemberScores(row)]));
}

export function createModelsService(deps: ModelsDeps) {
  const reader = apiMartReader(deps.clickhouse, deps.settings);
  const workflows = deps.workflows ?? scoringTemporalUnavailable;
  const where = { modelsDir: deps.modelsDir, shippedDir: deps.shippedDir };

  return {
    /** The tenant's model versions (its own and the shipped ones) with their cards and realised quality. */
    async list(auth: AuthContext): Promise<ModelCatalog> {
      const runs = await readModelQuality(reader, { tenantId: auth.tenantId });
      const churn = listModelVersions('churn', { tenantId: auth.tenantId, ...where });
      const clv = listModelVersions('clv', { tenantId: auth.tenantId, ...where });
      return {
        riskBands: { ...RISK_BAND_CUTOFFS },
        clvHorizonDays: deps.clvHorizonDays,
        churn: churn.map((files) => churnModel(files, runs)),
        clv: clv.map(clvModel),
      };
    },

    /** Starts a scoring run of the tenant now; the same Idempotency-Key answers the same run. */
    async scoreNow(auth: AuthContext, key: string): Promise<ScoringAccepted & { replayed: boolean }> {
      const { workflowId, started } = await workflows.scoreNow(auth.tenantId, key);
      return { workflowId, status: started ? 'started' : 'already-started', replayed: !started };
    },
  };
}

export type ModelsService = ReturnType<typeof createModelsService>;
