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

/**
 * Expires every lot whose `expiresAt` has passed and that still holds points: one `expiry` entry per member and
 * program taking exactly what those lots hold, the `expired` counter, and `points.expired` to the outbox, in one
 * transaction per member. Safe to run concurrently and repeatedly: each member's lots are re-read under the
 * balance lock, so a lot another run already emptied gives nothing. Works through due members in batches until
 * none are left.
 */
export async function expirePoints(
  prisma: PrismaClient,
  opts: { now: Date; tenantId?: string; batchSize?: number },
): Promise<ExpiryRun> {
  const run: ExpiryRun = { members: 0, points: 0 };
  const batchSize = opts.batchSize ?? 500;
  const seen = new Set<string>();
  for (;;) {
    // The owner connection sees every tenant (row-level security applies inside withTenant below).
    const due = await prisma.$queryRaw<Due[]>`
      SELECT DISTINCT tenant_id AS "tenantId", member_id AS "memberId", program_id AS "programId"
      FROM point_lots
      WHERE expires_at <= ${opts.now} AND remaining > 0
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
            AND tenant_id = ${key.tenantId}::uuid AND expires_at <= ${opts.now} AND remaining > 0
          ORDER BY earned_at, expires_at, id`;
        const total = lots.reduce((s, l) => s + l.remaining, 0);
        if (total === 0) return 0;
        const [entry] = await tx.$queryRaw<{ id: string; available: number }[]>`
          WITH b AS (
            UPDATE balances SET available = available - ${total}::int, expired = expired + ${total}::int,
              seq = seq + 1, updated_at = now()
            WHERE member_id = ${key.memberId}::uuid AND program_id = ${key.programId}::uuid
              AND tenant_id = ${key.tenantId}::uuid
            RETURNING seq, available
          ), e AS (
            INSERT INTO ledger_entries (tenant_id, member_id, program_id, seq, kind, points, reason)
            SELECT ${key.tenantId}::uuid, ${key.memberId}::uuid, ${key.programId}::uuid, b.seq, 'expiry'::"LedgerKind",
              ${-total}::int, 'points expired' FROM b
            RETURNING id
          ), parts AS (
            SELECT * FROM unnest(${lots.map((l) => l.id)}::uuid[], ${lots.map((l) => l.remaining)}::int[]) AS p(lot_id, points)
          ), emptied AS (
            UPDATE point_lots l SET remaining = 0 FROM parts WHERE l.id = parts.lot_id AND l.tenant_id = ${key.tenantId}::uuid
          ), allocations AS (
            INSERT INTO lot_allocations (tenant_id, lot_id, ledger_entry_id, points)
            SELECT ${key.tenantId}::uuid, parts.lot_id, e.id, parts.points FROM e, parts
          )
          SELECT e.id, b.available FROM e, b`;
        await emit(tx, key.tenantId, 'points.expired', {
          memberId: key.memberId,
          programId: key.programId,
          entryId: entry!.id,
          points: total,
          available: entry!.available,
          lots: lots.map((l) => ({ lotId: l.id, points: l.remaining, expiresAt: l.expiresAt.toISOString() })),
        });
        return total;
      });
      if (points > 0) {
        run.members += 1;
        run.points += points;
      }
    }
  }
}
