import type { Prisma } from '@loyaltystudio/prisma';
import type { Tx } from '../../infra/tenant-tx.ts';

export const programsRepository = {
  create: (tx: Tx, data: Prisma.ProgramUncheckedCreateInput) => tx.program.create({ data }),

  find: (tx: Tx, tenantId: string, id: string) => tx.program.findFirst({ where: { tenantId, id } }),

  list: (tx: Tx, tenantId: string, limit: number, after?: { createdAt: string; id: string }) =>
    tx.program.findMany({
      where: {
        tenantId,
        ...(after && {
          OR: [
            { createdAt: { gt: new Date(after.createdAt) } },
            { createdAt: new Date(after.createdAt), id: { gt: after.id } },
          ],
        }),
      },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      take: limit,
    }),

  update: (tx: Tx, tenantId: string, id: string, data: Prisma.ProgramUpdateManyMutationInput) =>
    tx.program.update({ where: { id, tenantId }, data }),
};
