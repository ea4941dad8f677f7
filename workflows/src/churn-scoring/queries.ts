import type { FeatureSpec } from '@loyaltystudio/ml';

/**
 * The reads and writes of a scoring run. Every read of a mart binds the tenant as a parameter; the feature columns
 * come from the model's spec, whose names were checked against the mart's columns at load.
 */

/** Tenants with features at all: the scheduled run scores each of them. */
export const TENANTS_SQL =
  'SELECT DISTINCT toString(tenant_id) AS tenant_id FROM marts.member_features ORDER BY tenant_id';

/** The columns (and types) features may be read from. */
export const FEATURE_COLUMNS_SQL =
  "SELECT name, type FROM system.columns WHERE database = 'marts' AND table = 'member_features' ORDER BY position";

/** The tenant's latest snapshot date: the marts' as-of date. */
export const AS_OF_SQL =
  'SELECT toString(as_of_date) AS as_of, toUInt64(count()) AS members FROM marts.member_features ' +
  'WHERE tenant_id = {tenant:UUID} GROUP BY as_of_date ORDER BY as_of_date DESC LIMIT 1';

/**
 * The next `limit` members of the tenant at the as-of date after `after`, in member id order, as fixed-width
 * RowBinary rows that Node reads without parsing text (FEATURE_ROW_BYTES): the member id, each of the spec's
 * features as Float32 in its order, the tenure (T of a member without a purchase) and whether the spec accepts the
 * row. The spec's rules run here: NULL in a nullable feature is NaN; NULL elsewhere, or a NaN or infinite value
 * anywhere, refuses the row (as `toInput` does). A range of the mart's sort key.
 */
export function featuresSql(spec: FeatureSpec): string {
  const values = spec.features.map((f) => `toFloat32(${f.nullable ? `ifNull(${f.name}, nan)` : f.name})`);
  const checks = spec.features.map((f) =>
    f.nullable ? `(isNull(${f.name}) OR isFinite(toFloat64(${f.name})))` : `isFinite(toFloat64(${f.name}))`,
  );
  return [
    `SELECT member_id, ${values.join(', ')}, toFloat32(tenure_days), toFloat32(ifNull(${checks.join(' AND ')}, 0))`,
    `FROM ${spec.source}`,
    'WHERE tenant_id = {tenant:UUID} AND as_of_date = {asOf:Date} AND member_id > {after:UUID}',
    'ORDER BY member_id',
    'LIMIT {limit:UInt32}',
    'FORMAT RowBinary',
  ].join('\n');
}

/** Bytes of a row of `featuresSql`: a UUID and Float32s only, so every value sits 4-byte aligned. */
export const featureRowBytes = (spec: FeatureSpec) => 16 + 4 * (spec.features.length + 2);

/**
 * The lifetime-value inputs (x, t_x, T, mean repeat value or NaN) of the tenant's members in (after, last], in member
 * id order, as RowBinary (REPEAT_ROW_BYTES): the same members as a page of features, read as a range of the mart's
 * sort key rather than joined.
 */
export const REPEAT_PURCHASES_SQL = [
  'SELECT member_id, toFloat64(repeat_purchase_days), toFloat64(last_purchase_day), toFloat64(observed_days),',
  '       ifNull(mean_repeat_value_minor, nan)',
  'FROM marts.member_repeat_purchases',
  'WHERE tenant_id = {tenant:UUID} AND member_id > {after:UUID} AND member_id <= {last:UUID}',
  'ORDER BY member_id',
  'FORMAT RowBinary',
].join('\n');

export const REPEAT_ROW_BYTES = 16 + 4 * 8;

/**
 * A completed run's scores as the api publishes them into Postgres, RowBinary (SCORE_ROW_BYTES): member, probability,
 * band as 1–3 (low, medium, high), lifetime value in whole minor units, survival, expected purchases.
 */
export const RUN_SCORES_SQL = [
  "SELECT member_id, churn_probability, toUInt8(indexOf(['low', 'medium', 'high'], churn_risk_band)),",
  '       toInt64(round(predicted_clv_minor)), probability_alive, expected_purchases',
  'FROM raw.member_scores FINAL',
  'WHERE tenant_id = {tenant:UUID} AND run_id = {run:UUID}',
  'FORMAT RowBinary',
].join('\n');

export const SCORE_ROW_BYTES = 16 + 4 + 1 + 8 + 8 + 8;

/** A completed run's record, to publish its scores under. */
export const RUN_SQL = [
  'SELECT toString(as_of_date) AS as_of_date, started_at, churn_model_version, churn_model_source,',
  '       churn_horizon_days, clv_model_version, clv_horizon_days, members_scored',
  'FROM raw.scoring_runs FINAL',
  'WHERE tenant_id = {tenant:UUID} AND run_id = {run:UUID}',
].join('\n');

/** raw.member_scores' columns, in the order a scoring run writes them. */
export const SCORE_COLUMNS = [
  'tenant_id',
  'run_id',
  'member_id',
  'as_of_date',
  'scored_at',
  'churn_model_version',
  'churn_horizon_days',
  'churn_probability',
  'churn_risk_band',
  'clv_model_version',
  'clv_horizon_days',
  'expected_purchases',
  'probability_alive',
  'expected_spend_per_purchase_minor',
  'predicted_clv_minor',
] as const;
