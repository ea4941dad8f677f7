import type { Prisma, PrismaClient } from '@loyaltystudio/prisma';
import { createdOrderPage } from '../../infra/pagination.ts';
import type { Tx } from '../../infra/tenant-tx.ts';

export const apiKeysRepository = {
  create: (tx: Tx, data: Prisma.ApiKeyUncheckedCreateInput) => tx.apiKey.create({ data }),

  /** A presented key names no tenant until it is found: looked up by its public prefix, outside a tenant. */
  findByPrefix: (prisma: PrismaClient, prefix: string) =>
    prisma.apiKey.findUnique({
      where: { prefix },
      select: {
        id: true,
        tenantId: true,
        secretHash: true,
        scopes: true,
        rateLimitPerMinute: true,
        expiresAt: true,
        revokedAt: true,
      },
    }),

  find: (tx: Tx, tenantId: string, id: string) => tx.apiKey.findFirst({ where: { tenantId, id } }),

  list: (tx: Tx, tenantId: string, limit: number, after?: { createdAt: string; id: string }) =>
    tx.apiKey.findMany(createdOrderPage(after, limit, { tenantId })),

  revoke: (tx: Tx, tenantId: string, id: string) =>
    tx.apiKey.update({ where: { id, tenantId }, data: { revokedAt: new Date() } }),
};
