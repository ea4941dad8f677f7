import type { ClickHouseClient } from '@clickhouse/client';
import { type Publication, publishMemberScores, type ScoreColumns } from '@loyaltystudio/api/models';
import { ApplicationFailure, Context } from '@temporalio/activity';
import type { TenantScoringInput } from '../contracts.ts';
import { RUN_SCORES_SQL, RUN_SQL, SCORE_ROW_BYTES } from './queries.ts';
import { uuidText } from './row-binary.ts';

export interface PublishDeps {
  clickhouse: ClickHouseClient;
  /** Postgres as Monet's owner role: the api's publication names the tenant in every statement. */
  databaseUrl: string;
  /** Members per statement. */
  batchRows?: number;
}

/** The run is not in raw.scoring_runs: it never completed, so it has nothing to publish. */
export const RUN_NOT_COMPLETED = 'RunNotCompleted';

const BANDS = ['low', 'medium', 'high'];

/** The run's scores, read from raw.member_scores in RowBinary, as column batches for the api's publication. */
async function* scoreBatches(clickhouse: ClickHouseClient, params: Record<string, unknown>, rows: number) {
  const context = Context.current();
  const result = await clickhouse.exec({
    query: RUN_SCORES_SQL,
    query_params: params,
    abort_signal: context.cancellationSignal,
  });
  let rest: Buffer = Buffer.alloc(0);
  let batch: ScoreColumns = empty();
  for await (const chunk of result.stream as AsyncIterable<Buffer>) {
    const buf = rest.length ? Buffer.concat([rest, chunk]) : chunk;
    const whole = buf.length - (buf.length % SCORE_ROW_BYTES);
    for (let o = 0; o < whole; o += SCORE_ROW_BYTES) {
      batch.memberIds.push(uuidText(buf, o));
      batch.churnProbability.push(buf.readFloatLE(o + 16));
      batch.churnRiskBand.push(BANDS[buf[o + 20]! - 1] ?? 'low');
      batch.predictedClvMinor.push(Number(buf.readBigInt64LE(o + 21)));
      batch.probabilityAlive.push(buf.readDoubleLE(o + 29));
      batch.expectedPurchases.push(buf.readDoubleLE(o + 37));
      if (batch.memberIds.length === rows) {
        yield batch;
        context.heartbeat();
        batch = empty();
      }
    }
    rest = buf.subarray(whole);
  }
  if (batch.memberIds.length) yield batch;
}

function empty(): ScoreColumns {
  return {
    memberIds: [],
    churnProbability: [],
    churnRiskBand: [],
    predictedClvMinor: [],
    probabilityAlive: [],
    expectedPurchases: [],
  };
}

export function createPublishActivities({ clickhouse, databaseUrl, batchRows = 20_000 }: PublishDeps) {
  return {
    /**
     * Makes a completed run's scores the members' current ones in Postgres, through the api's service: one
     * transaction, so a publication that stops (a worker lost, Postgres gone) leaves the previous run's scores and
     * its retry starts over. A run older than the one Postgres holds changes nothing.
     */
    async publishScores({ tenantId, runId }: Pick<TenantScoringInput, 'tenantId' | 'runId'>): Promise<Publication> {
      const params = { tenant: tenantId, run: runId };
      const result = await clickhouse.query({ query: RUN_SQL, query_params: params, format: 'JSONEachRow' });
      const [run] = await result.json<{
        as_of_date: string;
        started_at: string;
        churn_model_version: string;
        churn_model_source: string;
        churn_horizon_days: number;
        clv_model_version: string;
        clv_horizon_days: number;
        members_scored: string;
      }>();
      if (!run) throw ApplicationFailure.nonRetryable(`scoring run ${runId} has not completed`, RUN_NOT_COMPLETED);
      return publishMemberScores(
        databaseUrl,
        {
          runId,
          tenantId,
          asOfDate: run.as_of_date,
          churnModelVersion: run.churn_model_version,
          churnModelSource: run.churn_model_source,
          churnHorizonDays: Number(run.churn_horizon_days),
          clvModelVersion: run.clv_model_version,
          clvHorizonDays: Number(run.clv_horizon_days),
          membersScored: Number(run.members_scored),
          scoredAt: new Date(`${run.started_at.replace(' ', 'T')}Z`),
        },
        scoreBatches(clickhouse, params, batchRows),
      );
    },
  };
}

export type PublishActivities = ReturnType<typeof createPublishActivities>;
