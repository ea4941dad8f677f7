import { describe, expect, it } from 'vitest';
import { campaignResultsQuery } from './campaign-results.ts';

const tenantId = '0b4a8a4e-5c43-4a57-9d2c-3f1e9a7c1d20';
const campaignId = 'c7300e13-4fef-4d64-a063-07feeb477024';

describe('campaignResultsQuery', () => {
  it("reads one campaign's arms, bound to the tenant, with the Int128 sums as text", () => {
    const query = campaignResultsQuery({ tenantId, campaignId });
    expect(query.sql).toMatchInlineSnapshot(`
      "SELECT
          arm,
          campaign_status AS campaignStatus,
          starts_at AS startsAt,
          ends_at AS endsAt,
          window_end AS windowEnd,
          pre_starts_at AS preStartsAt,
          members,
          participants,
          redeemers,
          redemptions,
          sum_revenue AS sumRevenue,
          toString(sum_revenue_squared) AS sumRevenueSquared,
          toString(sum_revenue_times_pre) AS sumRevenueTimesPre,
          sum_pre AS sumPre,
          toString(sum_pre_squared) AS sumPreSquared,
          sum_points AS sumPoints,
          toString(sum_points_squared) AS sumPointsSquared,
          toString(sum_points_times_pre) AS sumPointsTimesPre,
          bonus_points AS bonusPoints,
          reward_points AS rewardPoints,
          rewards_granted AS rewardsGranted,
          outside_audience_members AS outsideAudienceMembers,
          outside_audience_bonus_points AS outsideAudienceBonusPoints,
          outside_audience_reward_points AS outsideAudienceRewardPoints,
          as_of_date AS asOfDate,
          built_at AS builtAt
      FROM marts.campaign_results
      WHERE tenant_id = {tenant:UUID}
        AND campaign_id = {campaign:UUID}
      ORDER BY arm"
    `);
    expect(query.params).toEqual({ tenant: tenantId, campaign: campaignId });
  });
});
