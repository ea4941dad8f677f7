import type { Prisma, RedemptionStatus } from '@loyaltystudio/prisma';
import { createdOrderPage } from '../../infra/pagination.ts';
import type { Tx } from '../../infra/tenant-tx.ts';

export const redemptionsRepository = {
  findReward: (tx: Tx, tenantId: string, id: string) => tx.reward.findFirst({ where: { tenantId, id } }),

  findProgram: (tx: Tx, tenantId: string, id: string) =>
    tx.program.findFirst({ where: { tenantId, id }, select: { id: true, status: true, minRedemption: true } }),

  /** Redemptions of a reward that count against the member's limit: held or fulfilled. */
  countHeld: (tx: Tx, tenantId: string, memberId: string, rewardId: string) =>
    tx.redemption.count({ where: { tenantId, memberId, rewardId, status: { in: ['reserved', 'fulfilled'] } } }),

  /** Takes one unit of a limited reward; false when none is left. The row lock serialises concurrent takers. */
  takeUnit: async (tx: Tx, tenantId: string, rewardId: string) =>
    (await tx.$executeRaw`
      UPDATE rewards SET inventory = inventory - 1, updated_at = now()
      WHERE id = ${rewardId}::uuid AND tenant_id = ${tenantId}::uuid AND inventory > 0`) === 1,

  returnUnit: (tx: Tx, tenantId: string, rewardId: string) =>
    tx.$executeRaw`
      UPDATE rewards SET inventory = inventory + 1, updated_at = now()
      WHERE id = ${rewardId}::uuid AND tenant_id = ${tenantId}::uuid AND inventory IS NOT NULL`,

  /** Reserves the oldest available code of the pool, skipping codes other transactions are reserving. */
  reserveCode: async (tx: Tx, tenantId: string, rewardId: string, redemptionId: string) => {
    const [row] = await tx.$queryRaw<{ id: string }[]>`
      UPDATE voucher_codes SET status = 'reserved', redemption_id = ${redemptionId}::uuid
      WHERE id = (
        SELECT id FROM voucher_codes
        WHERE reward_id = ${rewardId}::uuid AND tenant_id = ${tenantId}::uuid AND status = 'available'
        ORDER BY created_at, id LIMIT 1 FOR UPDATE SKIP LOCKED)
      RETURNING id`;
    return row !== undefined;
  },

  /** Marks the code reserved for a redemption as issued, and returns it. */
  issueCode: async (tx: Tx, tenantId: string, redemptionId: string) => {
    const [row] = await tx.$queryRaw<{ code: string }[]>`
      UPDATE voucher_codes SET status = 'issued'
      WHERE redemption_id = ${redemptionId}::uuid AND tenant_id = ${tenantId}::uuid AND status = 'reserved'
      RETURNING code`;
    return row?.code ?? null;
  },

  releaseCode: (tx: Tx, tenantId: string, redemptionId: string) =>
    tx.voucherCode.updateMany({
      where: { tenantId, redemptionId, status: 'reserved' },
      data: { status: 'available', redemptionId: null },
    }),

  create: (tx: Tx, data: Prisma.RedemptionUncheckedCreateInput) => tx.redemption.create({ data }),

  find: (tx: Tx, tenantId: string, id: string) => tx.redemption.findFirst({ where: { tenantId, id } }),

  /** The redemption, locked until the transaction ends: fulfil, cancel and expiry of one redemption serialise. */
  lock: async (tx: Tx, tenantId: string, id: string) => {
    const [row] = await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM redemptions WHERE id = ${id}::uuid AND tenant_id = ${tenantId}::uuid FOR UPDATE`;
    return row ? tx.redemption.findFirstOrThrow({ where: { tenantId, id } }) : null;
  },

  update: (tx: Tx, tenantId: string, id: string, data: Prisma.RedemptionUncheckedUpdateManyInput) =>
    tx.redemption.update({ where: { id, tenantId }, data }),

  /** The ledger debit that holds the redemption's points. */
  debitEntry: (tx: Tx, tenantId: string, r: { id: string; memberId: string; programId: string }) =>
    tx.ledgerEntry.findFirstOrThrow({
      where: { tenantId, memberId: r.memberId, programId: r.programId, redemptionId: r.id, kind: 'redemption' },
      select: { id: true },
    }),

  listForMember: (
    tx: Tx,
    tenantId: string,
    memberId: string,
    status: RedemptionStatus | undefined,
    limit: number,
    before?: { createdAt: string; id: string },
  ) =>
    tx.redemption.findMany(
      createdOrderPage(
        before,
        limit,
        {
          tenantId,
          memberId,
          status,
        },
        'desc',
      ),
    ),

  /** Held redemptions whose hold ran out, oldest first, across tenants (for the expiry pass). */
  expiredHolds: (tx: Pick<Tx, 'redemption'>, now: Date, limit: number) =>
    tx.redemption.findMany({
      where: { status: 'reserved', holdExpiresAt: { lte: now } },
      select: { id: true, tenantId: true },
      orderBy: [{ holdExpiresAt: 'asc' }, { id: 'asc' }],
      take: limit,
    }),
};
