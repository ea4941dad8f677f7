// The rows of replayed histories (member-replay.ts) as CSV for COPY, in the tables and columns the services write.
import { CsvRows } from '../../../infra/copy-rows.ts';
import type { ReplayResult } from './member-replay.ts';

/** Buffers for one COPY round, in foreign-key order (a table after those it references). */
export function replayTables() {
  const t = (table: string, columns: string) => new CsvRows(table, columns.split(' '));
  return {
    members: t('members', 'id tenant_id external_id email first_name last_name enrolled_at created_at updated_at'),
    redemptions: t(
      'redemptions',
      'id tenant_id member_id program_id reward_id points status hold_expires_at code created_at fulfilled_at',
    ),
    events: t(
      'events',
      'id tenant_id program_id member_id external_id type custom_type occurred_at amount_minor currency channel line_items attributes refund_of_event_id points_by_rule created_at',
    ),
    ledger: t(
      'ledger_entries',
      'id tenant_id member_id program_id seq kind points event_id redemption_id rule_version_ids campaign_id reason shortfall_points effective_at created_at',
    ),
    lots: t('point_lots', 'id tenant_id member_id program_id ledger_entry_id earned_at expires_at points remaining'),
    allocations: t('lot_allocations', 'id tenant_id lot_id ledger_entry_id points'),
    balances: t(
      'balances',
      'tenant_id member_id program_id available lifetime_earned redeemed expired tier_id tier_since seq updated_at',
    ),
    tierChanges: t(
      'tier_changes',
      'id tenant_id member_id program_id from_tier_id to_tier_id reason effective_at created_at',
    ),
  };
}
export type ReplayTables = ReturnType<typeof replayTables>;

export interface ReplayKey {
  tenantId: string;
  memberId: string;
  programId: string;
}

/**
 * Adds one member's replayed history to the buffers (the member row and redemptions are the caller's). Each row is
 * recorded at `recordedAt`, or, when it is left out (the seed, which plays history as if live), at the time it
 * took effect. `hasBalance`: the member already has a balance row (an empty one), which the caller updates instead.
 */
export function pushReplay(
  out: ReplayTables,
  key: ReplayKey,
  r: ReplayResult,
  opts: { recordedAt?: Date; updatedAt: Date; skipBalance?: boolean },
): void {
  const { tenantId, memberId, programId } = key;
  const at = (effective: Date) => opts.recordedAt ?? effective;
  for (const e of r.events) {
    out.events.push(
      e.id,
      tenantId,
      programId,
      memberId,
      e.externalId,
      e.type,
      e.customType,
      e.occurredAt,
      e.amountMinor,
      e.currency,
      e.channel,
      JSON.stringify(e.lineItems),
      JSON.stringify(e.attributes),
      e.refundOfEventId,
      JSON.stringify(e.pointsByRule),
      at(e.occurredAt),
    );
  }
  for (const e of r.entries) {
    out.ledger.push(
      e.id,
      tenantId,
      memberId,
      programId,
      e.seq,
      e.kind,
      e.points,
      e.eventId,
      e.redemptionId,
      e.ruleVersionIds,
      e.campaignId,
      e.reason,
      e.shortfallPoints,
      e.effectiveAt,
      at(e.effectiveAt),
    );
  }
  for (const lot of r.lots) {
    out.lots.push(
      lot.id,
      tenantId,
      memberId,
      programId,
      lot.entryId,
      lot.earnedAt,
      lot.expiresAt,
      lot.points,
      lot.remaining,
    );
  }
  for (const a of r.allocations) out.allocations.push(a.id, tenantId, a.lotId, a.entryId, a.points);
  for (const c of r.tierChanges) {
    out.tierChanges.push(
      c.id,
      tenantId,
      memberId,
      programId,
      c.fromTierId,
      c.toTierId,
      c.reason,
      c.effectiveAt,
      at(c.effectiveAt),
    );
  }
  if (opts.skipBalance) return;
  const b = r.balance;
  out.balances.push(
    tenantId,
    memberId,
    programId,
    b.available,
    b.lifetimeEarned,
    b.redeemed,
    b.expired,
    b.tierId,
    b.tierSince,
    b.seq,
    opts.updatedAt,
  );
}
