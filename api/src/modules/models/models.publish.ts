import pg from 'pg';
import { CsvRows, copyRows } from '../../infra/copy-rows.ts';
import type { RunRecord, ScoreColumns } from './models.repository.ts';

export type { RunRecord, ScoreColumns };

export interface Publication {
  /** False when a run scored later was published already: this one is older and changes nothing. */
  published: boolean;
  members: number;
  /** Members that held scores of an earlier run and are not in this one (they lose them). */
  removed: number;
}

const COLUMNS = [
  'tenant_id',
  'member_id',
  'run_id',
  'churn_probability',
  'churn_risk_band',
  'predicted_clv_minor',
  'probability_alive',
  'expected_purchases',
] as const;

/**
 * Makes a completed scoring run's scores the tenant's current ones in Postgres, in one transaction: the tenant's
 * scores deleted, the run's copied in (COPY, batch by batch as they come) and the run recorded. A publication that
 * fails anywhere rolls back whole, so Postgres keeps the previous run's scores; publishing the same run again
 * writes the same rows. COPY runs on the connection's own role, as the import's writer does (row-level security
 * does not take COPY FROM), so every statement here names the tenant itself.
 */
export async function publishMemberScores(
  databaseUrl: string,
  run: RunRecord,
  batches: AsyncIterable<ScoreColumns>,
): Promise<Publication> {
  const client = new pg.Client({ connectionString: databaseUrl, application_name: 'monet-scores' });
  // A dropped connection fails the statement in flight, which fails the publication.
  client.on('error', () => {});
  await client.connect();
  try {
    await client.query('BEGIN');
    try {
      // Two publications of one tenant take turns; the later-scored run wins whatever the order they finish in.
      await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`member_scores:${run.tenantId}`]);
      const latest = await client.query<{ scored_at: Date }>(
        'SELECT scored_at FROM scoring_runs WHERE tenant_id = $1 ORDER BY scored_at DESC LIMIT 1',
        [run.tenantId],
      );
      const scoredAt = latest.rows[0]?.scored_at;
      if (scoredAt && scoredAt.getTime() > run.scoredAt.getTime()) {
        await client.query('ROLLBACK');
        return { published: false, members: 0, removed: 0 };
      }
      const deleted = await client.query('DELETE FROM member_scores WHERE tenant_id = $1', [run.tenantId]);
      const rows = new CsvRows('member_scores', COLUMNS);
      let members = 0;
      for await (const b of batches) {
        for (let i = 0; i < b.memberIds.length; i++) {
          rows.push(
            run.tenantId,
            b.memberIds[i],
            run.runId,
            b.churnProbability[i],
            b.churnRiskBand[i],
            Math.round(b.predictedClvMinor[i] ?? 0),
            b.probabilityAlive[i],
            b.expectedPurchases[i],
          );
        }
        members += b.memberIds.length;
        await copyRows(client, [rows]);
      }
      // Members erased since the run read its features keep no scores (the erasure deleted theirs too).
      const erased = await client.query(
        `DELETE FROM member_scores s USING members m
          WHERE s.tenant_id = $1 AND m.tenant_id = $1 AND m.id = s.member_id AND m.status = 'erased'`,
        [run.tenantId],
      );
      members -= erased.rowCount ?? 0;
      await client.query(
        `INSERT INTO scoring_runs (id, tenant_id, as_of_date, churn_model_version, churn_model_source,
                                   churn_horizon_days, clv_model_version, clv_horizon_days, members_scored, scored_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
         ON CONFLICT (id) DO UPDATE SET published_at = now()`,
        [
          run.runId,
          run.tenantId,
          run.asOfDate,
          run.churnModelVersion,
          run.churnModelSource,
          run.churnHorizonDays,
          run.clvModelVersion,
          run.clvHorizonDays,
          run.membersScored,
          run.scoredAt,
        ],
      );
      await client.query('COMMIT');
      return { published: true, members, removed: Math.max(0, (deleted.rowCount ?? 0) - members) };
    } catch (err) {
      await client.query('ROLLBACK').catch(() => {});
      throw err;
    }
  } finally {
    await client.end().catch(() => {});
  }
}
