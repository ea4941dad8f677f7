// One member's history replayed in memory with the ledger's semantics (ledger.core.ts, events.service.ts,
// tiers.core.ts, expire-points.ts): the seed's COPY writer and the import both write what this computes, so the
// rows they stream are those the live api would have written for the same events at the same times.
import { randomUUID } from 'node:crypto';
import { evaluate, type Period, periodStart } from '../../../domain/rules/index.ts';
import {
  addMonths,
  decideTier,
  QUALIFICATION_PERIOD_MONTHS,
  type QualificationFigures,
} from '../../../domain/tiers/tier-policy.ts';
import { expiresAtFor } from '../expiry-date.ts';
import { expiryGroups, type ReplayLot, takeFromLots } from './lots.ts';
import {
  type BonusHook,
  type EarnActivity,
  type RefundActivity,
  type ReplayActivity,
  type ReplayEntry,
  type ReplayEvent,
  type ReplayMember,
  type ReplayProgram,
  ReplayRefusal,
  type ReplayResult,
} from './replay-types.ts';

export * from './replay-types.ts';

interface Purchase {
  event: ReplayEvent;
  /** Accrual and bonus entries' points. */
  earned: number;
  entryIds: string[];
  versionIds: string[];
  refundedMinor: number;
  /** Reversed so far, shortfall included. */
  reversed: number;
}

/**
 * Replays `activities` (in time order) for one member: rules with the tier's multiplier and period caps, a bonus
 * where the hook gives one, a lot per credit, refunds reversing floor(E × R / A) from the purchase's own lots first
 * and never past the balance (the rest is shortfall), expiries of lots at their `expiresAt` (one entry per instant,
 * before anything that happens at or after it, and up to `until`), and tier moves after each credit or reversal,
 * dated at the event.
 */
export function replayMember(
  program: ReplayProgram,
  member: ReplayMember,
  activities: readonly ReplayActivity[],
  options: { until: Date; bonus?: BonusHook },
): ReplayResult {
  const out: ReplayResult = {
    events: [],
    entries: [],
    lots: [],
    allocations: [],
    tierChanges: [],
    redeemed: [],
    balance: { available: 0, lifetimeEarned: 0, redeemed: 0, expired: 0, tierId: null, tierSince: null, seq: 0 },
  };
  const balance = out.balance;
  const open: ReplayLot[] = [];
  const purchases = new Map<string, Purchase>();
  /** Points that count towards rolling tier figures, and the purchases' and refunds' amounts, by time. */
  const qualifyingPoints: { at: number; points: number }[] = [];
  const spend: { at: number; amount: number; order: boolean }[] = [];
  const ruleHistory: { at: number; pointsByRule: Record<string, number> }[] = [];
  let priorPurchases = 0;
  const tiersById = new Map(program.tiers.map((t) => [t.id, t]));
  const used = new Set(program.tiers.map((t) => t.qualification));

  const entry = (kind: ReplayEntry['kind'], points: number, at: Date, refs: Partial<ReplayEntry> = {}) => {
    balance.seq++;
    balance.available += points;
    const row: ReplayEntry = {
      id: randomUUID(),
      seq: balance.seq,
      kind,
      points,
      eventId: refs.eventId ?? null,
      redemptionId: refs.redemptionId ?? null,
      ruleVersionIds: refs.ruleVersionIds ?? [],
      campaignId: refs.campaignId ?? null,
      reason: refs.reason ?? null,
      shortfallPoints: refs.shortfallPoints ?? 0,
      effectiveAt: at,
    };
    out.entries.push(row);
    return row;
  };
  const take = (entryId: string, points: number, preferEntryIds: readonly string[] = []) => {
    for (const part of takeFromLots(open, points, preferEntryIds)) {
      out.allocations.push({ id: randomUUID(), lotId: part.lot.id, entryId, points: part.points });
    }
  };
  /** No open lot expires before this instant (it may be early, never late): most events skip the scan. */
  let nextExpiry = Number.POSITIVE_INFINITY;
  const expireUntil = (t: number) => {
    if (t < nextExpiry) return;
    for (const group of expiryGroups(open, t)) {
      const points = group.lots.reduce((sum, lot) => sum + lot.remaining, 0);
      const row = entry('expiry', -points, group.at, { reason: 'points expired' });
      for (const lot of group.lots) {
        out.allocations.push({ id: randomUUID(), lotId: lot.id, entryId: row.id, points: lot.remaining });
        lot.remaining = 0;
      }
      balance.expired += points;
    }
    for (let i = open.length - 1; i >= 0; i--) if (open[i]!.remaining === 0) open.splice(i, 1);
    nextExpiry = Number.POSITIVE_INFINITY;
    for (const lot of open) if (lot.expiresAt) nextExpiry = Math.min(nextExpiry, lot.expiresAt.getTime());
  };
  const figures = (now: Date): QualificationFigures => {
    const since = addMonths(now, -QUALIFICATION_PERIOD_MONTHS).getTime();
    const f = { lifetime_points: balance.lifetimeEarned, points_rolling_12_months: 0, spend_rolling_12_months: 0 };
    let orders = 0;
    if (used.has('points_rolling_12_months')) {
      for (const q of qualifyingPoints) if (q.at > since) f.points_rolling_12_months += q.points;
    }
    if (used.has('spend_rolling_12_months') || used.has('orders_rolling_12_months')) {
      for (const s of spend) {
        if (s.at <= since) continue;
        f.spend_rolling_12_months += s.amount;
        if (s.order) orders++;
      }
      f.spend_rolling_12_months = Math.max(0, f.spend_rolling_12_months);
    }
    return { ...f, orders_rolling_12_months: orders };
  };
  const reevaluateTier = (now: Date) => {
    if (program.tiers.length === 0 && balance.tierId === null) return;
    const decision = decideTier({
      tiers: program.tiers,
      current: { tierId: balance.tierId, periodStart: balance.tierSince },
      figures: figures(now),
      now,
    });
    if (decision.kind === 'keep') return;
    balance.tierSince = decision.periodStart;
    if (decision.kind === 'renew') return;
    out.tierChanges.push({
      id: randomUUID(),
      fromTierId: balance.tierId,
      toTierId: decision.toTierId,
      reason: decision.kind,
      effectiveAt: now,
    });
    balance.tierId = decision.toTierId;
  };
  const earnedByRuleSince = (at: number): Record<string, Record<Period, number>> => {
    const starts = Object.fromEntries(
      (['day', 'week', 'month', 'year'] as const).map((p) => [p, periodStart(program.timeZone, p, at)]),
    ) as Record<Period, number>;
    const sums: Record<string, Record<Period, number>> = {};
    for (const past of ruleHistory) {
      if (past.at < starts.year) continue;
      for (const [ruleId, points] of Object.entries(past.pointsByRule)) {
        sums[ruleId] ??= { day: 0, week: 0, month: 0, year: 0 };
        const s = sums[ruleId];
        for (const p of ['day', 'week', 'month', 'year'] as const) if (past.at >= starts[p]) s[p] += points;
      }
    }
    return sums;
  };

  const earn = (a: EarnActivity) => {
    const at = a.at.getTime();
    const tier = balance.tierId ? tiersById.get(balance.tierId) : undefined;
    const lineItems = a.lineItems.map((l) => ({ ...l, amountMinor: l.quantity * l.unitAmountMinor }));
    const evaluation = evaluate(program.rules, {
      program: program.settings,
      event: {
        type: a.type,
        customType: a.customType ?? null,
        occurredAt: a.at.toISOString(),
        amountMinor: a.amountMinor,
        currency: a.currency,
        channel: a.channel,
        lineItems,
        attributes: a.attributes,
      },
      member: {
        tierId: balance.tierId,
        tierMultiplierPct: tier?.earnMultiplierPct ?? 100,
        attributes: member.attributes,
        tags: member.tags,
        enrolledAt: member.enrolledAt.toISOString(),
        priorPurchaseCount: priorPurchases,
        earnedThisPeriodByRule: program.periods.length > 0 ? earnedByRuleSince(at) : {},
      },
      timeZone: program.timeZone,
    });
    const pointsByRule: Record<string, number> = {};
    for (const line of evaluation.lines) pointsByRule[line.ruleId] = (pointsByRule[line.ruleId] ?? 0) + line.points;
    const event: ReplayEvent = {
      id: randomUUID(),
      externalId: a.externalId,
      type: a.type,
      customType: a.customType ?? null,
      occurredAt: a.at,
      amountMinor: a.amountMinor,
      currency: a.currency,
      channel: a.channel,
      lineItems: a.lineItems,
      attributes: a.attributes,
      refundOfEventId: null,
      pointsByRule,
    };
    out.events.push(event);
    ruleHistory.push({ at, pointsByRule });
    const expiresAt = expiresAtFor(program.expiry.policy, program.expiry.value, a.at, program.timeZone);
    const versionIds = evaluation.lines.filter((l) => l.points > 0).map((l) => l.versionId);
    const purchase: Purchase = { event, earned: 0, entryIds: [], versionIds, refundedMinor: 0, reversed: 0 };
    const credit = (kind: 'accrual' | 'bonus', points: number, refs: Partial<ReplayEntry>) => {
      const row = entry(kind, points, a.at, { eventId: event.id, ...refs });
      const lot: ReplayLot = {
        id: randomUUID(),
        entryId: row.id,
        earnedAt: a.at,
        expiresAt,
        points,
        remaining: points,
      };
      out.lots.push(lot);
      insertLot(open, lot);
      if (expiresAt) nextExpiry = Math.min(nextExpiry, expiresAt.getTime());
      balance.lifetimeEarned += points;
      qualifyingPoints.push({ at, points });
      purchase.earned += points;
      purchase.entryIds.push(row.id);
    };
    if (evaluation.totalPoints > 0) credit('accrual', evaluation.totalPoints, { ruleVersionIds: versionIds });
    const bonus = options.bonus?.(a, evaluation.totalPoints);
    if (bonus && bonus.points > 0)
      credit('bonus', bonus.points, { campaignId: bonus.campaignId, reason: bonus.reason });
    if (a.type === 'purchase') {
      priorPurchases++;
      purchases.set(a.externalId, purchase);
      spend.push({ at, amount: a.amountMinor ?? 0, order: true });
    }
    reevaluateTier(a.at);
  };

  const refund = (a: RefundActivity) => {
    const purchase = purchases.get(a.refundOf);
    if (!purchase)
      throw new ReplayRefusal(a.externalId, `refunds ${a.refundOf}, which is not a purchase of the member`);
    if (purchase.event.currency !== null && a.currency !== purchase.event.currency) {
      throw new ReplayRefusal(a.externalId, `must be in ${purchase.event.currency}, the purchase's currency`);
    }
    const purchaseAmount = purchase.event.amountMinor ?? 0;
    const refundedAfter = purchase.refundedMinor + a.amountMinor;
    if (refundedAfter > purchaseAmount) {
      throw new ReplayRefusal(
        a.externalId,
        `refunds of ${a.refundOf} would total ${refundedAfter}, more than its amount of ${purchaseAmount}`,
      );
    }
    purchase.refundedMinor = refundedAfter;
    const target =
      purchaseAmount === 0 ? purchase.earned : Math.floor((purchase.earned * refundedAfter) / purchaseAmount);
    const toReverse = Math.max(0, target - purchase.reversed);
    const event: ReplayEvent = {
      id: randomUUID(),
      externalId: a.externalId,
      type: 'refund',
      customType: null,
      occurredAt: a.at,
      amountMinor: a.amountMinor,
      currency: a.currency,
      channel: a.channel,
      lineItems: [],
      attributes: {},
      refundOfEventId: purchase.event.id,
      pointsByRule: {},
    };
    out.events.push(event);
    spend.push({ at: a.at.getTime(), amount: -a.amountMinor, order: false });
    if (toReverse === 0) return;
    const taken = Math.min(toReverse, balance.available);
    const row = entry('reversal', -taken, a.at, {
      eventId: event.id,
      ruleVersionIds: [...new Set(purchase.versionIds)].sort(),
      reason: `refund of ${purchase.event.id}`,
      shortfallPoints: toReverse - taken,
    });
    take(row.id, taken, purchase.entryIds);
    purchase.reversed += toReverse;
    // A reversal undoes earnings, the part already spent (the shortfall) included.
    balance.lifetimeEarned -= toReverse;
    qualifyingPoints.push({ at: a.at.getTime(), points: -taken });
    reevaluateTier(a.at);
  };

  for (const a of activities) {
    expireUntil(a.at.getTime());
    if (a.kind === 'earn') earn(a);
    else if (a.kind === 'refund') refund(a);
    else if (balance.available >= a.points) {
      const row = entry('redemption', -a.points, a.at, { redemptionId: a.redemptionId });
      take(row.id, a.points);
      balance.redeemed += a.points;
      out.redeemed.push(a);
    }
  }
  expireUntil(options.until.getTime());
  return out;
}

/** Puts a lot among the open ones in consumption order (it is usually the latest, so this walks back little). */
function insertLot(open: ReplayLot[], lot: ReplayLot): void {
  open.push(lot);
  for (let i = open.length - 1; i > 0 && compareLots(open[i - 1]!, open[i]!) > 0; i--) {
    [open[i - 1], open[i]] = [open[i]!, open[i - 1]!];
  }
}

/** Postgres' order of lots for a debit: earned, then expiring (never last), then id (uuids compare as hex). */
export function compareLots(a: ReplayLot, b: ReplayLot): number {
  const earned = a.earnedAt.getTime() - b.earnedAt.getTime();
  if (earned !== 0) return earned;
  const ea = a.expiresAt?.getTime() ?? Number.POSITIVE_INFINITY;
  const eb = b.expiresAt?.getTime() ?? Number.POSITIVE_INFINITY;
  if (ea !== eb) return ea < eb ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
