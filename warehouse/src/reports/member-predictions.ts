import type { MartReader, SqlQuery } from './mart-reader.ts';
import { sql } from './sql.ts';

export interface MemberPredictionsParams {
  tenantId: string;
  /** The members of a page: a lookup by the mart's sort key, never a scan of the tenant. */
  memberIds: string[];
}

/** A member's scores of the tenant's latest completed scoring run (`member_predictions`). */
export interface MemberPrediction {
  memberId: string;
  runId: string;
  asOfDate: string;
  scoredAt: string;
  churnModelVersion: string;
  churnHorizonDays: number;
  churnProbability: number;
  churnRiskBand: 'low' | 'medium' | 'high';
  clvModelVersion: string;
  clvHorizonDays: number;
  expectedPurchases: number;
  probabilityAlive: number;
  predictedClvMinor: number;
}

/** The predictions of the given members of the tenant; members never scored have no row. */
export function memberPredictionsQuery(p: MemberPredictionsParams): SqlQuery {
  return {
    sql: sql`
      SELECT
          member_id AS memberId,
          run_id AS runId,
          as_of_date AS asOfDate,
          scored_at AS scoredAt,
          churn_model_version AS churnModelVersion,
          churn_horizon_days AS churnHorizonDays,
          churn_probability AS churnProbability,
          churn_risk_band AS churnRiskBand,
          clv_model_version AS clvModelVersion,
          clv_horizon_days AS clvHorizonDays,
          expected_purchases AS expectedPurchases,
          probability_alive AS probabilityAlive,
          toInt64(round(predicted_clv_minor)) AS predictedClvMinor
      FROM marts.member_predictions
      WHERE tenant_id = {tenant:UUID} AND member_id IN {members:Array(UUID)}`,
    params: { tenant: p.tenantId, members: p.memberIds },
  };
}

/** Predictions by member id; no query at all for an empty page. */
export async function readMemberPredictions(
  reader: MartReader,
  p: MemberPredictionsParams,
): Promise<Map<string, MemberPrediction>> {
  if (p.memberIds.length === 0) return new Map();
  const rows = await reader.rows<MemberPrediction>(memberPredictionsQuery(p));
  return new Map(rows.map((row) => [row.memberId, row]));
}
