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
};
