import type { Prisma } from '@loyaltystudio/prisma';
import type { AuthContext } from '../auth/context.ts';
import type { Tx } from './tenant-tx.ts';

export interface AuditEntry {
  /** `<entity>.<verb>`, e.g. `program.update`. */
  action: string;
  entityType: string;
  entityId?: string;
  before?: unknown;
  after?: unknown;
}

/** JSON for the audit log: dates as ISO strings, bigints as strings, undefined dropped. */
function snapshot(value: unknown): Prisma.InputJsonValue | undefined {
  if (value === undefined || value === null) return undefined;
  return JSON.parse(JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? v.toString() : v)));
}

/** Records an administrative change in the same transaction as the change itself. */
export async function audit(tx: Tx, auth: AuthContext, entry: AuditEntry): Promise<void> {
  await tx.auditLog.create({
    data: {
      tenantId: auth.tenantId,
      actorType: auth.actor.type,
      actorId: auth.actor.id,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId,
      before: snapshot(entry.before),
      after: snapshot(entry.after),
      requestId: auth.requestId,
    },
  });
}
