import type { Prisma } from '@loyaltystudio/prisma';
import { timeOrderPage } from '../../infra/pagination.ts';
import type { Tx } from '../../infra/tenant-tx.ts';

export const tiersRepository = {
  findProgram: (tx: Tx, tenantId: string, programId: string) =>
    tx.program.findFirst({ where: { tenantId, id: programId }, select: { id: true } }),

  list: (tx: Tx, tenantId: string, programId: string) =>
    tx.tier.findMany({ where: { tenantId, programId }, orderBy: { rank: 'asc' } }),

  find: (tx: Tx, tenantId: string, programId: string, id: string) =>
    tx.tier.findFirst({ where: { tenantId, programId, id } }),

  rankTaken: (tx: Tx, tenantId: string, programId: string, rank: number, exceptId?: string) =>
    tx.tier.findFirst({ where: { tenantId, programId, rank, id: exceptId ? { not: exceptId } : undefined } }),

  create: (tx: Tx, data: Prisma.TierUncheckedCreateInput) => tx.tier.create({ data }),

  update: (tx: Tx, tenantId: string, id: string, data: Prisma.TierUncheckedUpdateManyInput) =>
    tx.tier.update({ where: { id, tenantId }, data }),

  delete: (tx: Tx, tenantId: string, id: string) => tx.tier.delete({ where: { id, tenantId } }),

  membersHolding: (tx: Tx, tenantId: string, tierId: string) => tx.balance.count({ where: { tenantId, tierId } }),

  rewardsRestrictedTo: (tx: Tx, tenantId: string, tierId: string) =>
    tx.reward.count({ where: { tenantId, tierIds: { has: tierId } } }),

  findMember: (tx: Tx, tenantId: string, memberId: string) =>
    tx.member.findFirst({ where: { tenantId, id: memberId }, select: { id: true } }),

  history: (
    tx: Tx,
    tenantId: string,
    memberId: string,
    programId: string | undefined,
    limit: number,
    before?: { effectiveAt: string; id: string },
  ) =>
    // Newest first by when each move took effect: an imported history is recorded in one moment.
    tx.tierChange.findMany(timeOrderPage('effectiveAt', before, limit, { tenantId, memberId, programId }, 'desc')),
};
