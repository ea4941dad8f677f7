// The figures of an import (what the dry run reports and the import records as it goes), from replayed members.
import type { ReplayResult } from '../ledger/replay/member-replay.ts';
import type { ImportSummary } from './imports.schemas.ts';

export interface SummaryContext {
  currency: string;
  moneyValuePer1000Points: number;
  tiers: { id: string; name: string; rank: number }[];
}

export function emptySummary(ctx: SummaryContext): ImportSummary {
  return {
    members: { created: 0, merged: 0 },
    events: { purchases: 0, refunds: 0 },
    points: { issued: 0, reversed: 0, shortfall: 0, expired: 0, outstanding: 0 },
    liability: { amountMinor: 0, currency: ctx.currency },
    tiers: [...ctx.tiers].sort((a, b) => a.rank - b.rank).map((t) => ({ tierId: t.id, name: t.name, members: 0 })),
  };
}

/** Adds one member's replayed history to `s` (in place). */
export function addMember(s: ImportSummary, r: ReplayResult, merged: boolean, ctx: SummaryContext): void {
  if (merged) s.members.merged++;
  else s.members.created++;
  for (const e of r.events) {
    if (e.type === 'purchase') s.events.purchases++;
    else if (e.type === 'refund') s.events.refunds++;
  }
  for (const e of r.entries) {
    if (e.kind === 'accrual' || e.kind === 'bonus') s.points.issued += e.points;
    else if (e.kind === 'reversal') {
      s.points.reversed -= e.points;
      s.points.shortfall += e.shortfallPoints;
    }
  }
  s.points.expired += r.balance.expired;
  s.points.outstanding += r.balance.available;
  // Exact in integers: points × value per 1,000 points, rounded down to the minor unit.
  s.liability.amountMinor = Number((BigInt(s.points.outstanding) * BigInt(ctx.moneyValuePer1000Points)) / 1000n);
  const tier = r.balance.tierId && s.tiers.find((t) => t.tierId === r.balance.tierId);
  if (tier) tier.members++;
}
