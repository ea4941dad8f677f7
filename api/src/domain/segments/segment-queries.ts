// The reads of a compiled segment: preview (distribution, sample, the tenant's size), member pages, the stream of
// member ids, and member rows by id (static snapshots). Each is one query on marts.member_360 with the compiled
// WHERE clause; a snapshot test shows the SQL of each.
import type { SqlQuery } from '@loyaltystudio/warehouse';
import type { CompiledSegment } from './compile-definition.ts';

/** A member as segment pages, previews and static snapshots show them: the mart's figures as of its as-of date. */
export interface SegmentMember {
  memberId: string;
  externalId: string;
  enrolledAt: string;
  tags: string[];
  rfmSegment: string;
  tierId: string | null;
  tierName: string | null;
  pointsBalance: number;
  lifetimeRevenueMinor: number;
  purchases: number;
  lastPurchaseAt: string | null;
  recencyDays: number | null;
  frequency: number;
  monetaryMinor: number;
}

const MEMBER_COLUMNS = [
  'member_id AS memberId',
  'external_id AS externalId',
  'enrolled_at AS enrolledAt',
  'tags',
  'rfm_segment AS rfmSegment',
  'tier_id AS tierId',
  'tier_name AS tierName',
  'points_available AS pointsBalance',
  'revenue_minor AS lifetimeRevenueMinor',
  'purchases',
  'last_purchase_at AS lastPurchaseAt',
  'recency_days AS recencyDays',
  'frequency',
  'monetary_minor AS monetaryMinor',
];

const select = (columns: string[]) =>
  `SELECT\n${columns.map((c, i) => `    ${c}${i < columns.length - 1 ? ',' : ''}`).join('\n')}`;
const where = (c: CompiledSegment) => `WHERE ${c.where.split('\n').join('\n  ')}`;

/** The segment's members by RFM segment and tier: its size and both distributions in one pass. */
export function previewDistributionQuery(c: CompiledSegment): SqlQuery {
  return {
    sql: [
      select(['rfm_segment AS rfmSegment', 'tier_id AS tierId', 'tier_name AS tierName', 'count() AS members']),
      'FROM marts.member_360',
      where(c),
      'GROUP BY rfm_segment, tier_id, tier_name',
    ].join('\n'),
    params: c.params,
  };
}

/**
 * A sample of the segment: its first members in member id order. Ids are random UUIDs, so these are an unbiased
 * sample, and the same definition shows the same sample; ClickHouse reads in key order and stops early.
 */
export function previewSampleQuery(c: CompiledSegment, take: number): SqlQuery {
  return {
    sql: [select(MEMBER_COLUMNS), 'FROM marts.member_360', where(c), 'ORDER BY member_id', 'LIMIT {take:UInt32}'].join(
      '\n',
    ),
    params: { ...c.params, take },
  };
}

/** The tenant's active members: the denominator of a segment's share. */
export function activeMembersQuery(tenantId: string): SqlQuery {
  return {
    sql: [
      'SELECT count() AS members',
      'FROM marts.member_360',
      "WHERE tenant_id = {tenant:UUID}\n  AND status = 'active'",
    ].join('\n'),
    params: { tenant: tenantId },
  };
}

/** A page of the segment's members in member id order, after the previous page's last id. */
export function segmentMembersQuery(c: CompiledSegment, page: { after?: string; take: number }): SqlQuery {
  return {
    sql: [
      select(MEMBER_COLUMNS),
      'FROM marts.member_360',
      where(c),
      ...(page.after !== undefined ? ['  AND member_id > {after:UUID}'] : []),
      'ORDER BY member_id',
      'LIMIT {take:UInt32}',
    ].join('\n'),
    params: { ...c.params, ...(page.after !== undefined && { after: page.after }), take: page.take },
  };
}

/**
 * A batch of the segment's member ids in id order, after the previous batch's last: campaigns and static snapshots
 * read a segment batch by batch, each a short query that the mart's key (tenant, member) serves.
 */
export function segmentMemberIdsQuery(c: CompiledSegment, batch: { after?: string; take: number }): SqlQuery {
  return {
    sql: [
      'SELECT member_id AS memberId',
      'FROM marts.member_360',
      where(c),
      ...(batch.after !== undefined ? ['  AND member_id > {after:UUID}'] : []),
      'ORDER BY member_id',
      'LIMIT {take:UInt32}',
    ].join('\n'),
    params: { ...c.params, ...(batch.after !== undefined && { after: batch.after }), take: batch.take },
  };
}

/** The mart's rows of some members of the tenant (a page of a static snapshot). */
export function membersByIdQuery(tenantId: string, memberIds: string[]): SqlQuery {
  return {
    sql: [
      select(MEMBER_COLUMNS),
      'FROM marts.member_360',
      'WHERE tenant_id = {tenant:UUID}\n  AND member_id IN {ids:Array(UUID)}',
      'ORDER BY member_id',
    ].join('\n'),
    params: { tenant: tenantId, ids: memberIds },
  };
}

/**
 * The condition an export of a member-level mart adds for a dynamic segment: its rows of the segment's members.
 * The compiled clause reads member_360 in a subquery; its parameters join the export's own.
 */
export function segmentExportCondition(c: CompiledSegment): { condition: string; params: Record<string, unknown> } {
  const { tenant: _tenant, ...params } = c.params;
  return {
    condition: [
      'member_id IN (',
      '    SELECT member_id',
      '    FROM marts.member_360',
      `    WHERE ${c.where.split('\n').join('\n        ')}`,
      ')',
    ].join('\n'),
    params,
  };
}
