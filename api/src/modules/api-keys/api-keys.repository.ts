import type { Prisma, PrismaClient } from '@loyaltystudio/prisma';
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
    tx.apiKey.findMany({
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

  revoke: (tx: Tx, tenantId: string, id: string) =>
    tx.apiKey.update({ where: { id, tenantId }, data: { revokedAt: new Date() } }),
};
