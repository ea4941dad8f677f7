import type { Tx } from '../../infra/tenant-tx.ts';

/** A member's current scores with their run, as Postgres holds them. */
export interface ScoreRow {
  memberId: string;
  churnProbability: number;
  churnRiskBand: 'low' | 'medium' | 'high';
  predictedClvMinor: bigint;
  probabilityAlive: number;
  expectedPurchases: number;
  runId: string;
  asOfDate: Date;
  scoredAt: Date;
  churnModelVersion: string;
  churnHorizonDays: number;
  clvModelVersion: string;
  clvHorizonDays: number;
  currency: string | null;
}

/** One batch of a run's scores, column by column. */
export interface ScoreColumns {
  memberIds: string[];
  churnProbability: number[];
  churnRiskBand: string[];
  predictedClvMinor: number[];
  probabilityAlive: number[];
  expectedPurchases: number[];
}

export interface RunRecord {
  runId: string;
  tenantId: string;
  asOfDate: string;
  churnModelVersion: string;
  churnModelSource: string;
  churnHorizonDays: number;
  clvModelVersion: string;
  clvHorizonDays: number;
  membersScored: number;
  scoredAt: Date;
}

export const modelsRepository = {
  /** The current scores of these members of the tenant (those of its latest published run). */
  scoresOf: (tx: Tx, tenantId: string, memberIds: string[]) =>
    tx.$queryRaw<ScoreRow[]>`
      SELECT s.member_id AS "memberId", s.churn_probability AS "churnProbability",
             s.churn_risk_band::text AS "churnRiskBand", s.predicted_clv_minor AS "predictedClvMinor",
             s.probability_alive AS "probabilityAlive", s.expected_purchases AS "expectedPurchases",
             r.id AS "runId", r.as_of_date AS "asOfDate", r.scored_at AS "scoredAt",
             r.churn_model_version AS "churnModelVersion", r.churn_horizon_days AS "churnHorizonDays",
             r.clv_model_version AS "clvModelVersion", r.clv_horizon_days AS "clvHorizonDays",
             t.currency AS "currency"
        FROM member_scores s
        JOIN scoring_runs r ON r.tenant_id = s.tenant_id AND r.id = s.run_id
        JOIN tenants t ON t.id = s.tenant_id
       WHERE s.tenant_id = ${tenantId}::uuid AND s.member_id = ANY(${memberIds}::uuid[])`,

  /** When the tenant's latest published run was scored, if any. */
  latestScoredAt: async (tx: Tx, tenantId: string): Promise<Date | null> => {
    const rows = await tx.$queryRaw<{ scoredAt: Date }[]>`
      SELECT scored_at AS "scoredAt" FROM scoring_runs WHERE tenant_id = ${tenantId}::uuid
       ORDER BY scored_at DESC LIMIT 1`;
    return rows[0]?.scoredAt ?? null;
  },

  /** Writes a batch as the members' scores of `runId`, replacing whatever run they held. */
  upsertScores: (tx: Tx, tenantId: string, runId: string, b: ScoreColumns) =>
    tx.$executeRaw`
      INSERT INTO member_scores (tenant_id, member_id, run_id, churn_probability, churn_risk_band,
                                 predicted_clv_minor, probability_alive, expected_purchases)
      SELECT ${tenantId}::uuid, m, ${runId}::uuid, p, band::churn_risk_band, clv, alive, purchases
        FROM unnest(${b.memberIds}::uuid[], ${b.churnProbability}::real[], ${b.churnRiskBand}::text[],
                    ${b.predictedClvMinor}::bigint[], ${b.probabilityAlive}::float8[],
                    ${b.expectedPurchases}::float8[]) AS u(m, p, band, clv, alive, purchases)
      ON CONFLICT (tenant_id, member_id) DO UPDATE SET
        run_id = excluded.run_id, churn_probability = excluded.churn_probability,
        churn_risk_band = excluded.churn_risk_band, predicted_clv_minor = excluded.predicted_clv_minor,
        probability_alive = excluded.probability_alive, expected_purchases = excluded.expected_purchases`,

  /** Members the run did not score (gone from the marts, or refused) lose the previous run's scores. */
  deleteOtherRuns: (tx: Tx, tenantId: string, runId: string) =>
    tx.$executeRaw`DELETE FROM member_scores WHERE tenant_id = ${tenantId}::uuid AND run_id <> ${runId}::uuid`,

  recordRun: (tx: Tx, r: RunRecord) =>
    tx.$executeRaw`
      INSERT INTO scoring_runs (id, tenant_id, as_of_date, churn_model_version, churn_model_source,
                                churn_horizon_days, clv_model_version, clv_horizon_days, members_scored, scored_at)
      VALUES (${r.runId}::uuid, ${r.tenantId}::uuid, ${r.asOfDate}::date, ${r.churnModelVersion},
              ${r.churnModelSource}, ${r.churnHorizonDays}, ${r.clvModelVersion}, ${r.clvHorizonDays},
              ${r.membersScored}, ${r.scoredAt})
      ON CONFLICT (id) DO UPDATE SET published_at = now()`,

  /** Serialises publications of one tenant's scores (two runs finishing together). */
  lockTenant: (tx: Tx, tenantId: string) =>
    tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`member_scores:${tenantId}`}, 0))`,
};
