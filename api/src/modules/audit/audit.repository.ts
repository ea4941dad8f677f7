import { createdOrderPage } from '../../infra/pagination.ts';
import type { Tx } from '../../infra/tenant-tx.ts';
import type { AuditQuery } from './audit.schemas.ts';

export const auditRepository = {
  /** Newest first, on (createdAt, id) descending. */
  list: (tx: Tx, tenantId: string, query: AuditQuery, limit: number, before?: { createdAt: string; id: string }) =>
    tx.auditLog.findMany(
      createdOrderPage(
        before,
        limit,
        {
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
        },
        'desc',
      ),
    ),
};
