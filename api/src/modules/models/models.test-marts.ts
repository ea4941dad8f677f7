import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ClickHouseClient } from '@clickhouse/client';
import type { GatewayHandle, TemporalHandle } from '@loyaltystudio/engines';
import { startTestGateway, startTestTemporal } from '@loyaltystudio/engines/testing';
import { migrateClickHouse } from '@loyaltystudio/warehouse';
import { type ApiTest, startApiTest } from '../../../test/support.ts';

export interface ModelsApiTest {
  api: ApiTest;
  gateway: GatewayHandle;
  temporal: TemporalHandle;
  /** The api's ML_MODELS_DIR: tenants' own models go under tenants/<id>. */
  modelsDir: string;
  stop(): Promise<void>;
}

/** The api on real Postgres, gateway and Temporal, with a models directory of its own and the models' marts. */
export async function startModelsApiTest(): Promise<ModelsApiTest> {
  const modelsDir = mkdtempSync(join(tmpdir(), 'monet-models-'));
  const [gateway, temporal] = await Promise.all([startTestGateway(), startTestTemporal()]);
  const api = await startApiTest({
    clickhouseUrl: gateway.url,
    temporal: { address: temporal.address, namespace: temporal.namespace },
    models: { modelsDir, clvHorizonDays: 365 },
  });
  await migrateClickHouse(api.clickhouse);
  await createMartTables(api.clickhouse);
  return {
    api,
    gateway,
    temporal,
    modelsDir,
    async stop() {
      await api.stop();
      await Promise.all([gateway.stop(), temporal.stop()]);
      rmSync(modelsDir, { recursive: true, force: true });
    },
  };
}

/**
 * The marts the models' routes read, made directly with the column types dbt builds them with (see the models'
 * YAML in warehouse/dbt/models/marts), so the api's tests need no dbt run.
 */
export async function createMartTables(client: ClickHouseClient): Promise<void> {
  await client.command({ query: 'CREATE DATABASE IF NOT EXISTS marts' });
  await client.command({
    query: `CREATE TABLE marts.model_quality (
      tenant_id UUID, run_id UUID, as_of_date Date, churn_model_version String, churn_horizon_days UInt16,
      members UInt64, churned_members UInt64, churn_rate Float64, mean_churn_probability Float64,
      roc_auc Nullable(Float64), brier_score Float64, top_decile_lift Nullable(Float64), clv_horizon_days UInt16,
      predicted_revenue_minor Float64, actual_revenue_minor Nullable(Int64)
    ) ENGINE = MergeTree ORDER BY (tenant_id, as_of_date, run_id)`,
  });
  await client.command({
    query: `CREATE TABLE marts.model_calibration (
      tenant_id UUID, run_id UUID, bin UInt8, as_of_date Date, members UInt64, mean_churn_probability Float64,
      churn_rate Float64
    ) ENGINE = MergeTree ORDER BY (tenant_id, run_id, bin)`,
  });
  await client.command({
    query: `CREATE TABLE marts.member_predictions (
      tenant_id UUID, member_id UUID, run_id UUID, scored_at DateTime64(3, 'UTC'), as_of_date Date,
      churn_model_version String, churn_horizon_days UInt16, churn_probability Float32,
      churn_risk_band LowCardinality(String), clv_model_version String, clv_horizon_days UInt16,
      expected_purchases Float64, probability_alive Float64, expected_spend_per_purchase_minor Float64,
      predicted_clv_minor Float64
    ) ENGINE = MergeTree ORDER BY (tenant_id, member_id)`,
  });
  await client.command({
    query: `CREATE TABLE marts.member_360 (
      tenant_id UUID, member_id UUID, external_id String, status LowCardinality(String),
      enrolled_at DateTime64(3, 'UTC'), cohort_month Date, tags Array(String), points_available Int64,
      points_pending Int64, lifetime_earned_points Int64, redeemed_points Int64, expired_points Int64,
      tier_id Nullable(UUID), tier_name Nullable(String), tier_rank Nullable(Int32), purchases UInt64,
      revenue_minor Int64, first_purchase_at Nullable(DateTime64(3, 'UTC')),
      last_purchase_at Nullable(DateTime64(3, 'UTC')), redemptions UInt64,
      last_redemption_at Nullable(DateTime64(3, 'UTC')), recency_days Nullable(Int32), frequency UInt64,
      monetary_minor Int64, r_score UInt8, f_score UInt8, m_score UInt8, rfm_segment LowCardinality(String)
    ) ENGINE = MergeTree ORDER BY (tenant_id, member_id)`,
  });
}

/** A judged run of a tenant's with a version, ROC AUC as given, and two calibration tenths. */
export async function insertQuality(
  client: ClickHouseClient,
  tenantId: string,
  version: string,
  runId: string,
  rocAuc: number,
): Promise<void> {
  await client.insert({
    table: 'marts.model_quality',
    format: 'JSONEachRow',
    values: [
      {
        tenant_id: tenantId,
        run_id: runId,
        as_of_date: '2026-09-01',
        churn_model_version: version,
        churn_horizon_days: 90,
        members: 100,
        churned_members: 30,
        churn_rate: 0.3,
        mean_churn_probability: 0.28,
        roc_auc: rocAuc,
        brier_score: 0.1,
        top_decile_lift: 2.9,
        clv_horizon_days: 365,
        predicted_revenue_minor: 123456.7,
        actual_revenue_minor: null,
      },
    ],
  });
  await client.insert({
    table: 'marts.model_calibration',
    format: 'JSONEachRow',
    values: [0, 9].map((bin) => ({
      tenant_id: tenantId,
      run_id: runId,
      bin,
      as_of_date: '2026-09-01',
      members: 50,
      mean_churn_probability: bin / 10 + 0.05,
      churn_rate: bin / 10,
    })),
  });
}

/** A member in member_360 (revenue by its external id's number) and, unless `p` is null, its prediction. */
export async function insertPrediction(
  client: ClickHouseClient,
  tenantId: string,
  memberId: string,
  externalId: string,
  p: number | null,
): Promise<void> {
  await client.insert({
    table: 'marts.member_360',
    format: 'JSONEachRow',
    values: [
      {
        tenant_id: tenantId,
        member_id: memberId,
        external_id: externalId,
        status: 'active',
        enrolled_at: '2026-01-05 10:00:00.000',
        cohort_month: '2026-01-01',
        tags: [],
        points_available: 10,
        points_pending: 0,
        lifetime_earned_points: 10,
        redeemed_points: 0,
        expired_points: 0,
        tier_id: null,
        tier_name: null,
        tier_rank: null,
        purchases: 2,
        revenue_minor: p === null ? 900 : 500,
        first_purchase_at: null,
        last_purchase_at: null,
        redemptions: 0,
        last_redemption_at: null,
        recency_days: null,
        frequency: 2,
        monetary_minor: 500,
        r_score: 3,
        f_score: 3,
        m_score: 3,
        rfm_segment: 'Loyal',
      },
    ],
  });
  if (p === null) return;
  await client.insert({
    table: 'marts.member_predictions',
    format: 'JSONEachRow',
    values: [
      {
        tenant_id: tenantId,
        member_id: memberId,
        run_id: '00000000-0000-4000-8000-0000000000f1',
        scored_at: '2026-12-01 04:00:00.000',
        as_of_date: '2026-12-01',
        churn_model_version: '20261206T201206Z',
        churn_horizon_days: 90,
        churn_probability: p,
        churn_risk_band: p >= 0.6 ? 'high' : p >= 0.3 ? 'medium' : 'low',
        clv_model_version: '20261206T201206Z',
        clv_horizon_days: 365,
        expected_purchases: 2.5,
        probability_alive: 0.7,
        expected_spend_per_purchase_minor: 1728.4,
        predicted_clv_minor: 4321.2,
      },
    ],
  });
}
