// The one allow-list of what a segment definition may read: member fields (columns of marts.member_360) and the two
// relations (campaign membership, member attributes), each with the table, columns and types dbt builds. The
// compiler names nothing else in SQL; a test compares every entry with the tables dbt builds (system.columns).
import { RFM_SEGMENTS } from '@loyaltystudio/warehouse';

/**
 * How a member field is typed, which decides the tests it accepts and how its values are bound:
 * - `integer`: eq, gt, gte, lt, lte, in (bound as Int64)
 * - `enum`: eq, in (String, checked against `values`)
 * - `uuid`: eq, in (UUID)
 * - `date`: eq, gt, gte, lt, lte as YYYY-MM-DD (Date32), on the UTC day of a timestamp column
 * - `tags`: hasAny, hasAll (Array(String))
 * Nullable fields (their `built` type is `Nullable(…)`) also take `isNull`.
 */
export type FieldType = 'integer' | 'enum' | 'uuid' | 'date' | 'tags';

export interface MemberField {
  /**
   * Where the column is: marts.member_360 (one row per member) when left out, or another per-member mart of
   * SEGMENT_SOURCES, read as `member_id IN (SELECT member_id FROM … WHERE …)`; a member without a row there holds
   * null (only `isNull: true` matches them).
   */
  source?: 'predictions';
  /** The column. */
  column: string;
  /** Its type as dbt builds it (system.columns): a test compares the two. */
  built: string;
  type: FieldType;
  /** For `enum`: the accepted values. */
  values?: readonly string[];
  /** For `integer`: the smallest and largest value the column can hold, when the marts bound it. */
  min?: number;
  max?: number;
  description: string;
}

const TIMESTAMP = "DateTime64(3, 'UTC')";

/**
 * Member fields, by the name a definition uses. A new field is one entry here once a per-member mart carries its
 * column (member_360, or a source below): name, column, built type, type, description. The allow-list test then
 * checks it against the tables dbt builds, and the validator, compiler, OpenAPI schema and docs' table follow.
 */
export const MEMBER_FIELDS = {
  rfmSegment: {
    column: 'rfm_segment',
    built: 'String',
    type: 'enum',
    values: RFM_SEGMENTS,
    description: 'RFM segment as of the marts’ as-of date (docs/metrics.md)',
  },
  rScore: { column: 'r_score', built: 'UInt8', type: 'integer', min: 1, max: 5, description: 'Recency score, 1–5' },
  fScore: { column: 'f_score', built: 'UInt8', type: 'integer', min: 1, max: 5, description: 'Frequency score, 1–5' },
  mScore: { column: 'm_score', built: 'UInt8', type: 'integer', min: 1, max: 5, description: 'Monetary score, 1–5' },
  recencyDays: {
    column: 'recency_days',
    built: 'Nullable(Int32)',
    type: 'integer',
    min: 0,
    description: 'Days since the last purchase; null for members who never bought',
  },
  frequency: {
    column: 'frequency',
    built: 'UInt32',
    type: 'integer',
    min: 0,
    description: 'Purchases in the 365 days to the as-of date',
  },
  monetaryMinor: {
    column: 'monetary_minor',
    built: 'Int64',
    type: 'integer',
    description: 'Net revenue in those 365 days, minor units',
  },
  purchases: { column: 'purchases', built: 'UInt64', type: 'integer', min: 0, description: 'Purchases, all time' },
  lifetimeRevenueMinor: {
    column: 'revenue_minor',
    built: 'Int64',
    type: 'integer',
    description: 'Net revenue, all time, minor units',
  },
  lifetimePoints: {
    column: 'lifetime_earned_points',
    built: 'Int64',
    type: 'integer',
    description: 'Points earned, all time, over the programs',
  },
  pointsBalance: {
    column: 'points_available',
    built: 'Int64',
    type: 'integer',
    description: 'Points available now, over the programs',
  },
  redemptions: {
    column: 'redemptions',
    built: 'UInt64',
    type: 'integer',
    min: 0,
    description: 'Redemptions, all time',
  },
  tierId: {
    column: 'tier_id',
    built: 'Nullable(UUID)',
    type: 'uuid',
    description: 'The highest-ranked tier held; null for none',
  },
  tierRank: {
    column: 'tier_rank',
    built: 'Int32',
    type: 'integer',
    min: 0,
    description: 'Rank of that tier; 0 for no tier',
  },
  tenureDays: {
    column: 'tenure_days',
    built: 'Int32',
    type: 'integer',
    min: 0,
    description: 'Days from enrolment to the as-of date',
  },
  enrolledOn: { column: 'enrolled_at', built: TIMESTAMP, type: 'date', description: 'UTC day of enrolment' },
  lastPurchaseOn: {
    column: 'last_purchase_at',
    built: `Nullable(${TIMESTAMP})`,
    type: 'date',
    description: 'UTC day of the last purchase; null for members who never bought',
  },
  lastRedemptionOn: {
    column: 'last_redemption_at',
    built: `Nullable(${TIMESTAMP})`,
    type: 'date',
    description: 'UTC day of the last redemption; null for none',
  },
  tags: { column: 'tags', built: 'Array(String)', type: 'tags', description: 'Tags set by the merchant' },
  churnRiskBand: {
    source: 'predictions',
    column: 'churn_risk_band',
    built: 'LowCardinality(String)',
    type: 'enum',
    values: ['low', 'medium', 'high'],
    description: 'Churn risk band of the latest scoring run (ml/README.md); null for members not scored',
  },
  predictedClvMinor: {
    source: 'predictions',
    column: 'predicted_clv_minor',
    built: 'Float64',
    type: 'integer',
    description: 'Predicted lifetime value, minor units, of the latest scoring run; null for members not scored',
  },
} as const satisfies Record<string, MemberField>;

export type MemberFieldName = keyof typeof MEMBER_FIELDS;
export const MEMBER_FIELD_NAMES = Object.keys(MEMBER_FIELDS) as MemberFieldName[];

/** The allow-listed field of this name, or undefined (never a property of Object.prototype). */
export function memberField(name: string): MemberField | undefined {
  return Object.hasOwn(MEMBER_FIELDS, name) ? MEMBER_FIELDS[name as MemberFieldName] : undefined;
}

/** A field may be null: its column is Nullable, or it lives in a mart where a member may have no row. */
export const isNullable = (field: MemberField) => field.source !== undefined || field.built.startsWith('Nullable(');

/** The columns of one source that fields read, with their built types. */
const fieldColumns = (source?: MemberField['source']) =>
  Object.fromEntries(
    Object.values(MEMBER_FIELDS as Record<string, MemberField>)
      .filter((f) => f.source === source)
      .map((f) => [f.column, f.built]),
  );

/**
 * A campaign test's `variant`: an arm as campaigns seat it in `campaign_members.variant`, one of the campaign's variant
 * keys or `holdout`. The service checks that the campaign has that arm.
 */
export { HOLDOUT, VARIANT_KEY } from '../campaigns/campaigns.schemas.ts';

/**
 * Every table the compiled SQL reads, with the columns it names and their built types. `member_360` is the segment's
 * base (one row per member); the others are read as `member_id IN (SELECT member_id FROM … WHERE tenant_id = …)`.
 */
export const SEGMENT_SOURCES = {
  members: {
    table: 'marts.member_360',
    columns: {
      tenant_id: 'UUID',
      member_id: 'UUID',
      status: 'LowCardinality(String)',
      ...fieldColumns(),
      // Read by previews and member pages, not by predicates.
      external_id: 'String',
      tier_name: 'Nullable(String)',
    } as Record<string, string>,
  },
  campaigns: {
    table: 'marts.member_campaigns',
    columns: {
      tenant_id: 'UUID',
      campaign_id: 'UUID',
      member_id: 'UUID',
      variant: 'LowCardinality(String)',
      responded: 'UInt8',
      bonus_points: 'Int64',
    } as Record<string, string>,
  },
  predictions: {
    table: 'marts.member_predictions',
    columns: { tenant_id: 'UUID', member_id: 'UUID', ...fieldColumns('predictions') } as Record<string, string>,
  },
  attributes: {
    // Personal data: a staging view no mart reads (warehouse/README.md).
    table: 'staging.stg_monet__member_attributes',
    columns: { tenant_id: 'UUID', member_id: 'UUID', attributes: 'Map(String, String)' } as Record<string, string>,
  },
} as const;
