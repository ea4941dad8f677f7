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
 * The next `limit` members of the tenant at the as-of date after `after`, in member id order, each with the spec's
 * features in its order and the tenure (T of a member without a purchase). A range of the mart's sort key.
 */
export function featuresSql(spec: FeatureSpec): string {
  const features = spec.features.map((f) => f.name).join(', ');
  return [
    `SELECT toString(member_id), ${features}, tenure_days`,
    `FROM ${spec.source}`,
    'WHERE tenant_id = {tenant:UUID} AND as_of_date = {asOf:Date} AND member_id > {after:UUID}',
    'ORDER BY member_id',
    'LIMIT {limit:UInt32}',
  ].join('\n');
}

/**
 * The lifetime-value inputs (x, t_x, T, mean repeat value) of the tenant's members in (after, last], in member id
 * order: the same members as a page of features, read as a range of the mart's sort key rather than joined.
 */
export const REPEAT_PURCHASES_SQL = [
  'SELECT toString(member_id), repeat_purchase_days, last_purchase_day, observed_days, mean_repeat_value_minor',
  'FROM marts.member_repeat_purchases',
  'WHERE tenant_id = {tenant:UUID} AND member_id > {after:UUID} AND member_id <= {last:UUID}',
  'ORDER BY member_id',
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
