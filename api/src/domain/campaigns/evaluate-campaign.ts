// A campaign compiled once per definition, then evaluated for one event of one member of one arm: what the
// campaign gives for it. Pure: the accrual path reads the member's seat and writes back what this returns.
import { compileCondition, type Test } from '../rules/compile-conditions.ts';
import { Catalog, EventContext, parseInstant } from '../rules/event-context.ts';
import type { Condition, RuleEvent, RuleMember } from '../rules/index.ts';
import { LIMITS } from '../rules/index.ts';
import { mulDivRounded, type Rounding } from '../rules/integer-math.ts';
import type {
  CampaignConfigs,
  CampaignDefinition,
  CampaignType,
  FixedBonusConfig,
  MultiplierConfig,
  RewardGrantConfig,
  SpendThresholdConfig,
  TimeWindow,
} from './campaigns.schemas.ts';
import { armConfig } from './validate-campaign.ts';

/** What the campaign kept for one member so far (campaign_members). */
export interface SeatState {
  /** Bonuses and rewards given that count against a per-member limit (fixed_bonus with a limit, reward_grant,
   * spend_threshold crossings); other awards leave it alone, so they write nothing to the seat. */
  awards: number;
  /** Qualifying spend in the window, in minor units. */
  progressMinor: number;
}

/** What a campaign gives for one event. */
export interface Award {
  /** Bonus points; 0 when the award is a reward, or only progress towards a spend threshold. */
  points: number;
  /** A reward to grant (reward_grant). */
  rewardId?: string;
  /** The member's seat after this event: written back when it differs from the one read. */
  seat: SeatState;
  /** For the ledger entry. */
  reason: string;
}

export interface CampaignEvaluationInput {
  event: RuleEvent;
  member: RuleMember;
  /** The tenant's IANA time zone: windows and conditions read local time in it. */
  timeZone: string;
  /** Points the program's rules gave the event (after the tier multiplier and the program cap). */
  rulePoints: number;
  program: { rounding: Rounding; earningCurrency: string };
}

interface CompiledArm {
  key: string;
  /** The windows and the arm's conditions together. */
  test: Test | null;
  catalog: Catalog;
  config: CampaignConfigs[CampaignType];
}

export interface CompiledCampaign {
  id: string;
  type: CampaignType;
  startsAtMs: number;
  endsAtMs: number;
  arms: ReadonlyMap<string, CompiledArm>;
  /** Some arm tests the first or nth purchase: the caller must count the member's earlier purchases. */
  needsPurchaseCount: boolean;
}

/** Local time-of-day windows as one rules-engine condition, so DST is handled exactly as rules handle it. */
export function windowsCondition(windows: readonly TimeWindow[]): Condition | null {
  if (windows.length === 0) return null;
  return {
    any: windows.map((w) => ({
      all: [...(w.days ? [{ dayOfWeek: { in: w.days } }] : []), { hours: { from: w.from, to: w.to } }] as Condition[],
    })),
  };
}

function mentions(node: unknown, names: ReadonlySet<string>): boolean {
  if (Array.isArray(node)) return node.some((n) => mentions(n, names));
  if (node === null || typeof node !== 'object') return false;
  return Object.entries(node).some(([key, value]) => names.has(key) || mentions(value, names));
}
const PURCHASE_COUNT = new Set(['firstPurchase', 'purchaseNumber']);

/** Compiles a validated campaign: each arm's config (the campaign's with the arm's overrides) and its tests. */
export function compileCampaign(def: CampaignDefinition): CompiledCampaign {
  const windows = windowsCondition(def.windows);
  const arms = new Map<string, CompiledArm>();
  let needsPurchaseCount = false;
  for (const variant of def.variants) {
    const config = armConfig(def.config, variant) as unknown as CampaignConfigs[CampaignType];
    const conditions = (config as { conditions?: Condition }).conditions;
    const parts = [windows, conditions].filter((c): c is Condition => c != null);
    const catalog = new Catalog();
    const test =
      parts.length === 0
        ? null
        : compileCondition(parts.length === 1 ? parts[0]! : { all: parts }, 'campaign', {
            ruleId: def.id,
            versionId: variant.key,
            catalog,
          }).test;
    needsPurchaseCount ||= mentions(conditions, PURCHASE_COUNT);
    arms.set(variant.key, { key: variant.key, test, catalog, config });
  }
  return {
    id: def.id,
    type: def.type,
    startsAtMs: Date.parse(def.startsAt),
    endsAtMs: Date.parse(def.endsAt),
    arms,
    needsPurchaseCount,
  };
}

/**
 * What the campaign gives a member of `arm` for one event, or null for nothing (outside the window, conditions not
 * met, a limit reached, no rule points to multiply). The holdout, and keys of no arm, get nothing.
 */
export function evaluateSeat(
  campaign: CompiledCampaign,
  arm: string,
  input: CampaignEvaluationInput,
  seat: SeatState,
): Award | null {
  const compiled = campaign.arms.get(arm);
  if (!compiled) return null;
  const at = parseInstant(input.event.occurredAt, 'event.occurredAt');
  if (at < campaign.startsAtMs || at >= campaign.endsAtMs) return null;
  if (compiled.test) {
    const ctx = new EventContext(input.event, input.member, at, input.timeZone, compiled.catalog);
    if (!compiled.test(ctx)) return null;
  }
  switch (campaign.type) {
    case 'multiplier': {
      const { percent } = compiled.config as MultiplierConfig;
      if (input.rulePoints <= 0) return null;
      const points = Math.min(
        mulDivRounded(input.rulePoints, percent - 100, 100, input.program.rounding),
        LIMITS.points,
      );
      if (points <= 0) return null;
      // No per-member limit reads the count, so the seat is left as it was (no write on the hot path).
      return { points, seat, reason: `campaign ${arm}: ${percent}% points` };
    }
    case 'fixed_bonus': {
      const { points, maxAwardsPerMember } = compiled.config as FixedBonusConfig;
      if (maxAwardsPerMember === undefined) return { points, seat, reason: `campaign ${arm}: bonus` };
      if (seat.awards >= maxAwardsPerMember) return null;
      return { points, seat: { ...seat, awards: seat.awards + 1 }, reason: `campaign ${arm}: bonus` };
    }
    case 'reward_grant': {
      if (seat.awards >= 1) return null;
      const { rewardId } = compiled.config as RewardGrantConfig;
      return { points: 0, rewardId, seat: { ...seat, awards: seat.awards + 1 }, reason: `campaign ${arm}: reward` };
    }
    case 'spend_threshold': {
      const { spendMinor, points, repeat } = compiled.config as SpendThresholdConfig;
      const { event } = input;
      if (event.type !== 'purchase' || event.currency !== input.program.earningCurrency) return null;
      const amount = event.amountMinor ?? 0;
      if (amount <= 0) return null;
      const before = seat.progressMinor;
      const after = Math.min(before + amount, LIMITS.points);
      const crossings = repeat
        ? Math.floor(after / spendMinor) - Math.floor(before / spendMinor)
        : before < spendMinor && after >= spendMinor
          ? 1
          : 0;
      return {
        points: Math.min(crossings * points, LIMITS.points),
        seat: { awards: seat.awards + crossings, progressMinor: after },
        reason: `campaign ${arm}: spent ${spendMinor} (minor units)`,
      };
    }
  }
}
