import type { Prisma } from '@loyaltystudio/prisma';
import { createdOrderPage } from '../../infra/pagination.ts';
import type { Tx } from '../../infra/tenant-tx.ts';

export const usersRepository = {
  create: (tx: Tx, data: Prisma.UserUncheckedCreateInput) => tx.user.create({ data }),

  find: (tx: Tx, tenantId: string, id: string) => tx.user.findFirst({ where: { tenantId, id } }),

  list: (tx: Tx, tenantId: string, limit: number, after?: { createdAt: string; id: string }) =>
    tx.user.findMany(createdOrderPage(after, limit, { tenantId })),

  update: (tx: Tx, tenantId: string, id: string, data: Prisma.UserUpdateManyMutationInput) =>
    tx.user.update({ where: { id, tenantId }, data }),

  /**
   * Serialises changes to a tenant's owners on the tenant row, so that two concurrent demotions cannot both see
   * another owner left and leave none.
   */
  lockOwners: (tx: Tx, tenantId: string) => tx.$queryRaw`SELECT 1 FROM tenants WHERE id = ${tenantId}::uuid FOR UPDATE`,

  countEnabledOwners: (tx: Tx, tenantId: string) =>
    tx.user.count({ where: { tenantId, role: 'owner', disabledAt: null } }),

  openSessionIds: async (tx: Tx, tenantId: string, userId: string) =>
    (await tx.session.findMany({ where: { tenantId, userId, revokedAt: null }, select: { id: true } })).map(
      (s) => s.id,
    ),
};
