import type { Prisma } from '@loyaltystudio/prisma';
import { createdOrderPage } from '../../infra/pagination.ts';
import type { Tx } from '../../infra/tenant-tx.ts';

export const programsRepository = {
  create: (tx: Tx, data: Prisma.ProgramUncheckedCreateInput) => tx.program.create({ data }),

  find: (tx: Tx, tenantId: string, id: string) => tx.program.findFirst({ where: { tenantId, id } }),

  list: (tx: Tx, tenantId: string, limit: number, after?: { createdAt: string; id: string }) =>
    tx.program.findMany(createdOrderPage(after, limit, { tenantId })),

  update: (tx: Tx, tenantId: string, id: string, data: Prisma.ProgramUpdateManyMutationInput) =>
    tx.program.update({ where: { id, tenantId }, data }),
};
