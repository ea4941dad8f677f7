// Tier evaluation inside a caller's transaction: the accrual path calls reevaluateTier after its ledger entries, and
// the periodic downgrade pass calls it for members whose qualification period has ended.
import type { PrismaClient, TierChange } from '@loyaltystudio/prisma';
import {
  addMonths,
  decideTier,
  QUALIFICATION_PERIOD_MONTHS,
  type QualificationFigures,
  type TierDecision,
  type TierQualification,
} from '../../domain/tiers/tier-policy.ts';
import { type Tx, withTenant } from '../../infra/tenant-tx.ts';
import { emit } from '../webhooks/outbox.ts';

export interface TierOutcome {
  decision: TierDecision['kind'];
  /** The recorded move, for an upgrade or a downgrade. */
  change: TierChange | null;
}

interface MemberProgram {
  tenantId: string;
  memberId: string;
  programId: string;
}

interface LockedBalance {
  tier_id: string | null;
  tier_since: Date | null;
  lifetime_earned: number;
}

/**
 * The member's figures for the qualifications the program's tiers use (the others stay 0, unqueried):
 * lifetime points from the balance; points earned (accruals and bonuses, less refunds' reversals, which carry
 * the refund event; cancelled redemptions' restorations do not count) and purchase
 * spend (less refunds) and order count over the rolling 12 months before `now`, by when entries took effect and
 * events happened (so a replayed history qualifies as it did then). The window has no upper bound: the caller's own
 * entries of this transaction may be dated a hair past `now`.
 */
async function loadFigures(
  tx: Tx,
  who: MemberProgram,
  balance: LockedBalance,
  used: ReadonlySet<TierQualification>,
  now: Date,
): Promise<QualificationFigures> {
  const figures: QualificationFigures = {
    lifetime_points: balance.lifetime_earned,
    points_rolling_12_months: 0,
    spend_rolling_12_months: 0,
    orders_rolling_12_months: 0,
  };
  const since = addMonths(now, -QUALIFICATION_PERIOD_MONTHS);
  if (used.has('points_rolling_12_months')) {
    const [row] = await tx.$queryRaw<{ points: bigint }[]>`
      SELECT COALESCE(SUM(points), 0)::bigint AS points FROM ledger_entries
      WHERE tenant_id = ${who.tenantId}::uuid AND member_id = ${who.memberId}::uuid
        AND program_id = ${who.programId}::uuid AND effective_at > ${since}
        AND (kind IN ('accrual', 'bonus') OR (kind = 'reversal' AND event_id IS NOT NULL))`;
    figures.points_rolling_12_months = Number(row?.points ?? 0);
  }
  if (used.has('spend_rolling_12_months') || used.has('orders_rolling_12_months')) {
    const [row] = await tx.$queryRaw<{ spend: bigint; orders: bigint }[]>`
      SELECT COALESCE(SUM(CASE type WHEN 'purchase' THEN amount_minor WHEN 'refund' THEN -amount_minor END), 0)::bigint
               AS spend,
             COUNT(*) FILTER (WHERE type = 'purchase')::bigint AS orders
      FROM events
      WHERE tenant_id = ${who.tenantId}::uuid AND member_id = ${who.memberId}::uuid
        AND program_id = ${who.programId}::uuid AND occurred_at > ${since}
        AND type IN ('purchase', 'refund')`;
    figures.spend_rolling_12_months = Math.max(0, Number(row?.spend ?? 0));
    figures.orders_rolling_12_months = Number(row?.orders ?? 0);
  }
  return figures;
}

/**
 * Re-evaluates a member's tier in the caller's transaction: upgrades at once, renews or downgrades only once a
 * qualification period has ended (downgrades after the tier's grace days). A move updates the balance, records a
 * TierChange and emits `tier.changed`. Locks the balance row (a no-op when the caller already holds it). A member
 * without a balance in the program has nothing to evaluate. `now` is the instant of the evaluation; `effectiveAt`
 * (default `now`) dates a move: the effective time of the ledger entry that caused it.
 */
export async function reevaluateTier(
  tx: Tx,
  args: MemberProgram & { now: Date; effectiveAt?: Date },
): Promise<TierOutcome> {
  const { tenantId, memberId, programId, now } = args;
  const effectiveAt = args.effectiveAt ?? now;
  const tiers = await tx.tier.findMany({
    where: { tenantId, programId },
    select: { id: true, rank: true, qualification: true, threshold: true, graceDays: true },
  });
  const [balance] = await tx.$queryRaw<LockedBalance[]>`
    SELECT tier_id, tier_since, lifetime_earned FROM balances
    WHERE tenant_id = ${tenantId}::uuid AND member_id = ${memberId}::uuid AND program_id = ${programId}::uuid
    FOR UPDATE`;
  if (!balance || (tiers.length === 0 && balance.tier_id === null)) return { decision: 'keep', change: null };

  const used = new Set(tiers.map((t) => t.qualification));
  const figures = await loadFigures(tx, args, balance, used, now);
  const decision = decideTier({
    tiers,
    current: { tierId: balance.tier_id, periodStart: balance.tier_since },
    figures,
    now,
  });

  if (decision.kind === 'keep') return { decision: 'keep', change: null };
  if (decision.kind === 'renew') {
    await tx.balance.update({
      where: { memberId_programId: { memberId, programId }, tenantId },
      data: { tierSince: decision.periodStart },
    });
    return { decision: 'renew', change: null };
  }

  await tx.balance.update({
    where: { memberId_programId: { memberId, programId }, tenantId },
    data: { tierId: decision.toTierId, tierSince: decision.periodStart },
  });
  const change = await tx.tierChange.create({
    data: {
      tenantId,
      memberId,
      programId,
      fromTierId: balance.tier_id,
      toTierId: decision.toTierId,
      reason: decision.kind,
      effectiveAt,
    },
  });
  await emit(tx, tenantId, 'tier.changed', {
    memberId,
    programId,
    fromTierId: balance.tier_id,
    toTierId: decision.toTierId,
    direction: decision.kind,
    changedAt: effectiveAt.toISOString(),
  });
  return { decision: decision.kind, change };
}

/** The earning multiplier of the member's current tier, in percent (100 without a tier). */
export async function tierMultiplierPct(tx: Tx, balance: { tenantId: string; tierId: string | null }): Promise<number> {
  if (!balance.tierId) return 100;
  const tier = await tx.tier.findFirst({
    where: { id: balance.tierId, tenantId: balance.tenantId },
    select: { earnMultiplierPct: true },
  });
  return tier?.earnMultiplierPct ?? 100;
}

export interface TierPassResult {
  examined: number;
  upgraded: number;
  renewed: number;
  downgraded: number;
}

/** Members re-evaluated in one transaction by the downgrade pass. */
const PASS_BATCH = 100;

/**
 * The periodic pass for ended qualification periods: every member holding a tier whose period started at least
 * 12 months before `now` is re-evaluated (renewed, kept in grace, or downgraded). Safe to run as often as wanted:
 * a renewal or a move starts a new period, so the next run leaves the member alone. Candidates are found across
 * tenants (or in one); each batch then runs in its tenant's transaction.
 */
export async function applyTierDowngrades(
  prisma: PrismaClient,
  opts: { now: Date; tenantId?: string },
): Promise<TierPassResult> {
  const candidates = await prisma.balance.findMany({
    where: {
      tenantId: opts.tenantId,
      tierId: { not: null },
      tierSince: { lte: addMonths(opts.now, -QUALIFICATION_PERIOD_MONTHS) },
    },
    select: { tenantId: true, memberId: true, programId: true },
    orderBy: [{ tenantId: 'asc' }, { memberId: 'asc' }],
  });
  const result: TierPassResult = { examined: candidates.length, upgraded: 0, renewed: 0, downgraded: 0 };
  for (let i = 0; i < candidates.length; ) {
    // A batch never mixes tenants: it runs in one tenant's transaction.
    const tenantId = candidates[i]!.tenantId;
    let end = i;
    while (end < candidates.length && end - i < PASS_BATCH && candidates[end]!.tenantId === tenantId) end++;
    const batch = candidates.slice(i, end);
    i = end;
    const decisions = await withTenant(prisma, tenantId, async (tx) => {
      const kinds: TierDecision['kind'][] = [];
      for (const member of batch) kinds.push((await reevaluateTier(tx, { ...member, now: opts.now })).decision);
      return kinds;
    });
    for (const kind of decisions) {
      if (kind === 'upgrade') result.upgraded++;
      else if (kind === 'renew') result.renewed++;
      else if (kind === 'downgrade') result.downgraded++;
    }
  }
  return result;
}
