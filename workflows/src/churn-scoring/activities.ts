import { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import type { ClickHouseClient } from '@clickhouse/client';
import {
  type ChurnModel,
  type ClvParams,
  clvPredictor,
  FeatureSpecMismatchError,
  loadChurnModel,
  loadClvModel,
  type ResolvedModel,
  resolveModel,
  riskBand,
  toInput,
} from '@loyaltystudio/ml';
import { ApplicationFailure, Context } from '@temporalio/activity';
import type { TenantScoring, TenantScoringInput } from '../contracts.ts';
import {
  AS_OF_SQL,
  FEATURE_COLUMNS_SQL,
  featuresSql,
  REPEAT_PURCHASES_SQL,
  SCORE_COLUMNS,
  TENANTS_SQL,
} from './queries.ts';
import { type ScoreRow, scoreRowEncoder } from './row-binary.ts';

export interface ChurnScoringDeps {
  /** ClickHouse as Monet's read/write user: reads the marts, appends to raw.member_scores and raw.scoring_runs. */
  clickhouse: ClickHouseClient;
  /** Tenants' own models (`<modelsDir>/tenants/<tenant id>/{churn,clv}/<version>`); the shipped ones otherwise. */
  modelsDir?: string;
  /** The shipped models (tests point elsewhere). */
  shippedDir?: string;
  /** Days the lifetime value looks ahead (CLV_HORIZON_DAYS). */
  clvHorizonDays: number;
  /** Members scored and written at a time (SCORING_BATCH_ROWS). */
  batchRows: number;
  now?: () => Date;
  /** Called after each batch is written (tests stop a run there). */
  afterBatch?: (progress: ScoringProgress) => void | Promise<void>;
}

/**
 * Where a run got to: the features' date, the last member written, and the counts so far. Heartbeats carry it; a
 * retry resumes from it when the marts still describe the same date, and starts over otherwise (every member is
 * then written again under the run's id, replacing what the first attempt wrote).
 */
export interface ScoringProgress {
  asOf: string;
  after: string;
  scored: number;
  refused: number;
}

/** A model whose feature spec does not match the mart: no retry helps; the tenant keeps its previous scores. */
export const FEATURE_SPEC_MISMATCH = 'FeatureSpecMismatch';
/** The tenant has no features (the marts were never built for it). */
export const NO_FEATURES = 'NoFeatures';

const FIRST_MEMBER = '00000000-0000-0000-0000-000000000000';
/** Rows per onnxruntime run: large enough to amortise a run, small enough to stay in cache. */
const SCORE_CHUNK = 10_000;

function timestamp(at: Date): string {
  return at.toISOString().replace('T', ' ').replace('Z', '');
}

export function createActivities({
  clickhouse,
  modelsDir,
  shippedDir,
  clvHorizonDays,
  batchRows,
  now = () => new Date(),
  afterBatch,
}: ChurnScoringDeps) {
  // Loaded sessions by model directory: a version's files never change, so a worker loads each once.
  const churnModels = new Map<string, Promise<ChurnModel>>();

  async function query<T>(sql: string, params: Record<string, unknown> = {}): Promise<T[]> {
    const result = await clickhouse.query({ query: sql, query_params: params, format: 'JSONEachRow' });
    return result.json<T>();
  }

  async function churnModel(resolved: ResolvedModel): Promise<ChurnModel> {
    let loading = churnModels.get(resolved.dir);
    if (!loading) {
      loading = query<{ name: string; type: string }>(FEATURE_COLUMNS_SQL).then((columns) =>
        loadChurnModel(resolved.dir, { columns: new Map(columns.map((c) => [c.name, c.type])) }),
      );
      churnModels.set(resolved.dir, loading);
      loading.catch(() => churnModels.delete(resolved.dir));
    }
    return loading;
  }

  return {
    /** Every tenant with member features: the scheduled run scores each. */
    async listScoringTenants(): Promise<string[]> {
      return (await query<{ tenant_id: string }>(TENANTS_SQL)).map((r) => r.tenant_id);
    },

    /**
     * Scores one tenant's members at the marts' as-of date: reads their features and purchase histories in member
     * order, scores them in batches with the tenant's churn model (or the shipped default), adds lifetime value, and
     * appends each batch to raw.member_scores under `runId`. Only after the last batch does it record the run in
     * raw.scoring_runs, so a run that stops halfway never replaces the tenant's previous scores. A retry resumes after
     * the last member its heartbeat reported; rows written twice carry the same key and collapse.
     */
    async scoreTenant({ tenantId, runId, workflowId }: TenantScoringInput): Promise<TenantScoring> {
      const context = Context.current();
      const startedAt = now();
      const t0 = performance.now();
      const churnResolved = resolveModel('churn', { tenantId, modelsDir, shippedDir });
      const clvResolved = resolveModel('clv', { tenantId, modelsDir, shippedDir });
      let model: ChurnModel;
      try {
        model = await churnModel(churnResolved);
      } catch (err) {
        if (err instanceof FeatureSpecMismatchError) {
          throw ApplicationFailure.nonRetryable(err.message, FEATURE_SPEC_MISMATCH, err.differences);
        }
        throw err;
      }
      const clv: ClvParams = await loadClvModel(clvResolved.dir);
      const [snapshot] = await query<{ as_of: string; members: string }>(AS_OF_SQL, { tenant: tenantId });
      if (!snapshot || Number(snapshot.members) === 0) {
        throw ApplicationFailure.nonRetryable(
          `tenant ${tenantId} has no member features: are the marts built?`,
          NO_FEATURES,
        );
      }
      const asOf = snapshot.as_of;
      const resumed = context.info.heartbeatDetails as ScoringProgress | undefined;
      const progress: ScoringProgress =
        resumed?.asOf === asOf ? { ...resumed } : { asOf, after: FIRST_MEMBER, scored: 0, refused: 0 };
      const width = model.spec.features.length;
      const scoredAt = timestamp(startedAt);
      const horizon = model.spec.horizonDays;

      const sql = featuresSql(model.spec);
      const predict = clvPredictor(clv, clvHorizonDays);
      const encode = scoreRowEncoder({
        tenantId,
        runId,
        asOfDate: asOf,
        scoredAt: startedAt,
        churnModelVersion: model.version,
        churnHorizonDays: horizon,
        clvModelVersion: clv.version,
        clvHorizonDays,
      });

      // Pages of members in member order, each with its members' purchase histories; the next page is read while
      // this one is scored and written.
      const tsv = async (query: string, params: Record<string, unknown>) => {
        // TabSeparated: NULL comes as \N and infinities as inf, which the spec then refuses.
        const result = await clickhouse.query({
          query,
          query_params: { tenant: tenantId, ...params },
          format: 'TabSeparated',
          abort_signal: context.cancellationSignal,
        });
        const lines = (await result.text()).split('\n');
        if (lines.at(-1) === '') lines.pop();
        return lines.map((line) => line.split('\t').map((v) => (v === '\\N' ? null : v)));
      };
      const readPage = async (after: string) => {
        const rows = await tsv(sql, { asOf, after, limit: batchRows });
        const last = rows.at(-1)?.[0];
        const histories = last ? await tsv(REPEAT_PURCHASES_SQL, { after, last }) : [];
        return { after, rows, histories: new Map(histories.map((h) => [h[0] as string, h.slice(1)])) };
      };
      type Page = Awaited<ReturnType<typeof readPage>>;
      let next: Promise<Page> | null = readPage(progress.after);
      while (next) {
        const page: Page = await next;
        next = null;
        const lines = page.rows;
        if (!lines.length) break;
        const members = lines.map((cells) => cells[0] as string);
        const features = lines.map((cells) => cells.slice(1, 1 + width));
        if (lines.length === batchRows) {
          next = readPage(members.at(-1)!);
          // A failure of the read ahead surfaces when it is awaited, not before.
          next.catch(() => {});
        }
        const { matrix, accepted, refused } = toInput(model.spec, features);
        const probabilities = new Float32Array(accepted.length);
        for (let from = 0; from < accepted.length; from += SCORE_CHUNK) {
          const rows = Math.min(SCORE_CHUNK, accepted.length - from);
          probabilities.set(await model.score(matrix.subarray(from * width, (from + rows) * width), rows), from);
        }
        const scores: ScoreRow[] = accepted.map((r, i) => {
          const history = page.histories.get(members[r]!);
          const value = predict(
            history === undefined
              ? { x: 0, tx: 0, T: Number(lines[r]![1 + width]), meanValue: null }
              : {
                  x: Number(history[0]),
                  tx: Number(history[1]),
                  T: Number(history[2]),
                  meanValue: history[3] === null ? null : Number(history[3]),
                },
          );
          const p = probabilities[i]!;
          return { memberId: members[r]!, churnProbability: p, churnRiskBand: riskBand(p), ...value };
        });
        if (scores.length) {
          const insert = await clickhouse.exec({
            query: `INSERT INTO raw.member_scores (${SCORE_COLUMNS.join(', ')}) FORMAT RowBinary`,
            values: Readable.from([encode(scores)]),
          });
          await finished(insert.stream.resume());
        }
        progress.after = members.at(-1)!;
        progress.scored += accepted.length;
        progress.refused += refused.length;
        context.heartbeat({ ...progress });
        await afterBatch?.({ ...progress });
      }

      const completedAt = now();
      await clickhouse.insert({
        table: 'raw.scoring_runs',
        values: [
          {
            tenant_id: tenantId,
            run_id: runId,
            workflow_id: workflowId,
            as_of_date: asOf,
            started_at: scoredAt,
            completed_at: timestamp(completedAt),
            churn_model_version: model.version,
            churn_model_source: churnResolved.source,
            churn_horizon_days: horizon,
            clv_model_version: clv.version,
            clv_horizon_days: clvHorizonDays,
            members_scored: progress.scored,
            members_refused: progress.refused,
          },
        ],
        format: 'JSONEachRow',
      });
      context.log.info('scoring run done', { tenantId, runId, scored: progress.scored, refused: progress.refused });
      return {
        tenantId,
        runId,
        asOfDate: asOf,
        churnModelVersion: model.version,
        churnModelSource: churnResolved.source,
        clvModelVersion: clv.version,
        membersScored: progress.scored,
        membersRefused: progress.refused,
        seconds: Math.round(performance.now() - t0) / 1000,
      };
    },
  };
}

export type ChurnScoringActivities = ReturnType<typeof createActivities>;
