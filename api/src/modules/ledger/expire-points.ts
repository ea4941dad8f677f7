import { Prisma, type PrismaClient } from '@loyaltystudio/prisma';
import { withTenant } from '../../infra/tenant-tx.ts';
import { emit } from '../webhooks/outbox.ts';
import { lockBalance } from './ledger.core.ts';

export interface ExpiryRun {
  /** Members whose lots expired in this run. */
  members: number;
  points: number;
}

interface Due {
  tenantId: string;
  memberId: string;
  programId: string;
}

export interface ExpiryOptions {
  /** Expire the lots due at this instant (default now): a replay of history expires what was due at a past moment. */
  asOf?: Date;
  /** The same as `asOf`, the name earlier callers use. */
  now?: Date;
  tenantId?: string;
  batchSize?: number;
}

/**
 * Expires every lot whose `expiresAt` is at or before the as-of instant and that still holds points, in one
 * transaction per member and program: one `expiry` entry per distinct expiry instant of those lots, taking exactly
 * what they hold and dated (`effective_at`) at that instant, however late the run; the `expired` counter; and
 * `points.expired` to the outbox for each entry. Safe to run concurrently and repeatedly: each member's lots are
 * re-read under the balance lock, so a lot another run already emptied gives nothing. Works through due members in
 * batches until none are left.
 */
export async function expirePoints(prisma: PrismaClient, opts: ExpiryOptions = {}): Promise<ExpiryRun> {
  const asOf = opts.asOf ?? opts.now ?? new Date();
  const run: ExpiryRun = { members: 0, points: 0 };
  const batchSize = opts.batchSize ?? 500;
  const seen = new Set<string>();
  for (;;) {
    // The owner connection sees every tenant (row-level security applies inside withTenant below).
    const due = await prisma.$queryRaw<Due[]>`
      SELECT DISTINCT tenant_id AS "tenantId", member_id AS "memberId", program_id AS "programId"
      FROM point_lots
      WHERE expires_at <= ${asOf} AND remaining > 0
        ${opts.tenantId ? Prisma.sql`AND tenant_id = ${opts.tenantId}::uuid` : Prisma.empty}
      LIMIT ${batchSize}`;
    const fresh = due.filter((d) => !seen.has(`${d.memberId}:${d.programId}`));
    if (fresh.length === 0) return run;
    for (const key of fresh) {
      seen.add(`${key.memberId}:${key.programId}`);
      const points = await withTenant(prisma, key.tenantId, async (tx) => {
        await lockBalance(tx, key);
        const lots = await tx.$queryRaw<{ id: string; remaining: number; expiresAt: Date }[]>`
          SELECT id, remaining, expires_at AS "expiresAt" FROM point_lots
          WHERE member_id = ${key.memberId}::uuid AND program_id = ${key.programId}::uuid
            AND tenant_id = ${key.tenantId}::uuid AND expires_at <= ${asOf} AND remaining > 0
          ORDER BY earned_at, expires_at, id`;
        const total = lots.reduce((sum, l) => sum + l.remaining, 0);
        if (total === 0) return 0;
        // One entry per expiry instant, in that order: lot i belongs to group ord[i] (1-based).
        const instants = [...new Set(lots.map((l) => l.expiresAt.getTime()))].sort((x, y) => x - y);
        const ord = lots.map((l) => instants.indexOf(l.expiresAt.getTime()) + 1);
        const groupPoints = instants.map((_, g) =>
          lots.reduce((sum, l, i) => sum + (ord[i] === g + 1 ? l.remaining : 0), 0),
        );
        const entries = await tx.$queryRaw<{ id: string; ord: number; available: number }[]>`
          WITH b AS (
            UPDATE balances SET available = available - ${total}::int, expired = expired + ${total}::int,
              seq = seq + ${instants.length}::int, updated_at = now()
            WHERE member_id = ${key.memberId}::uuid AND program_id = ${key.programId}::uuid
              AND tenant_id = ${key.tenantId}::uuid
            RETURNING seq, available
          ), g AS (
            SELECT * FROM unnest(${instants.map((t) => new Date(t))}::timestamptz[], ${groupPoints}::int[])
              WITH ORDINALITY AS g(expires_at, points, ord)
          ), e AS (
            INSERT INTO ledger_entries (tenant_id, member_id, program_id, seq, kind, points, reason, effective_at)
            SELECT ${key.tenantId}::uuid, ${key.memberId}::uuid, ${key.programId}::uuid,
              b.seq - ${instants.length}::int + g.ord::int, 'expiry'::"LedgerKind", -g.points, 'points expired', g.expires_at
            FROM b, g
            RETURNING id, seq
          ), parts AS (
            SELECT * FROM unnest(${lots.map((l) => l.id)}::uuid[], ${lots.map((l) => l.remaining)}::int[], ${ord}::int[])
              AS p(lot_id, points, ord)
          ), emptied AS (
            UPDATE point_lots l SET remaining = 0 FROM parts WHERE l.id = parts.lot_id AND l.tenant_id = ${key.tenantId}::uuid
          ), allocations AS (
            INSERT INTO lot_allocations (tenant_id, lot_id, ledger_entry_id, points)
            SELECT ${key.tenantId}::uuid, parts.lot_id, e.id, parts.points
            FROM e, b, parts WHERE e.seq = b.seq - ${instants.length}::int + parts.ord
          )
          SELECT e.id, (e.seq - b.seq + ${instants.length}::int)::int AS ord, b.available FROM e, b ORDER BY e.seq`;
        // Each entry's own available balance: what was there before, less this entry and those before it.
        let available = entries[0]!.available + total;
        for (const entry of entries) {
          const g = entry.ord - 1;
          available -= groupPoints[g]!;
          await emit(tx, key.tenantId, 'points.expired', {
            memberId: key.memberId,
            programId: key.programId,
            entryId: entry.id,
            points: groupPoints[g]!,
            available,
            lots: lots
              .filter((_, i) => ord[i] === entry.ord)
              .map((l) => ({ lotId: l.id, points: l.remaining, expiresAt: l.expiresAt.toISOString() })),
          });
        }
        return total;
      });
      if (points > 0) {
        run.members += 1;
        run.points += points;
      }
    }
  }
}
