import { describe, expect, it } from 'vitest';
import { memberPredictionsQuery, readMemberPredictions } from './member-predictions.ts';
import { modelCalibrationQuery, modelQualityQuery, readModelQuality } from './model-quality.ts';

const tenantId = '0b4a8a4e-5c43-4a57-9d2c-3f1e9a7c1d20';

describe('the models’ reads', () => {
  it('reads the judged runs and their calibration with the tenant bound', () => {
    const quality = modelQualityQuery({ tenantId });
    expect(quality.sql).toMatchInlineSnapshot(`
      "SELECT
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
      ORDER BY as_of_date DESC, run_id"
    `);
    expect(quality.params).toEqual({ tenant: tenantId });
    const calibration = modelCalibrationQuery({ tenantId });
    expect(calibration.sql).toMatchInlineSnapshot(`
      "SELECT
          run_id AS runId,
          bin,
          members,
          mean_churn_probability AS meanChurnProbability,
          churn_rate AS churnRate
      FROM marts.model_calibration
      WHERE tenant_id = {tenant:UUID}
      ORDER BY run_id, bin"
    `);
    expect(calibration.params).toEqual({ tenant: tenantId });
  });

  it('reads a page’s predictions by member id with the tenant bound', () => {
    const members = ['c7300e13-4fef-4d64-a063-07feeb477024'];
    const query = memberPredictionsQuery({ tenantId, memberIds: members });
    expect(query.sql).toMatchInlineSnapshot(`
      "SELECT
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
      WHERE tenant_id = {tenant:UUID} AND member_id IN {members:Array(UUID)}"
    `);
    expect(query.params).toEqual({ tenant: tenantId, members });
  });

  it('joins each run with its tenths, and asks nothing for an empty page', async () => {
    const asked: string[] = [];
    const reader = {
      async rows<T>(q: { sql: string }): Promise<T[]> {
        asked.push(q.sql);
        if (q.sql.includes('model_calibration')) {
          return [
            { runId: 'r1', bin: 0, members: 5, meanChurnProbability: 0.05, churnRate: 0 },
            { runId: 'r1', bin: 9, members: 2, meanChurnProbability: 0.95, churnRate: 1 },
          ] as T[];
        }
        return [{ runId: 'r1' }, { runId: 'r2' }] as T[];
      },
    };
    const runs = await readModelQuality(reader, { tenantId });
    expect(runs.map((r) => [r.runId, r.calibration.map((b) => b.bin)])).toEqual([
      ['r1', [0, 9]],
      ['r2', []],
    ]);
    asked.length = 0;
    expect((await readMemberPredictions(reader, { tenantId, memberIds: [] })).size).toBe(0);
    expect(asked).toEqual([]);
  });
});
