import type { Prisma, VoucherStatus } from '@loyaltystudio/prisma';
import { createdOrderPage } from '../../infra/pagination.ts';
import type { Tx } from '../../infra/tenant-tx.ts';

export const rewardsRepository = {
  findProgram: (tx: Tx, tenantId: string, programId: string) =>
    tx.program.findFirst({ where: { tenantId, id: programId }, select: { id: true, earningCurrency: true } }),

  tierIdsOf: async (tx: Tx, tenantId: string, programId: string) =>
    (await tx.tier.findMany({ where: { tenantId, programId }, select: { id: true } })).map((t) => t.id),

  create: (tx: Tx, data: Prisma.RewardUncheckedCreateInput) => tx.reward.create({ data }),

  find: (tx: Tx, tenantId: string, programId: string, id: string) =>
    tx.reward.findFirst({ where: { tenantId, programId, id } }),

  findById: (tx: Tx, tenantId: string, id: string) =>
    tx.reward.findFirst({ where: { tenantId, id }, select: { id: true, kind: true } }),

  list: (
    tx: Tx,
    tenantId: string,
    programId: string,
    status: 'active' | 'archived' | undefined,
    limit: number,
    after?: { createdAt: string; id: string },
  ) => tx.reward.findMany(createdOrderPage(after, limit, { tenantId, programId, status })),

  update: (tx: Tx, tenantId: string, id: string, data: Prisma.RewardUncheckedUpdateManyInput) =>
    tx.reward.update({ where: { id, tenantId }, data }),

  /** Inserts the codes not yet in the reward's pool; returns how many were new. */
  addCodes: async (tx: Tx, tenantId: string, rewardId: string, codes: string[]) =>
    (
      await tx.voucherCode.createMany({
        data: codes.map((code) => ({ tenantId, rewardId, code })),
        skipDuplicates: true,
      })
    ).count,

  countCodes: async (tx: Tx, tenantId: string, rewardId: string) => {
    const groups = await tx.voucherCode.groupBy({
      by: ['status'],
      where: { tenantId, rewardId },
      _count: { _all: true },
    });
    const counts: Record<VoucherStatus, number> = { available: 0, reserved: 0, issued: 0 };
    for (const g of groups) counts[g.status] = g._count._all;
    return counts;
  },
};
