import type { MartReader, SqlQuery } from './mart-reader.ts';
import { sql } from './sql.ts';

export interface CampaignResultsParams {
  tenantId: string;
  campaignId: string;
}

/**
 * One arm of a campaign as `campaign_results` holds it. Sums that may pass 2^53 (the squares and products, Int128 in
 * the mart) come as decimal strings, which the experiments module takes as they are.
 */
export interface CampaignArmRow {
  arm: string;
  campaignStatus: string;
  startsAt: string;
  endsAt: string;
  windowEnd: string;
  preStartsAt: string;
  members: number;
  participants: number;
  redeemers: number;
  redemptions: number;
  sumRevenue: number;
  sumRevenueSquared: string;
  sumRevenueTimesPre: string;
  sumPre: number;
  sumPreSquared: string;
  sumPoints: number;
  sumPointsSquared: string;
  sumPointsTimesPre: string;
  bonusPoints: number;
  rewardPoints: number;
  rewardsGranted: number;
  /** What the campaign gave members outside its audience: the same on each of its rows, in no arm. */
  outsideAudienceMembers: number;
  outsideAudienceBonusPoints: number;
  outsideAudienceRewardPoints: number;
  asOfDate: string;
  builtAt: string;
}

/** The `campaign_results` rows of one campaign of the tenant, one per arm, in arm order. */
export function campaignResultsQuery(p: CampaignResultsParams): SqlQuery {
  return {
    sql: sql`
      SELECT
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
      ORDER BY arm`,
    params: { tenant: p.tenantId, campaign: p.campaignId },
  };
}

export function readCampaignResults(reader: MartReader, p: CampaignResultsParams): Promise<CampaignArmRow[]> {
  return reader.rows<CampaignArmRow>(campaignResultsQuery(p));
}
