// Tier qualification and the upgrade/downgrade policy, without I/O: the program's tiers and a member's figures in,
// a decision out. tiers.core.ts loads the figures and applies the decision.

export type TierQualification =
  | 'lifetime_points'
  | 'points_rolling_12_months'
  | 'spend_rolling_12_months'
  | 'orders_rolling_12_months';

export const TIER_QUALIFICATIONS: readonly TierQualification[] = [
  'lifetime_points',
  'points_rolling_12_months',
  'spend_rolling_12_months',
  'orders_rolling_12_months',
];

export interface TierDefinition {
  id: string;
  /** 1 is the lowest; ranks are unique within a program. */
  rank: number;
  qualification: TierQualification;
  /** Points, minor units of spend, or orders, per `qualification`. */
  threshold: number;
  /** Days a member keeps this tier after a period ends without requalifying. */
  graceDays: number;
}

/** A member's figures for every qualification, as of the moment of the decision. */
export type QualificationFigures = Record<TierQualification, number>;

export interface MemberTier {
  tierId: string | null;
  /** Start of the current qualification period: the last upgrade, downgrade or renewal. */
  periodStart: Date | null;
}

/** A tier is held for this long before the member must requalify for it. */
export const QUALIFICATION_PERIOD_MONTHS = 12;

export type TierDecision =
  | { kind: 'keep' }
  /** Qualifies for a higher tier: moves at once, and a new period starts now. */
  | { kind: 'upgrade'; toTierId: string; periodStart: Date }
  /** Requalified for the current tier at the end of a period: the next period starts where that one ended. */
  | { kind: 'renew'; periodStart: Date }
  /** A period ended, grace ran out, and the member qualifies only for a lower tier (or none). */
  | { kind: 'downgrade'; toTierId: string | null; periodStart: Date };

const DAY_MS = 86_400_000;

/** Adds calendar months in UTC, clamping to the last day of a shorter month (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(date: Date, months: number): Date {
  const target = new Date(date.getTime());
  const day = target.getUTCDate();
  target.setUTCDate(1);
  target.setUTCMonth(target.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return target;
}

/** The highest-ranked tier whose threshold the figures meet, or null when none does. */
export function qualifyingTier<T extends TierDefinition>(tiers: readonly T[], figures: QualificationFigures): T | null {
  let best: T | null = null;
  for (const tier of tiers) {
    if (figures[tier.qualification] >= tier.threshold && (!best || tier.rank > best.rank)) best = tier;
  }
  return best;
}

/** The latest end of a qualification period begun at `start` that is not after `now`, or null before the first. */
export function lastPeriodEnd(start: Date, now: Date): Date | null {
  let end: Date | null = null;
  for (let k = 1; ; k++) {
    const candidate = addMonths(start, k * QUALIFICATION_PERIOD_MONTHS);
    if (candidate.getTime() > now.getTime()) return end;
    end = candidate;
  }
}

/**
 * What to do with a member's tier at `now`:
 * - a higher tier than the current one qualifies → upgrade at once, whenever it is;
 * - before the current period ends → keep (figures dropping mid-period never downgrade);
 * - after a period ended and the member still qualifies → renew for another period;
 * - after a period ended and the member does not qualify → keep through the tier's grace days, then downgrade to
 *   the highest tier the figures still meet (possibly several ranks lower, or none).
 */
export function decideTier(args: {
  tiers: readonly TierDefinition[];
  current: MemberTier;
  figures: QualificationFigures;
  now: Date;
}): TierDecision {
  const { tiers, current, figures, now } = args;
  const target = qualifyingTier(tiers, figures);
  const held = tiers.find((t) => t.id === current.tierId) ?? null;

  if (target && (!held || target.rank > held.rank)) return { kind: 'upgrade', toTierId: target.id, periodStart: now };
  if (!held) return { kind: 'keep' };

  const periodEnd = lastPeriodEnd(current.periodStart ?? now, now);
  if (!periodEnd) return { kind: 'keep' };
  if (target?.id === held.id) return { kind: 'renew', periodStart: periodEnd };
  if (now.getTime() < periodEnd.getTime() + held.graceDays * DAY_MS) return { kind: 'keep' };
  return { kind: 'downgrade', toTierId: target?.id ?? null, periodStart: now };
}
