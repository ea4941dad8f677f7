import { randomUUID } from 'node:crypto';
import type { PrismaClient } from '@loyaltystudio/prisma';
import { type CampaignSeat, campaignStatus, type SeedCampaign } from './campaigns.ts';

/** A seeded campaign's row id, by its index in the model. */
export type CampaignIds = string[];

/**
 * The campaigns' rows, written directly: Monet has no campaigns service yet, so both writers insert them here, in
 * one statement, before any member's history. Each row looks as a finished (or, for the last, running) campaign
 * does: created a week before it started, last updated when it ended.
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
      startsAt: c.startsAt,
      endsAt: c.endsAt,
      createdAt: new Date(c.startsAt.getTime() - 7 * 86_400_000),
      updatedAt: status === 'ended' ? c.endsAt : c.startsAt,
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
