import type { Prisma } from '@loyaltystudio/prisma';
import type { Tx } from '../../infra/tenant-tx.ts';

export const tenantsRepository = {
  create: (tx: Tx, data: Prisma.TenantCreateInput) => tx.tenant.create({ data }),

  find: (tx: Tx, tenantId: string) => tx.tenant.findUnique({ where: { id: tenantId } }),

  update: (tx: Tx, tenantId: string, data: Prisma.TenantUpdateInput) =>
    tx.tenant.update({ where: { id: tenantId }, data }),
};
