import { Prisma } from '@loyaltystudio/prisma';

// The rows the ledger's write primitives (`ledger.core.ts`) return, and the SQL column lists that produce them.

export type LedgerKind = 'accrual' | 'bonus' | 'redemption' | 'reversal' | 'expiry' | 'adjustment';

export interface BalanceKey {
  tenantId: string;
  memberId: string;
  programId: string;
}

export interface BalanceRow extends BalanceKey {
  available: number;
  pending: number;
  lifetimeEarned: number;
  redeemed: number;
  expired: number;
  tierId: string | null;
  tierSince: Date | null;
  seq: number;
  updatedAt: Date;
}

export interface LedgerEntryRow extends BalanceKey {
  id: string;
  seq: number;
  kind: LedgerKind;
  points: number;
  eventId: string | null;
  redemptionId: string | null;
  ruleVersionIds: string[];
  campaignId: string | null;
  reason: string | null;
  actorId: string | null;
  shortfallPoints: number;
  /** When the entry took effect (the marts date it by this). */
  effectiveAt: Date;
  /** When the entry was written. */
  createdAt: Date;
}

/** An entry and the balance right after it. */
export interface LedgerWrite {
  entry: LedgerEntryRow;
  balance: BalanceRow;
}

/** A balances row as a BalanceRow, for callers that lock it within a statement of their own. */
export const BALANCE_COLUMNS = Prisma.sql`tenant_id AS "tenantId", member_id AS "memberId", program_id AS "programId",
  available, pending, lifetime_earned AS "lifetimeEarned", redeemed, expired, tier_id AS "tierId",
  tier_since AS "tierSince", seq, updated_at AS "updatedAt"`;

export const ENTRY_COLUMNS = Prisma.sql`id, tenant_id AS "tenantId", member_id AS "memberId", program_id AS "programId", seq,
  kind::text AS kind, points, event_id AS "eventId", redemption_id AS "redemptionId",
  rule_version_ids::text[] AS "ruleVersionIds", campaign_id AS "campaignId", reason, actor_id AS "actorId",
  shortfall_points AS "shortfallPoints", effective_at AS "effectiveAt", created_at AS "createdAt"`;

type RawBalance = Omit<BalanceRow, 'tierSince' | 'updatedAt'> & { tierSince: string | null; updatedAt: string };

/** A balance row that came back as JSON (row_to_json), with its dates restored. */
export function balanceFromJson(json: unknown): BalanceRow {
  const raw = json as RawBalance;
  return {
    ...raw,
    tierSince: raw.tierSince === null ? null : new Date(raw.tierSince),
    updatedAt: new Date(raw.updatedAt),
  };
}
