import type { FeatureSpec, RiskBand } from '@loyaltystudio/ml';

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
 * The last member of each whole page of `limit` members of the tenant at the as-of date after `after`, in member id
 * order: a run's pages are the ranges between them (and after the last), which it can read in any order.
 */
export function pageEndsSql(spec: FeatureSpec): string {
  return [
    'SELECT toString(member_id) AS member_id FROM (',
    '  SELECT member_id, row_number() OVER (ORDER BY member_id) AS n',
    `  FROM ${spec.source}`,
    '  WHERE tenant_id = {tenant:UUID} AND as_of_date = {asOf:Date} AND member_id > {after:UUID}',
    ')',
    'WHERE n % {limit:UInt32} = 0',
    'ORDER BY member_id',
  ].join('\n');
}

/**
 * The tenant's members at the as-of date in (after, last], in member id order, in ClickHouse's Native
 * format (columns of `featureTypes`) that Node takes as typed arrays: the member id, each of the spec's features as
 * Float32 in its order, the tenure (T of a member without a purchase) and whether the spec accepts the row (1 or 0).
 * The spec's rules run here: NULL in a nullable feature is NaN; NULL elsewhere, or a NaN or infinite value anywhere,
 * refuses the row (as `toInput` does). A range of the mart's sort key.
 */
export function featuresSql(spec: FeatureSpec): string {
  const values = spec.features.map((f) => `toFloat32(${f.nullable ? `ifNull(${f.name}, nan)` : f.name})`);
  const checks = spec.features.map((f) =>
    f.nullable ? `(isNull(${f.name}) OR isFinite(toFloat64(${f.name})))` : `isFinite(toFloat64(${f.name}))`,
  );
  return [
    `SELECT member_id, ${values.join(', ')}, toFloat32(tenure_days), toUInt8(ifNull(${checks.join(' AND ')}, 0))`,
    `FROM ${spec.source}`,
    'WHERE tenant_id = {tenant:UUID} AND as_of_date = {asOf:Date}',
    '  AND member_id > {after:UUID} AND member_id <= {last:UUID}',
    'ORDER BY member_id',
    'FORMAT Native',
  ].join('\n');
}

/** The column types of `featuresSql`. */
export const featureTypes = (spec: FeatureSpec): string[] => [
  'UUID',
  ...spec.features.map(() => 'Float32'),
  'Float32',
  'UInt8',
];

/**
 * The lifetime-value inputs (x, t_x, T, mean repeat value or NaN) of the tenant's members in (after, last], in member
 * id order, in Native (REPEAT_TYPES): the same range as a page of features, read at the same time (a join of the two
 * ranges cost the engine more than a second read).
 */
export const REPEAT_PURCHASES_SQL = [
  'SELECT member_id, toFloat64(repeat_purchase_days), toFloat64(last_purchase_day), toFloat64(observed_days),',
  '       ifNull(mean_repeat_value_minor, nan)',
  'FROM marts.member_repeat_purchases',
  'WHERE tenant_id = {tenant:UUID} AND member_id > {after:UUID} AND member_id <= {last:UUID}',
  'ORDER BY member_id',
  'FORMAT Native',
].join('\n');

export const REPEAT_TYPES = ['UUID', 'Float64', 'Float64', 'Float64', 'Float64'] as const;

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

/** The risk bands in the order a score row numbers them (1–3). */
export const RISK_BANDS: readonly RiskBand[] = ['low', 'medium', 'high'];

/** The per-member columns of a page of scores as the scoring run sends them (Native, see `encodeScores`). */
const SCORE_INPUT = [
  'member_id UUID',
  'churn_probability Float32',
  'band UInt8',
  'expected_purchases Float64',
  'probability_alive Float64',
  'expected_spend_per_purchase_minor Float64',
  'predicted_clv_minor Float64',
].join(', ');

/**
 * Appends a page of scores to raw.member_scores: the body holds only the per-member columns (SCORE_INPUT, Native) and
 * ClickHouse adds the run's own (tenant, run, as-of date, models, horizons) from the bound parameters, so a member
 * travels in 53 bytes instead of about 137.
 */
export const SCORES_INSERT_SQL = [
  'INSERT INTO raw.member_scores (tenant_id, run_id, member_id, as_of_date, scored_at, churn_model_version,',
  '  churn_horizon_days, churn_probability, churn_risk_band, clv_model_version, clv_horizon_days, expected_purchases,',
  '  probability_alive, expected_spend_per_purchase_minor, predicted_clv_minor)',
  "SELECT {tenant:UUID}, {run:UUID}, member_id, {asOf:Date}, {scoredAt:DateTime64(3, 'UTC')}, {churnModel:String},",
  `  {churnHorizon:UInt16}, churn_probability, [${RISK_BANDS.map((b) => `'${b}'`).join(', ')}][band], {clvModel:String},`,
  '  {clvHorizon:UInt16}, expected_purchases, probability_alive, expected_spend_per_purchase_minor, predicted_clv_minor',
  `FROM input('${SCORE_INPUT}')`,
  'FORMAT Native',
].join('\n');
