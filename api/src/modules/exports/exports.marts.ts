/**
 * The marts an export may read, with their columns in file order: the one allow-list every export request is
 * checked against before any query runs. It follows docs/metrics.md (the marts' contract); the types are the
 * documented ones, for readers and test fixtures. At run time the export also checks the built table in
 * `system.columns`, so a mart not built yet (or built without a listed column) answers 503 rather than failing later.
 */

export const EXPORT_FORMATS = ['csv', 'parquet', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface MartSpec {
  /** Column name → ClickHouse type, in the order the docs list them (the default order of an export). */
  columns: Readonly<Record<string, string>>;
  /** The column a `from`–`to` filter applies to, and the SQL that gives its UTC day; no filter without one. */
  date?: { column: string; day: string };
  /** The rows' order in the file: the mart's grain (tenant first, as its sort key). */
  orderBy: readonly string[];
}

const dayOf = (column: string) => ({ column, day: `\`${column}\`` });
const DateTime = "DateTime64(3, 'UTC')";

export const MARTS = {
  cohort_retention: {
    columns: {
      tenant_id: 'UUID',
      cohort_grain: 'String',
      cohort_start: 'Date',
      period_index: 'UInt32',
      period_start: 'Date',
      cohort_size: 'UInt64',
      active_members: 'UInt64',
      retention_rate: 'Float64',
      revenue_minor: 'Int64',
      built_as_of: 'Date',
      built_at: DateTime,
    },
    date: dayOf('cohort_start'),
    orderBy: ['tenant_id', 'cohort_grain', 'cohort_start', 'period_index'],
  },
  member_rfm: {
    columns: {
      tenant_id: 'UUID',
      member_id: 'UUID',
      as_of_date: 'Date',
      recency_days: 'Nullable(Int32)',
      frequency: 'UInt32',
      monetary_minor: 'Int64',
      r_score: 'UInt8',
      f_score: 'UInt8',
      m_score: 'UInt8',
      rfm_segment: 'String',
    },
    orderBy: ['tenant_id', 'member_id'],
  },
  funnels: {
    columns: {
      tenant_id: 'UUID',
      funnel: 'String',
      cohort_key: 'String',
      cohort_start: 'Date',
      step_index: 'UInt8',
      step: 'String',
      members: 'UInt64',
      conversion_from_previous: 'Nullable(Float64)',
      conversion_from_start: 'Float64',
      median_seconds_from_previous: 'Nullable(Float64)',
    },
    date: dayOf('cohort_start'),
    orderBy: ['tenant_id', 'funnel', 'cohort_start', 'cohort_key', 'step_index'],
  },
  points_economy: {
    columns: {
      tenant_id: 'UUID',
      program_id: 'UUID',
      day: 'Date',
      issued_points: 'Int64',
      redeemed_points: 'Int64',
      expired_points: 'Int64',
      reversed_points: 'Int64',
      adjusted_points: 'Int64',
      net_change_points: 'Int64',
      outstanding_points: 'Int64',
      outstanding_liability_minor: 'Int64',
      cumulative_issued_points: 'Int64',
      cumulative_expired_points: 'Int64',
      breakage_rate: 'Nullable(Float64)',
    },
    date: dayOf('day'),
    orderBy: ['tenant_id', 'program_id', 'day'],
  },
  program_roi: {
    columns: {
      tenant_id: 'UUID',
      program_id: 'UUID',
      month: 'Date',
      currency: 'String',
      member_revenue_minor: 'Int64',
      guest_revenue_minor: 'Int64',
      active_members: 'UInt64',
      incremental_revenue_baseline_minor: 'Int64',
      incremental_revenue_matched_minor: 'Int64',
      redeemed_points: 'Int64',
      points_cost_minor: 'Int64',
      reward_cost_minor: 'Int64',
      total_cost_minor: 'Int64',
      roi: 'Nullable(Float64)',
      built_as_of: 'Date',
      built_at: DateTime,
    },
    date: dayOf('month'),
    orderBy: ['tenant_id', 'program_id', 'month'],
  },
  tier_distribution: {
    columns: {
      tenant_id: 'UUID',
      program_id: 'UUID',
      month: 'Date',
      tier_id: 'Nullable(UUID)',
      tier_name: 'String',
      tier_rank: 'Int32',
      members: 'UInt64',
      share: 'Float64',
    },
    date: dayOf('month'),
    orderBy: ['tenant_id', 'program_id', 'month', 'tier_rank'],
  },
  tier_movements: {
    columns: {
      tenant_id: 'UUID',
      program_id: 'UUID',
      month: 'Date',
      from_tier_id: 'Nullable(UUID)',
      from_tier_name: 'String',
      from_tier_rank: 'Int32',
      to_tier_id: 'Nullable(UUID)',
      to_tier_name: 'String',
      to_tier_rank: 'Int32',
      direction: 'String',
      changes: 'UInt64',
    },
    date: dayOf('month'),
    orderBy: ['tenant_id', 'program_id', 'month', 'from_tier_rank', 'to_tier_rank'],
  },
  member_features: {
    columns: {
      tenant_id: 'UUID',
      member_id: 'UUID',
      as_of_date: 'Date',
      tenure_days: 'Int32',
      recency_days: 'Nullable(Int32)',
      frequency_90d: 'UInt32',
      frequency_365d: 'UInt32',
      monetary_90d_minor: 'Int64',
      monetary_365d_minor: 'Int64',
      avg_order_minor: 'Nullable(Int64)',
      spend_trend: 'Nullable(Float64)',
      balance_points: 'Int64',
      redemptions_365d: 'UInt32',
      days_since_last_redemption: 'Nullable(Int32)',
      tier_rank: 'Int32',
      campaign_responses_365d: 'UInt32',
      churned: 'Nullable(UInt8)',
      built_as_of: 'Date',
      built_at: DateTime,
    },
    date: dayOf('as_of_date'),
    orderBy: ['tenant_id', 'as_of_date', 'member_id'],
  },
  member_360: {
    columns: {
      tenant_id: 'UUID',
      member_id: 'UUID',
      external_id: 'String',
      status: 'String',
      enrolled_at: DateTime,
      cohort_month: 'Date',
      tags: 'Array(String)',
      points_available: 'Int64',
      points_pending: 'Int64',
      lifetime_earned_points: 'Int64',
      redeemed_points: 'Int64',
      expired_points: 'Int64',
      tier_id: 'Nullable(UUID)',
      tier_name: 'Nullable(String)',
      tier_rank: 'Nullable(Int32)',
      purchases: 'UInt64',
      revenue_minor: 'Int64',
      first_purchase_at: `Nullable(${DateTime})`,
      last_purchase_at: `Nullable(${DateTime})`,
      redemptions: 'UInt64',
      last_redemption_at: `Nullable(${DateTime})`,
      recency_days: 'Nullable(Int32)',
      frequency: 'UInt32',
      monetary_minor: 'Int64',
      r_score: 'UInt8',
      f_score: 'UInt8',
      m_score: 'UInt8',
      rfm_segment: 'String',
      tenure_days: 'Int32',
    },
    // Members enrolled in the range, by their UTC day of enrolment.
    date: { column: 'enrolled_at', day: "toDate(`enrolled_at`, 'UTC')" },
    orderBy: ['tenant_id', 'member_id'],
  },
  member_campaigns: {
    columns: {
      tenant_id: 'UUID',
      campaign_id: 'UUID',
      member_id: 'UUID',
      variant: 'String',
      added_at: DateTime,
      entered_at: DateTime,
      responded: 'UInt8',
      first_response_at: `Nullable(${DateTime})`,
      bonus_points: 'Int64',
      built_as_of: 'Date',
      built_at: DateTime,
    },
    // Members who entered a campaign's audience in the range, by the UTC day they entered.
    date: { column: 'entered_at', day: "toDate(`entered_at`, 'UTC')" },
    orderBy: ['tenant_id', 'campaign_id', 'member_id'],
  },
  daily_activity: {
    columns: {
      tenant_id: 'UUID',
      program_id: 'UUID',
      member_id: 'UUID',
      day: 'Date',
      purchases: 'UInt64',
      refunds: 'UInt64',
      net_revenue_minor: 'Int64',
      synced_through: DateTime,
    },
    date: dayOf('day'),
    orderBy: ['tenant_id', 'day', 'program_id', 'member_id'],
  },
  member_activity: {
    columns: {
      tenant_id: 'UUID',
      member_id: 'UUID',
      purchase_days: 'Array(Date)',
      purchase_programs: 'Array(UUID)',
      built_as_of: 'Date',
      built_at: DateTime,
    },
    orderBy: ['tenant_id', 'member_id'],
  },
} as const satisfies Record<string, MartSpec>;

export type MartName = keyof typeof MARTS;
export const MART_NAMES = Object.keys(MARTS) as MartName[];

/** The spec of an allow-listed mart, or undefined (never a property of Object.prototype). */
export function martSpec(name: string): MartSpec | undefined {
  return Object.hasOwn(MARTS, name) ? MARTS[name as MartName] : undefined;
}

/** The mart's columns in their documented order. */
export function martColumns(name: MartName): string[] {
  return Object.keys(MARTS[name].columns);
}
