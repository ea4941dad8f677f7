import { randomUUID } from 'node:crypto';
import type { PrismaClient } from '@loyaltystudio/prisma';
import { CAMPAIGN_MODEL, type CampaignSeat, campaignStatus, type SeedCampaign } from './campaigns.ts';

/** A seeded campaign's row id, by its index in the model. */
export type CampaignIds = string[];

/**
 * The campaigns' rows, written directly, in one statement, before any member's history: the demo's history is a
 * model, so its campaigns are not launched through the campaigns service (which starts each one's workflow and
 * draws its arms by the assignment hash). Each row is a valid campaign all the same: a 200% multiplier on the
 * rule points, one arm `treatment`, a held-out share, and the statuses and times of a finished (or, for the last,
 * running) campaign: created a week before it started, last updated when it ended.
 */
export async function insertCampaigns(
  prisma: PrismaClient,
  key: { tenantId: string; programId: string },
  campaigns: SeedCampaign[],
  until: Date,
): Promise<CampaignIds> {
  const rows = campaigns.map((c) => {
    const status = campaignStatus(c, until);
    return {
      id: randomUUID(),
      ...key,
      name: c.name,
      status,
      type: 'multiplier' as const,
      config: { percent: 200 },
      variants: [{ key: 'treatment', name: 'Treatment', percent: 100 }],
      holdoutPercent: Math.round(CAMPAIGN_MODEL.holdoutShare * 100),
      startsAt: c.startsAt,
      endsAt: c.endsAt,
      startedAt: c.startsAt,
      completedAt: status === 'completed' ? c.endsAt : null,
      stopReason: status === 'completed' ? 'ended' : null,
      createdAt: new Date(c.startsAt.getTime() - 7 * 86_400_000),
      updatedAt: status === 'completed' ? c.endsAt : c.startsAt,
    };
  });
  await prisma.campaign.createMany({ data: rows });
  return rows.map((r) => r.id);
}

/** A member's audience rows: added when the campaign started, as a campaign materialises its audience. */
export function audienceRows(
  tenantId: string,
  memberId: string,
  seats: CampaignSeat[],
  campaigns: SeedCampaign[],
  ids: CampaignIds,
) {
  return seats.map((s) => ({
    tenantId,
    campaignId: ids[s.campaign]!,
    memberId,
    variant: s.variant,
    addedAt: campaigns[s.campaign]!.startsAt,
  }));
}
