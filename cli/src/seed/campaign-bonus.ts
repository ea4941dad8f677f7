import type { CampaignContext, CampaignEffects, Tx } from '@loyaltystudio/api/core';

export const BONUS_REASON = 'double points';

/**
 * The demo's campaigns as the accrual path sees them: a purchase by a treatment member of a campaign whose window
 * holds it earns its rule points again, as a `bonus` entry naming the campaign. Read from `campaigns` and
 * `campaign_members` in the accrual's own transaction, so the service writer's bonuses come from the same rows
 * the change stream carries.
 */
export const doublePoints: CampaignEffects = {
  async campaignEffects(tx: Tx, ctx: CampaignContext) {
    if (ctx.event.type !== 'purchase' || ctx.rulePoints <= 0) return [];
    const at = new Date(ctx.event.occurredAt);
    const seats = await tx.campaignMember.findMany({
      where: {
        tenantId: ctx.tenantId,
        memberId: ctx.memberId,
        variant: 'treatment',
        campaign: { programId: ctx.programId, startsAt: { lte: at }, endsAt: { gt: at } },
      },
      orderBy: { campaignId: 'asc' },
    });
    return seats.map((s) => ({ campaignId: s.campaignId, points: ctx.rulePoints, reason: BONUS_REASON }));
  },
};
