import { describe, expect, it } from 'vitest';
import { MEMBER_SORTS, membersQuery } from './members.ts';

const tenantId = '0b4a8a4e-5c43-4a57-9d2c-3f1e9a7c1d20';

describe('membersQuery', () => {
  it('reads a first page without filters', () => {
    const query = membersQuery({ tenantId, sort: 'revenueMinor', order: 'desc', take: 51 });
    expect(query.sql).toMatchInlineSnapshot(`
      "SELECT
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
          revenue_minor AS sortKey
      FROM marts.member_360
      WHERE tenant_id = {tenant:UUID}
      ORDER BY sortKey DESC, member_id DESC
      LIMIT {take:UInt32}"
    `);
    expect(query.params).toEqual({ tenant: tenantId, take: 51 });
  });

  it('reads a later page with every filter, each value bound', () => {
    const query = membersQuery({
      tenantId,
      sort: 'recencyDays',
      order: 'asc',
      take: 21,
      segments: ['Champions', 'At Risk'],
      tierId: '9a0e1f4c-3b2d-4c5e-8f6a-7b8c9d0e1f2a',
      tag: 'vip',
      minRevenueMinor: 1000,
      maxRevenueMinor: 500000,
      minRecencyDays: 0,
      maxRecencyDays: 90,
      rScore: 2,
      fScore: 5,
      externalIdPrefix: 'cust-4',
      after: { value: 12, memberId: 'c7300e13-4fef-4d64-a063-07feeb477024' },
    });
    expect(query.sql).toMatchInlineSnapshot(`
      "SELECT
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
          toInt64(ifNull(recency_days, 2147483647)) AS sortKey
      FROM marts.member_360
      WHERE tenant_id = {tenant:UUID}
        AND rfm_segment IN {segments:Array(String)}
        AND tier_id = {tier:UUID}
        AND has(tags, {tag:String})
        AND revenue_minor >= {min_revenue:Int64}
        AND revenue_minor <= {max_revenue:Int64}
        AND recency_days >= {min_recency:Int32}
        AND recency_days <= {max_recency:Int32}
        AND r_score = {r_score:UInt8}
        AND f_score = {f_score:UInt8}
        AND startsWith(external_id, {external_id_prefix:String})
        AND (sortKey, member_id) > ({after_key:Int64}, {after_member:UUID})
      ORDER BY sortKey ASC, member_id ASC
      LIMIT {take:UInt32}"
    `);
    expect(query.params).toEqual({
      tenant: tenantId,
      segments: ['Champions', 'At Risk'],
      tier: '9a0e1f4c-3b2d-4c5e-8f6a-7b8c9d0e1f2a',
      tag: 'vip',
      min_revenue: 1000,
      max_revenue: 500000,
      min_recency: 0,
      max_recency: 90,
      r_score: 2,
      f_score: 5,
      external_id_prefix: 'cust-4',
      after_key: 12,
      after_member: 'c7300e13-4fef-4d64-a063-07feeb477024',
      take: 21,
    });
  });

  it.each(Object.keys(MEMBER_SORTS) as (keyof typeof MEMBER_SORTS)[])('sorts by %s with a non-null key', (sort) => {
    const query = membersQuery({ tenantId, sort, order: 'asc', take: 2 });
    expect(query.sql).toContain(`${MEMBER_SORTS[sort]} AS sortKey`);
    expect(query.sql).toContain('ORDER BY sortKey ASC, member_id ASC');
  });
});
