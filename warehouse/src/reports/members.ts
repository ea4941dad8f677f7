import type { MartReader, SqlQuery } from './mart-reader.ts';
import type { RfmSegment } from './rfm.ts';
import { sql, when } from './sql.ts';

/**
 * Sortable columns and the Int64 sort key each sorts by. Keys are never NULL, so a page boundary is one tuple:
 * a member who never purchased sorts as the oldest purchase (recency 2^31 − 1 days, last purchase at 0).
 */
export const MEMBER_SORTS = {
  revenueMinor: 'revenue_minor',
  monetaryMinor: 'monetary_minor',
  frequency: 'toInt64(frequency)',
  purchases: 'toInt64(purchases)',
  recencyDays: 'toInt64(ifNull(recency_days, 2147483647))',
  pointsAvailable: 'points_available',
  lifetimeEarnedPoints: 'lifetime_earned_points',
  enrolledAt: 'toUnixTimestamp64Milli(enrolled_at)',
  lastPurchaseAt: 'ifNull(toUnixTimestamp64Milli(last_purchase_at), 0)',
} as const;
export type MemberSort = keyof typeof MEMBER_SORTS;

export interface MemberFilters {
  segments?: RfmSegment[];
  tierId?: string;
  tag?: string;
  minRevenueMinor?: number;
  maxRevenueMinor?: number;
  minRecencyDays?: number;
  maxRecencyDays?: number;
  /** One cell of the RFM grid: recency and frequency scores, 1 to 5. */
  rScore?: number;
  fScore?: number;
  /** The start of an external id, as a merchant looks one up. */
  externalIdPrefix?: string;
}

export interface MembersParams extends MemberFilters {
  tenantId: string;
  sort: MemberSort;
  order: 'asc' | 'desc';
  /** Rows to read: the page size plus one, to know whether another page follows. */
  take: number;
  /** The sort key and member id of the previous page's last row. */
  after?: { value: number; memberId: string };
}

export interface Member360 {
  memberId: string;
  externalId: string;
  status: string;
  enrolledAt: string;
  cohortMonth: string;
  tags: string[];
  pointsAvailable: number;
  pointsPending: number;
  lifetimeEarnedPoints: number;
  redeemedPoints: number;
  expiredPoints: number;
  tierId: string | null;
  tierName: string | null;
  tierRank: number | null;
  purchases: number;
  revenueMinor: number;
  firstPurchaseAt: string | null;
  lastPurchaseAt: string | null;
  redemptions: number;
  lastRedemptionAt: string | null;
  recencyDays: number | null;
  frequency: number;
  monetaryMinor: number;
  rScore: number;
  fScore: number;
  mScore: number;
  rfmSegment: string;
}

export interface Member360Row extends Member360 {
  sortKey: number;
}

/** A page of `member_360`, filtered, in the whitelisted sort order with the member id breaking ties. */
export function membersQuery(p: MembersParams): SqlQuery {
  const key = MEMBER_SORTS[p.sort];
  const direction = p.order === 'asc' ? 'ASC' : 'DESC';
  const beyond = p.order === 'asc' ? '>' : '<';
  return {
    sql: sql`
      SELECT
          member_id AS memberId,
          external_id AS externalId,
          status,
          enrolled_at AS enrolledAt,
          cohort_month AS cohortMonth,
          tags,
          points_available AS pointsAvailable,
          points_pending AS pointsPending,
          lifetime_earned_points AS lifetimeEarnedPoints,
          redeemed_points AS redeemedPoints,
          expired_points AS expiredPoints,
          tier_id AS tierId,
          tier_name AS tierName,
          tier_rank AS tierRank,
          purchases,
          revenue_minor AS revenueMinor,
          first_purchase_at AS firstPurchaseAt,
          last_purchase_at AS lastPurchaseAt,
          redemptions,
          last_redemption_at AS lastRedemptionAt,
          recency_days AS recencyDays,
          frequency,
          monetary_minor AS monetaryMinor,
          r_score AS rScore,
          f_score AS fScore,
          m_score AS mScore,
          rfm_segment AS rfmSegment,
          ${key} AS sortKey
      FROM marts.member_360
      WHERE tenant_id = {tenant:UUID}
        ${when(p.segments !== undefined, 'AND rfm_segment IN {segments:Array(String)}')}
        ${when(p.tierId !== undefined, 'AND tier_id = {tier:UUID}')}
        ${when(p.tag !== undefined, 'AND has(tags, {tag:String})')}
        ${when(p.minRevenueMinor !== undefined, 'AND revenue_minor >= {min_revenue:Int64}')}
        ${when(p.maxRevenueMinor !== undefined, 'AND revenue_minor <= {max_revenue:Int64}')}
        ${when(p.minRecencyDays !== undefined, 'AND recency_days >= {min_recency:Int32}')}
        ${when(p.maxRecencyDays !== undefined, 'AND recency_days <= {max_recency:Int32}')}
        ${when(p.rScore !== undefined, 'AND r_score = {r_score:UInt8}')}
        ${when(p.fScore !== undefined, 'AND f_score = {f_score:UInt8}')}
        ${when(p.externalIdPrefix !== undefined, 'AND startsWith(external_id, {external_id_prefix:String})')}
        ${when(p.after !== undefined, `AND (sortKey, member_id) ${beyond} ({after_key:Int64}, {after_member:UUID})`)}
      ORDER BY sortKey ${direction}, member_id ${direction}
      LIMIT {take:UInt32}`,
    params: {
      tenant: p.tenantId,
      ...(p.segments !== undefined && { segments: p.segments }),
      ...(p.tierId !== undefined && { tier: p.tierId }),
      ...(p.tag !== undefined && { tag: p.tag }),
      ...(p.minRevenueMinor !== undefined && { min_revenue: p.minRevenueMinor }),
      ...(p.maxRevenueMinor !== undefined && { max_revenue: p.maxRevenueMinor }),
      ...(p.minRecencyDays !== undefined && { min_recency: p.minRecencyDays }),
      ...(p.maxRecencyDays !== undefined && { max_recency: p.maxRecencyDays }),
      ...(p.rScore !== undefined && { r_score: p.rScore }),
      ...(p.fScore !== undefined && { f_score: p.fScore }),
      ...(p.externalIdPrefix !== undefined && { external_id_prefix: p.externalIdPrefix }),
      ...(p.after !== undefined && { after_key: p.after.value, after_member: p.after.memberId }),
      take: p.take,
    },
  };
}

/** Rows with their sort key, which the caller turns into the next page's cursor. */
export function readMembers(reader: MartReader, p: MembersParams): Promise<Member360Row[]> {
  return reader.rows<Member360Row>(membersQuery(p));
}
