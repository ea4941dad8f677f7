import type { AuditLog, PrismaClient } from '@loyaltystudio/prisma';
import type { AuthContext } from '../../auth/context.ts';
import { decodeCursor, page } from '../../infra/pagination.ts';
import { withTenant } from '../../infra/tenant-tx.ts';
import { auditRepository as repo } from './audit.repository.ts';
import type { AuditEntry, AuditQuery } from './audit.schemas.ts';

function toEntry(row: AuditLog): AuditEntry {
  return {
    id: row.id,
    actorType: row.actorType,
    actorId: row.actorId,
    action: row.action,
    entityType: row.entityType,
    entityId: row.entityId,
    before: row.before ?? null,
    after: row.after ?? null,
    requestId: row.requestId,
    createdAt: row.createdAt.toISOString(),
  };
}

export function createAuditService(prisma: PrismaClient) {
  return {
    async list(auth: AuthContext, query: AuditQuery) {
      const limit = query.limit ?? 50;
      const before = decodeCursor<{ createdAt: string; id: string }>(query.cursor, {
        createdAt: 'string',
        id: 'string',
      });
      const rows = await withTenant(prisma, auth.tenantId, (tx) =>
        repo.list(tx, auth.tenantId, query, limit + 1, before),
      );
      const result = page(rows, limit, (r) => ({ createdAt: r.createdAt.toISOString(), id: r.id }));
      return { items: result.items.map(toEntry), nextCursor: result.nextCursor };
    },
  };
}

export type AuditService = ReturnType<typeof createAuditService>;
