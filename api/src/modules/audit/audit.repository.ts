import type { Tx } from '../../infra/tenant-tx.ts';
import type { AuditQuery } from './audit.schemas.ts';

export const auditRepository = {
  /** Newest first, on (createdAt, id) descending. */
  list: (tx: Tx, tenantId: string, query: AuditQuery, limit: number, before?: { createdAt: string; id: string }) =>
    tx.auditLog.findMany({
      where: {
        tenantId,
        action: query.action,
        entityType: query.entityType,
        entityId: query.entityId,
        actorType: query.actorType,
        actorId: query.actorId,
        createdAt: {
          ...(query.from && { gte: new Date(query.from) }),
          ...(query.to && { lt: new Date(query.to) }),
        },
        ...(before && {
          OR: [
            { createdAt: { lt: new Date(before.createdAt) } },
            { createdAt: new Date(before.createdAt), id: { lt: before.id } },
          ],
        }),
      },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: limit,
    }),
};
