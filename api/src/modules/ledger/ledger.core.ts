import { Prisma } from '@loyaltystudio/prisma';
import { UnprocessableError } from '../../errors.ts';
import type { Tx } from '../../infra/tenant-tx.ts';
import {
  BALANCE_COLUMNS,
  type BalanceKey,
  type BalanceRow,
  balanceFromJson,
  ENTRY_COLUMNS,
  type LedgerEntryRow,
  type LedgerKind,
  type LedgerWrite,
} from './ledger.rows.ts';

/**
 * The ledger's write primitives, shared by accruals, adjustments, redemptions, refunds and expiry. Every function
 * runs inside the caller's tenant transaction and keeps these invariants:
 * - `balance.available == sum(ledger_entries.points) == sum(point_lots.remaining)` for a member in a program;
 * - available is never negative;
 * - every entry takes the next `seq` of the balance row, whose row lock serialises all writes on one member.
 * Hot statements are single round trips in raw SQL: the accrual path is the busiest write of the platform.
 */

export {
  BALANCE_COLUMNS,
  type BalanceKey,
  type BalanceRow,
  balanceFromJson,
  type LedgerEntryRow,
  type LedgerKind,
  type LedgerWrite,
} from './ledger.rows.ts';

/**
 * The member's balance row in the program, created if missing, locked `FOR UPDATE` until the transaction ends:
 * concurrent writers on one member queue here instead of failing, so no update is lost and none is refused.
 */
export async function lockBalance(tx: Tx, key: BalanceKey): Promise<BalanceRow> {
  const select = () => tx.$queryRaw<BalanceRow[]>`
    SELECT ${BALANCE_COLUMNS} FROM balances
    WHERE member_id = ${key.memberId}::uuid AND program_id = ${key.programId}::uuid AND tenant_id = ${key.tenantId}::uuid
    FOR UPDATE`;
  const [row] = await select();
  if (row) return row;
  await tx.$executeRaw`
    INSERT INTO balances (tenant_id, member_id, program_id, updated_at)
    VALUES (${key.tenantId}::uuid, ${key.memberId}::uuid, ${key.programId}::uuid, now())
    ON CONFLICT (member_id, program_id) DO NOTHING`;
  const [created] = await select();
  if (!created) throw new Error(`balance of member ${key.memberId} in program ${key.programId} could not be created`);
  return created;
}

export interface CreditInput extends BalanceKey {
  kind: 'accrual' | 'bonus' | 'adjustment';
  /** Positive. */
  points: number;
  eventId?: string;
  ruleVersionIds?: string[];
  campaignId?: string;
  reason?: string;
  actorId?: string;
  /** When the points were earned: orders the lot in FIFO consumption. */
  earnedAt: Date;
  /** When the lot expires; absent for points that never expire. */
  expiresAt?: Date | null;
  /** When the entry took effect; `earnedAt` when absent (an accrual takes effect when its points are earned). */
  effectiveAt?: Date;
}

/**
 * The CTEs `b` (the balance after), `e` (the entry) and `lot` of a credit, for a caller's statement: the credit
 * happens only if `onlyIf` (an SQL condition, e.g. that an earlier CTE inserted its row) holds and the balance row
 * exists; `e` and `b` are then one row each.
 */
export function creditCtes(input: CreditInput, onlyIf: Prisma.Sql = Prisma.sql`true`): Prisma.Sql {
  if (!Number.isSafeInteger(input.points) || input.points <= 0) {
    throw new RangeError(`credit takes a positive integer of points, got ${input.points}`);
  }
  return Prisma.sql`
    b AS (
      UPDATE balances SET available = available + ${input.points}::int,
        lifetime_earned = lifetime_earned + ${input.points}::int, seq = seq + 1, updated_at = now()
      WHERE member_id = ${input.memberId}::uuid AND program_id = ${input.programId}::uuid
        AND tenant_id = ${input.tenantId}::uuid AND ${onlyIf}
      RETURNING ${BALANCE_COLUMNS}
    ), e AS (
      INSERT INTO ledger_entries (tenant_id, member_id, program_id, seq, kind, points, event_id, rule_version_ids,
        campaign_id, reason, actor_id, effective_at)
      SELECT b."tenantId", b."memberId", b."programId", b.seq, ${input.kind}::"LedgerKind", ${input.points}::int,
        ${input.eventId ?? null}::uuid, ${input.ruleVersionIds ?? []}::uuid[], ${input.campaignId ?? null}::uuid,
        ${input.reason ?? null}, ${input.actorId ?? null}, ${input.effectiveAt ?? input.earnedAt}::timestamptz
      FROM b
      RETURNING ${ENTRY_COLUMNS}
    ), lot AS (
      INSERT INTO point_lots (tenant_id, member_id, program_id, ledger_entry_id, earned_at, expires_at, points, remaining)
      SELECT e."tenantId", e."memberId", e."programId", e.id, ${input.earnedAt}::timestamptz,
        ${input.expiresAt ?? null}::timestamptz, e.points, e.points
      FROM e
    )`;
}

/** One credit among several that land on a balance together (`creditLinesCtes`). */
export interface CreditLine {
  kind: 'accrual' | 'bonus';
  /** Positive. */
  points: number;
  ruleVersionIds?: string[];
  campaignId?: string;
  reason?: string;
}

/**
 * `creditCtes` for several credits of one event at once (the rules' accrual and campaigns' bonuses): the balance
 * `b` moves once by their total and `seq` by their number, then `e` holds one entry per line, numbered in the
 * order given, and `lot` one lot per entry. Same guard as `creditCtes`: nothing happens unless `onlyIf` holds.
 */
export function creditLinesCtes(
  input: BalanceKey & { eventId?: string; earnedAt: Date; expiresAt?: Date | null; effectiveAt?: Date },
  lines: CreditLine[],
  onlyIf: Prisma.Sql = Prisma.sql`true`,
): Prisma.Sql {
  if (lines.length === 0) throw new RangeError('creditLinesCtes takes at least one line');
  for (const line of lines) {
    if (!Number.isSafeInteger(line.points) || line.points <= 0) {
      throw new RangeError(`credit takes a positive integer of points, got ${line.points}`);
    }
  }
  const total = lines.reduce((sum, line) => sum + line.points, 0);
  const values = Prisma.join(
    lines.map(
      (line, i) => Prisma.sql`(${i + 1}::int, ${line.kind}::"LedgerKind", ${line.points}::int,
        ${line.ruleVersionIds ?? []}::uuid[], ${line.campaignId ?? null}::uuid, ${line.reason ?? null}::text)`,
    ),
  );
  return Prisma.sql`
    b AS (
      UPDATE balances SET available = available + ${total}::int, lifetime_earned = lifetime_earned + ${total}::int,
        seq = seq + ${lines.length}::int, updated_at = now()
      WHERE member_id = ${input.memberId}::uuid AND program_id = ${input.programId}::uuid
        AND tenant_id = ${input.tenantId}::uuid AND ${onlyIf}
      RETURNING ${BALANCE_COLUMNS}
    ), e AS (
      INSERT INTO ledger_entries (tenant_id, member_id, program_id, seq, kind, points, event_id, rule_version_ids,
        campaign_id, reason, effective_at)
      SELECT b."tenantId", b."memberId", b."programId", b.seq - ${lines.length}::int + l.ord, l.kind, l.points,
        ${input.eventId ?? null}::uuid, l.versions, l.campaign_id, l.reason,
        ${input.effectiveAt ?? input.earnedAt}::timestamptz
      FROM b, (VALUES ${values}) AS l(ord, kind, points, versions, campaign_id, reason)
      RETURNING ${ENTRY_COLUMNS}
    ), lot AS (
      INSERT INTO point_lots (tenant_id, member_id, program_id, ledger_entry_id, earned_at, expires_at, points, remaining)
      SELECT e."tenantId", e."memberId", e."programId", e.id, ${input.earnedAt}::timestamptz,
        ${input.expiresAt ?? null}::timestamptz, e.points, e.points
      FROM e
    )`;
}

/**
 * Adds points: one ledger entry, one lot holding them, and the balance (available and lifetime earned) updated,
 * in a single statement. Creates the balance row if the member has none in the program.
 */
export async function credit(tx: Tx, input: CreditInput): Promise<LedgerWrite> {
  const write = () => tx.$queryRaw<(LedgerEntryRow & { balance: BalanceRow })[]>`
    WITH ${creditCtes(input)}
    SELECT e.*, row_to_json(b.*) AS balance FROM e, b`;
  let [row] = await write();
  if (!row) {
    await lockBalance(tx, input);
    [row] = await write();
  }
  if (!row) throw new Error(`credit found no balance for member ${input.memberId} in program ${input.programId}`);
  return split(row);
}

export interface DebitInput extends BalanceKey {
  kind: 'redemption' | 'reversal' | 'adjustment';
  /** Positive: the number of points taken. */
  points: number;
  eventId?: string;
  redemptionId?: string;
  ruleVersionIds?: string[];
  reason?: string;
  actorId?: string;
  /** Held for a reserved redemption: also adds the points to `pending`. */
  hold?: boolean;
  /** When the entry took effect; the transaction's time (now) when absent. A trusted caller (an import) dates it. */
  effectiveAt?: Date;
}

/**
 * Takes points from the member's lots first in, first out (earliest earned, then earliest expiry), recording
 * which lots gave how much (LotAllocation) so the debit can be restored exactly. Refuses with 422
 * `insufficient-points` when the available balance is smaller than `points`: balances never go negative.
 */
export async function debit(tx: Tx, input: DebitInput): Promise<LedgerWrite> {
  if (!Number.isSafeInteger(input.points) || input.points <= 0) {
    throw new RangeError(`debit takes a positive integer of points, got ${input.points}`);
  }
  const balance = await lockBalance(tx, input);
  if (balance.available < input.points) {
    throw new UnprocessableError(
      'insufficient-points',
      `The member has ${balance.available} points available, fewer than the ${input.points} asked for.`,
      { available: balance.available, requested: input.points },
    );
  }
  return take(tx, input, input.points, 0, []);
}

export interface ReverseInput extends BalanceKey {
  /** Points to take back, positive. */
  points: number;
  eventId?: string;
  ruleVersionIds?: string[];
  reason?: string;
  /** Ledger entries whose lots give back first (the purchase's own accrual and bonus entries). */
  fromEntryIds: string[];
  /** When the reversal took effect: the refund's occurredAt (capped at now); now when absent. */
  effectiveAt?: Date;
}

/**
 * Takes back points a refunded purchase earned: from that purchase's own lots first, then first in, first out
 * from the member's other lots, but never more than the available balance. What cannot be taken back (already
 * spent) is recorded as `shortfallPoints` on the reversal entry, so the balance never goes negative.
 */
export async function reverse(tx: Tx, input: ReverseInput): Promise<LedgerWrite> {
  if (!Number.isSafeInteger(input.points) || input.points <= 0) {
    throw new RangeError(`reverse takes a positive integer of points, got ${input.points}`);
  }
  const balance = await lockBalance(tx, input);
  const taken = Math.min(input.points, balance.available);
  return take(tx, { ...input, kind: 'reversal' }, taken, input.points - taken, input.fromEntryIds);
}

/** Writes a debit of `points` (possibly 0, when everything is shortfall) under the balance lock the caller holds. */
async function take(
  tx: Tx,
  input: DebitInput,
  points: number,
  shortfall: number,
  preferEntryIds: string[],
): Promise<LedgerWrite> {
  // Lots in consumption order, cut where the running total reaches `points`.
  const lots =
    points === 0
      ? []
      : await tx.$queryRaw<{ id: string; remaining: number }[]>`
    SELECT id, remaining FROM (
      SELECT id, remaining, sum(remaining) OVER (
        ORDER BY (ledger_entry_id = ANY(${preferEntryIds}::uuid[])) DESC, earned_at, expires_at NULLS LAST, id
      ) AS running
      FROM point_lots
      WHERE member_id = ${input.memberId}::uuid AND program_id = ${input.programId}::uuid
        AND tenant_id = ${input.tenantId}::uuid AND remaining > 0
    ) l
    WHERE running - remaining < ${points}::int
    ORDER BY running`;
  const lotIds: string[] = [];
  const amounts: number[] = [];
  let left = points;
  for (const lot of lots) {
    const part = Math.min(lot.remaining, left);
    lotIds.push(lot.id);
    amounts.push(part);
    left -= part;
  }
  if (left !== 0) {
    throw new Error(`lots of member ${input.memberId} hold ${points - left} points, the balance says ${points}`);
  }
  const counters = counterChanges(input.kind, points, shortfall, input.hold === true);
  const [row] = await tx.$queryRaw<(LedgerEntryRow & { balance: BalanceRow })[]>`
    WITH b AS (
      UPDATE balances SET available = available - ${points}::int, pending = pending + ${counters.pending}::int,
        redeemed = redeemed + ${counters.redeemed}::int, expired = expired + ${counters.expired}::int,
        lifetime_earned = lifetime_earned - ${counters.lifetimeEarned}::int, seq = seq + 1, updated_at = now()
      WHERE member_id = ${input.memberId}::uuid AND program_id = ${input.programId}::uuid
        AND tenant_id = ${input.tenantId}::uuid
      RETURNING ${BALANCE_COLUMNS}
    ), e AS (
      INSERT INTO ledger_entries (tenant_id, member_id, program_id, seq, kind, points, event_id, redemption_id,
        rule_version_ids, reason, actor_id, shortfall_points, effective_at)
      SELECT b."tenantId", b."memberId", b."programId", b.seq, ${input.kind}::"LedgerKind", ${-points}::int,
        ${input.eventId ?? null}::uuid, ${input.redemptionId ?? null}::uuid, ${input.ruleVersionIds ?? []}::uuid[],
        ${input.reason ?? null}, ${input.actorId ?? null}, ${shortfall}::int,
        COALESCE(${input.effectiveAt ?? null}::timestamptz, now())
      FROM b
      RETURNING ${ENTRY_COLUMNS}
    ), parts AS (
      SELECT * FROM unnest(${lotIds}::uuid[], ${amounts}::int[]) AS p(lot_id, points)
    ), lots AS (
      UPDATE point_lots l SET remaining = l.remaining - parts.points FROM parts
      WHERE l.id = parts.lot_id AND l.tenant_id = ${input.tenantId}::uuid
    ), allocations AS (
      INSERT INTO lot_allocations (tenant_id, lot_id, ledger_entry_id, points)
      SELECT e."tenantId", parts.lot_id, e.id, parts.points FROM e, parts
    )
    SELECT e.*, row_to_json(b.*) AS balance FROM e, b`;
  if (!row) throw new Error(`debit found no balance for member ${input.memberId} in program ${input.programId}`);
  return split(row);
}

/** How a debit of each kind moves the balance's counters (besides `available`). */
function counterChanges(kind: LedgerKind, points: number, shortfall: number, hold: boolean) {
  return {
    pending: hold ? points : 0,
    redeemed: kind === 'redemption' ? points : 0,
    expired: kind === 'expiry' ? points : 0,
    // A refund's reversal undoes earnings, including the part already spent; adjustments and redemptions do not.
    lifetimeEarned: kind === 'reversal' ? points + shortfall : 0,
  };
}

export interface RestoreInput {
  tenantId: string;
  /** The debit (redemption or adjustment) whose points come back. */
  debitEntryId: string;
  kind: 'reversal';
  reason?: string;
  actorId?: string;
  redemptionId?: string;
  /** The debit was a hold (reserved redemption): also releases the points from `pending`. */
  releaseHold?: boolean;
  /** When the restoration took effect; now when absent. */
  effectiveAt?: Date;
}

/**
 * Gives a debit's points back to the very lots it took them from (so their expiry dates are kept) with a
 * reversal entry. A restored redemption no longer counts as redeemed. Callers restore a debit at most once,
 * guarded by their own state (a redemption's status), under the balance lock this takes.
 */
export async function restore(tx: Tx, input: RestoreInput): Promise<LedgerWrite> {
  const [debitEntry] = await tx.$queryRaw<LedgerEntryRow[]>`
    SELECT ${ENTRY_COLUMNS} FROM ledger_entries
    WHERE id = ${input.debitEntryId}::uuid AND tenant_id = ${input.tenantId}::uuid`;
  if (!debitEntry || debitEntry.points >= 0) {
    throw new Error(`ledger entry ${input.debitEntryId} is not a debit of tenant ${input.tenantId}`);
  }
  await lockBalance(tx, debitEntry);
  const points = -debitEntry.points;
  const released = input.releaseHold ? points : 0;
  const unredeemed = debitEntry.kind === 'redemption' ? points : 0;
  const [row] = await tx.$queryRaw<(LedgerEntryRow & { balance: BalanceRow })[]>`
    WITH b AS (
      UPDATE balances SET available = available + ${points}::int, pending = pending - ${released}::int,
        redeemed = redeemed - ${unredeemed}::int, seq = seq + 1, updated_at = now()
      WHERE member_id = ${debitEntry.memberId}::uuid AND program_id = ${debitEntry.programId}::uuid
        AND tenant_id = ${input.tenantId}::uuid
      RETURNING ${BALANCE_COLUMNS}
    ), e AS (
      INSERT INTO ledger_entries (tenant_id, member_id, program_id, seq, kind, points, event_id, redemption_id, reason,
        actor_id, effective_at)
      SELECT b."tenantId", b."memberId", b."programId", b.seq, 'reversal'::"LedgerKind", ${points}::int, ${debitEntry.eventId}::uuid,
        ${input.redemptionId ?? debitEntry.redemptionId}::uuid, ${input.reason ?? null}, ${input.actorId ?? null},
        COALESCE(${input.effectiveAt ?? null}::timestamptz, now())
      FROM b
      RETURNING ${ENTRY_COLUMNS}
    ), back AS (
      UPDATE point_lots l SET remaining = l.remaining + a.points FROM lot_allocations a
      WHERE a.ledger_entry_id = ${input.debitEntryId}::uuid AND a.tenant_id = ${input.tenantId}::uuid AND l.id = a.lot_id
    )
    SELECT e.*, row_to_json(b.*) AS balance FROM e, b`;
  if (!row) throw new Error(`restore found no balance for ledger entry ${input.debitEntryId}`);
  return split(row);
}

/** Moves points out of `pending` once a held redemption is fulfilled (they stay spent). */
export async function releaseHold(tx: Tx, key: BalanceKey, points: number): Promise<void> {
  await tx.$executeRaw`
    UPDATE balances SET pending = pending - ${points}::int, updated_at = now()
    WHERE member_id = ${key.memberId}::uuid AND program_id = ${key.programId}::uuid AND tenant_id = ${key.tenantId}::uuid`;
}

function split(row: LedgerEntryRow & { balance: BalanceRow }): LedgerWrite {
  const { balance, ...entry } = row;
  return { entry, balance: balanceFromJson(balance) };
}
