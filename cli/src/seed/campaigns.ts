import type { Random } from './random.ts';

/** A double-points window of the demo merchant. */
export interface SeedCampaign {
  index: number;
  name: string;
  startsAt: Date;
  /** Exclusive. */
  endsAt: Date;
}

/** A member's place in a campaign's audience: the campaign's one arm, or the holdout, which earns no bonus. */
export interface CampaignSeat {
  campaign: number;
  variant: 'treatment' | 'holdout';
}

const DAY = 86_400_000;

/** Campaign constants; the README explains each. */
export const CAMPAIGN_MODEL = {
  /** The first window opens this many days into the period, the next ones every `everyDays`. */
  firstAfterDays: 45,
  everyDays: 91,
  lengthDays: 14,
  /** Share of the members enrolled before a campaign starts who are in its audience. */
  audienceShare: 0.5,
  /** Share of an audience held out (no bonus), for A/B results. */
  holdoutShare: 0.2,
  /** Visits of treatment members during the window, as a multiple of their usual rate. */
  lift: 1.5,
} as const;

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** The campaigns of a seeded period: a two-week double-points window every quarter, from 45 days in. */
export function seedCampaigns(period: { start: Date; end: Date }): SeedCampaign[] {
  const campaigns: SeedCampaign[] = [];
  const { firstAfterDays, everyDays, lengthDays } = CAMPAIGN_MODEL;
  for (let t = period.start.getTime() + firstAfterDays * DAY; t < period.end.getTime(); t += everyDays * DAY) {
    const startsAt = new Date(t);
    campaigns.push({
      index: campaigns.length,
      name: `Double Beans ${MONTHS[startsAt.getUTCMonth()]} ${startsAt.getUTCFullYear()}`,
      startsAt,
      endsAt: new Date(t + lengthDays * DAY),
    });
  }
  return campaigns;
}

/** Campaigns whose window has closed by `until` have completed; the one still open is running. */
export function campaignStatus(campaign: SeedCampaign, until: Date): 'completed' | 'running' {
  return campaign.endsAt.getTime() <= until.getTime() ? 'completed' : 'running';
}

/** A member's seats: in each campaign that starts after they enrolled, with the audience share's chance. */
export function drawSeats(rng: Random, enrolledAt: number, campaigns: SeedCampaign[]): CampaignSeat[] {
  const seats: CampaignSeat[] = [];
  for (const c of campaigns) {
    if (c.startsAt.getTime() <= enrolledAt || !rng.chance(CAMPAIGN_MODEL.audienceShare)) continue;
    seats.push({ campaign: c.index, variant: rng.chance(CAMPAIGN_MODEL.holdoutShare) ? 'holdout' : 'treatment' });
  }
  return seats;
}

/** The treatment campaign whose window holds `t`, if any: windows do not overlap. */
export function treatmentAt(seats: CampaignSeat[], campaigns: SeedCampaign[], t: number): SeedCampaign | undefined {
  for (const seat of seats) {
    const c = campaigns[seat.campaign]!;
    if (seat.variant === 'treatment' && c.startsAt.getTime() <= t && t < c.endsAt.getTime()) return c;
  }
  return undefined;
}
