// The inputs and outputs of a member's replay (member-replay.ts).
import type { CompiledRuleSet, Period, ProgramSettings } from '../../../domain/rules/index.ts';
import type { TierDefinition } from '../../../domain/tiers/tier-policy.ts';
import type { ExpiryPolicy } from '../expiry-date.ts';
import type { ReplayLot } from './lots.ts';

export interface ReplayTier extends TierDefinition {
  earnMultiplierPct: number;
}

/** What a program's replay needs: its settings, compiled rules and tiers. */
export interface ReplayProgram {
  settings: ProgramSettings;
  timeZone: string;
  expiry: { policy: ExpiryPolicy; value: number | null };
  rules: CompiledRuleSet;
  /** Some rule caps points per period (sum what each rule gave in those periods). */
  periods: readonly Period[];
  tiers: readonly ReplayTier[];
}

export interface ReplayLineItem {
  sku: string;
  quantity: number;
  unitAmountMinor: number;
  category?: string;
}

/** A purchase, sign-up or custom event: the rules run on it. */
export interface EarnActivity {
  kind: 'earn';
  externalId: string;
  type: 'purchase' | 'signup' | 'custom';
  customType?: string | null;
  at: Date;
  amountMinor: number | null;
  currency: string | null;
  channel: string | null;
  lineItems: ReplayLineItem[];
  attributes: Record<string, unknown>;
}

/** A refund of an earlier purchase of the member, named by its external id. */
export interface RefundActivity {
  kind: 'refund';
  externalId: string;
  at: Date;
  refundOf: string;
  amountMinor: number;
  currency: string | null;
  channel: string | null;
}

/** A redemption of a reward, granted only when the balance covers it (the seed's members wish; they may not). */
export interface RedeemActivity {
  kind: 'redeem';
  at: Date;
  redemptionId: string;
  points: number;
}

export type ReplayActivity = EarnActivity | RefundActivity | RedeemActivity;

export interface ReplayMember {
  enrolledAt: Date;
  attributes: Record<string, unknown>;
  tags: string[];
}

/** A campaign's extra points for an accrual (the seed's demo campaigns); none by default. */
export type BonusHook = (
  activity: EarnActivity,
  rulePoints: number,
) => { campaignId: string; reason: string; points: number } | undefined;

export interface ReplayEvent {
  id: string;
  externalId: string;
  type: 'purchase' | 'signup' | 'custom' | 'refund';
  customType: string | null;
  occurredAt: Date;
  amountMinor: number | null;
  currency: string | null;
  channel: string | null;
  lineItems: ReplayLineItem[];
  attributes: Record<string, unknown>;
  refundOfEventId: string | null;
  pointsByRule: Record<string, number>;
}

export interface ReplayEntry {
  id: string;
  seq: number;
  kind: 'accrual' | 'bonus' | 'redemption' | 'reversal' | 'expiry';
  points: number;
  eventId: string | null;
  redemptionId: string | null;
  ruleVersionIds: string[];
  campaignId: string | null;
  reason: string | null;
  shortfallPoints: number;
  effectiveAt: Date;
}

export interface ReplayTierChange {
  id: string;
  fromTierId: string | null;
  toTierId: string | null;
  reason: 'upgrade' | 'downgrade';
  effectiveAt: Date;
}

export interface ReplayBalance {
  available: number;
  lifetimeEarned: number;
  redeemed: number;
  expired: number;
  tierId: string | null;
  tierSince: Date | null;
  seq: number;
}

/** Everything one member's history writes. */
export interface ReplayResult {
  events: ReplayEvent[];
  entries: ReplayEntry[];
  lots: ReplayLot[];
  allocations: { id: string; lotId: string; entryId: string; points: number }[];
  tierChanges: ReplayTierChange[];
  /** Redemptions granted (those the balance covered), in order. */
  redeemed: RedeemActivity[];
  balance: ReplayBalance;
}

/** A refund the live api would refuse: the import reports it as a bad row. */
export class ReplayRefusal extends Error {
  constructor(
    readonly externalId: string,
    message: string,
  ) {
    super(message);
    this.name = 'ReplayRefusal';
  }
}
