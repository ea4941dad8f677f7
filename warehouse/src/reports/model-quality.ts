import type { MartReader, SqlQuery } from './mart-reader.ts';
import { sql } from './sql.ts';

export interface ModelQualityParams {
  tenantId: string;
}

/** One scoring run of the tenant judged on what its members did afterwards (`model_quality`). */
export interface RealisedQualityRow {
  runId: string;
  asOfDate: string;
  churnModelVersion: string;
  churnHorizonDays: number;
  members: number;
  churnedMembers: number;
  churnRate: number;
  meanChurnProbability: number;
  rocAuc: number | null;
  brierScore: number;
  topDecileLift: number | null;
  clvHorizonDays: number;
  predictedRevenueMinor: number;
  actualRevenueMinor: number | null;
}

/** One tenth of probability of a judged run (`model_calibration`). */
export interface CalibrationBinRow {
  runId: string;
  bin: number;
  members: number;
  meanChurnProbability: number;
  churnRate: number;
}

/** The tenant's judged scoring runs, newest as-of date first. */
export function modelQualityQuery(p: ModelQualityParams): SqlQuery {
  return {
    sql: sql`
      SELECT
          run_id AS runId,
          as_of_date AS asOfDate,
          churn_model_version AS churnModelVersion,
          churn_horizon_days AS churnHorizonDays,
          members,
          churned_members AS churnedMembers,
          churn_rate AS churnRate,
          mean_churn_probability AS meanChurnProbability,
          roc_auc AS rocAuc,
          brier_score AS brierScore,
          top_decile_lift AS topDecileLift,
          clv_horizon_days AS clvHorizonDays,
          toInt64(round(predicted_revenue_minor)) AS predictedRevenueMinor,
          actual_revenue_minor AS actualRevenueMinor
      FROM marts.model_quality
      WHERE tenant_id = {tenant:UUID}
      ORDER BY as_of_date DESC, run_id`,
    params: { tenant: p.tenantId },
  };
}

/** The calibration tenths of the tenant's judged runs, by run and bin. */
export function modelCalibrationQuery(p: ModelQualityParams): SqlQuery {
  return {
    sql: sql`
      SELECT
          run_id AS runId,
          bin,
          members,
          mean_churn_probability AS meanChurnProbability,
          churn_rate AS churnRate
      FROM marts.model_calibration
      WHERE tenant_id = {tenant:UUID}
      ORDER BY run_id, bin`,
    params: { tenant: p.tenantId },
  };
}

export interface RealisedQuality extends RealisedQualityRow {
  calibration: Omit<CalibrationBinRow, 'runId'>[];
}

/** The tenant's judged runs, each with its calibration tenths. */
export async function readModelQuality(reader: MartReader, p: ModelQualityParams): Promise<RealisedQuality[]> {
  const [runs, bins] = await Promise.all([
    reader.rows<RealisedQualityRow>(modelQualityQuery(p)),
    reader.rows<CalibrationBinRow>(modelCalibrationQuery(p)),
  ]);
  const byRun = new Map<string, Omit<CalibrationBinRow, 'runId'>[]>();
  for (const { runId, ...bin } of bins) {
    const list = byRun.get(runId) ?? [];
    list.push(bin);
    byRun.set(runId, list);
  }
  return runs.map((run) => ({ ...run, calibration: byRun.get(run.runId) ?? [] }));
}
