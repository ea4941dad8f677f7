import { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import type { ClickHouseClient } from '@clickhouse/client';
import {
  type ChurnModel,
  clvColumnPredictor,
  FeatureSpecMismatchError,
  loadChurnModel,
  loadClvModel,
  type ResolvedModel,
  resolveModel,
  riskBand,
} from '@loyaltystudio/ml';
import { ApplicationFailure, Context } from '@temporalio/activity';
import type { TenantScoring, TenantScoringInput } from '../contracts.ts';
import { BufferPool } from './buffers.ts';
import { encodeScores } from './native.ts';
import { lastMember, type Page, pooledScores, readNative, type ScoredPage, scorePage } from './pages.ts';
import {
  AS_OF_SQL,
  FEATURE_COLUMNS_SQL,
  featuresSql,
  featureTypes,
  pageEndsSql,
  REPEAT_PURCHASES_SQL,
  REPEAT_TYPES,
  SCORES_INSERT_SQL,
  TENANTS_SQL,
} from './queries.ts';

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
  /** Filled with where a run's time went, in ms (the benchmark's profile). */
  profile?: ScoringProfile;
}

/** Milliseconds a run spent waiting for pages, scoring them (onnxruntime and lifetime value), encoding, and waiting for writes. */
export interface ScoringProfile {
  readWaitMs: number;
  scoreMs: number;
  encodeMs: number;
  writeWaitMs: number;
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
/** The greatest UUID in ClickHouse's order: the end of a run's last page. */
const LAST_MEMBER = 'ffffffff-ffff-ffff-ffff-ffffffffffff';
/** Pages read at once ahead of the one being scored: two queries each, beside one write (the gateway has 4 connections). */
const READ_AHEAD = 1;

/** A page sent to be scored, not yet encoded. */
interface InFlight {
  page: Page;
  last: string;
  scoring: Promise<ScoredPage>;
}

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
  profile = { readWaitMs: 0, scoreMs: 0, encodeMs: 0, writeWaitMs: 0 },
}: ChurnScoringDeps) {
  // Loaded sessions by model directory: a version's files never change, so a worker loads each once. Each scores in a
  // thread of its own, so a page is scored while this thread reads, computes lifetime value, encodes and writes.
  const churnModels = new Map<string, Promise<ChurnModel>>();

  async function query<T>(sql: string, params: Record<string, unknown> = {}): Promise<T[]> {
    const result = await clickhouse.query({ query: sql, query_params: params, format: 'JSONEachRow' });
    return result.json<T>();
  }

  async function churnModel(resolved: ResolvedModel): Promise<ChurnModel> {
    let loading = churnModels.get(resolved.dir);
    if (!loading) {
      loading = query<{ name: string; type: string }>(FEATURE_COLUMNS_SQL).then((columns) =>
        loadChurnModel(resolved.dir, { columns: new Map(columns.map((c) => [c.name, c.type])), offThread: true }),
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
      const loading = churnModel(churnResolved).catch((err) => {
        if (err instanceof FeatureSpecMismatchError) {
          throw ApplicationFailure.nonRetryable(err.message, FEATURE_SPEC_MISMATCH, err.differences);
        }
        throw err;
      });
      // At once: a worker's first run loads the model (a session in a thread of its own) meanwhile.
      const [model, clv, [snapshot]] = await Promise.all([
        loading,
        loadClvModel(clvResolved.dir),
        query<{ as_of: string; members: string }>(AS_OF_SQL, { tenant: tenantId }),
      ]);
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
      const scoredAt = timestamp(startedAt);
      const horizon = model.spec.horizonDays;

      const sql = featuresSql(model.spec);
      const types = featureTypes(model.spec);
      const predict = clvColumnPredictor(clv, clvHorizonDays);
      // The run's own columns, which ClickHouse adds to each row of a page (SCORES_INSERT_SQL).
      const runColumns = {
        tenant: tenantId,
        run: runId,
        asOf,
        scoredAt,
        churnModel: model.version,
        churnHorizon: horizon,
        clvModel: clv.version,
        clvHorizon: clvHorizonDays,
      };
      const signal = context.cancellationSignal;
      const params = { tenant: tenantId, asOf };

      // Pages of members in member order, each a range of member ids (after, last] read as two queries at once: its
      // features and its members' purchase histories, in Native. The ranges are known before any is read, so pages
      // are read ahead while others are scored and written.
      const ends = await query<{ member_id: string }>(pageEndsSql(model.spec), {
        ...params,
        after: progress.after,
        limit: batchRows,
      });
      const ranges = [...ends.map((e) => e.member_id), LAST_MEMBER].map((last, i, all) => ({
        after: i === 0 ? progress.after : (all[i - 1] as string),
        last,
      }));
      // The run's pages pass through the same memory (buffers.ts): a page's columns go back once it is encoded, what
      // a write sends once it is written.
      const pool = new BufferPool();
      const readPage = async ({ after, last }: { after: string; last: string }): Promise<Page> => {
        const range = { ...params, after, last };
        const [features, repeat] = await Promise.all([
          readNative(clickhouse, sql, range, types, signal, pool),
          readNative(clickhouse, REPEAT_PURCHASES_SQL, range, REPEAT_TYPES, signal, pool),
        ]);
        return { rows: features.rows, features, repeat, last: lastMember(features) };
      };
      const write = async (body: Uint8Array[] | null, done: ScoringProgress, written: ArrayBufferLike[]) => {
        if (body) {
          const insert = await clickhouse.exec({
            query: SCORES_INSERT_SQL,
            query_params: runColumns,
            values: Readable.from(body),
            abort_signal: signal,
          });
          await finished(insert.stream.resume());
        }
        pool.give(...written);
        // In page order, and only once the page is written: a retry resumes after the last page heartbeated.
        Object.assign(progress, done);
        context.heartbeat({ ...progress });
        await afterBatch?.({ ...progress });
      };

      let writing: Promise<void> = Promise.resolve();
      const counted = { ...progress };
      let t = performance.now();
      const lap = (key: keyof ScoringProfile) => {
        const now = performance.now();
        profile[key] += now - t;
        t = now;
      };
      /** Encodes a scored page and writes it once the previous write finished (one write in flight). */
      const finish = async ({ page, last, scoring }: InFlight) => {
        const { columns, refused } = await scoring;
        lap('scoreMs');
        const encoded = columns.n ? encodeScores(columns, riskBand, pool) : null;
        // Encoded: the ids are copied out, and nothing reads the page as read any more.
        pool.give(...page.features.columns.map((c) => c.buffer), ...page.repeat.columns.map((c) => c.buffer));
        lap('encodeMs');
        counted.after = last;
        counted.scored += columns.n;
        counted.refused += refused;
        const done = { ...counted };
        await writing;
        lap('writeWaitMs');
        writing = write(encoded?.body ?? null, done, [...pooledScores(columns), ...(encoded?.pooled ?? [])]);
        writing.catch(() => {});
      };

      // Steps overlap: while page k is encoded and written, page k + 1 is being scored in the model's thread (sent
      // there as soon as it was read, behind page k) and the READ_AHEAD pages after it are being read.
      const reads: Promise<Page>[] = [];
      let nextRange = 0;
      const readAhead = () => {
        while (reads.length < READ_AHEAD && nextRange < ranges.length) {
          const reading = readPage(ranges[nextRange++]!);
          // A failure of a read ahead surfaces when it is awaited, not before.
          reading.catch(() => {});
          reads.push(reading);
        }
      };
      readAhead();
      let scored: InFlight | null = null;
      for (let reading = reads.shift(); reading; reading = reads.shift()) {
        const page: Page = await reading;
        lap('readWaitMs');
        readAhead();
        // Gathers the rows, sends them to the model's thread and computes lifetime value, all before it returns.
        const next = page.last ? { page, last: page.last, scoring: scorePage(page, model, predict, pool) } : null;
        next?.scoring.catch(() => {});
        lap('scoreMs');
        if (next) {
          if (scored) await finish(scored);
          scored = next;
        }
      }
      if (scored) await finish(scored);
      await writing;
      lap('writeWaitMs');

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
