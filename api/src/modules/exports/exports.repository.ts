import type { ExportFormat, ExportStatus } from '@loyaltystudio/prisma';
import { type CreatedKey, createdOrderPage } from '../../infra/pagination.ts';
import type { Tx } from '../../infra/tenant-tx.ts';

export interface NewExport {
  tenantId: string;
  mart: string;
  format: ExportFormat;
  columns: string[];
  fromDate: Date | null;
  toDate: Date | null;
  rowsTotal: number;
  actorType: string;
  actorId: string;
  /** The segment version whose members the export holds, if any. */
  segmentVersionId: string | null;
}

export interface ExportProgress {
  rowsWritten: number;
  bytesWritten: number;
}

export const exportsRepository = {
  create: (tx: Tx, data: NewExport) => tx.export.create({ data: { ...data, rowsTotal: BigInt(data.rowsTotal) } }),

  find: (tx: Tx, tenantId: string, id: string) => tx.export.findFirst({ where: { tenantId, id } }),

  /** A page of the tenant's exports, newest first. */
  list: (tx: Tx, tenantId: string, take: number, after: CreatedKey | undefined, status?: ExportStatus) =>
    tx.export.findMany(createdOrderPage(after, take, { tenantId, ...(status && { status }) }, 'desc')),

  /** Names of the users and API keys that created these exports, by actor id (the tenant's only). */
  async actorNames(tx: Tx, tenantId: string, actors: { actorType: string; actorId: string }[]) {
    const ids = (type: string) => [...new Set(actors.filter((a) => a.actorType === type).map((a) => a.actorId))];
    const [users, keys] = await Promise.all([
      tx.user.findMany({ where: { tenantId, id: { in: ids('user') } }, select: { id: true, name: true } }),
      tx.apiKey.findMany({ where: { tenantId, id: { in: ids('api_key') } }, select: { id: true, name: true } }),
    ]);
    return new Map([...users, ...keys].map((a) => [a.id, a.name]));
  },

  start: (tx: Tx, tenantId: string, id: string, now: Date) =>
    tx.export.updateMany({
      where: { tenantId, id, status: 'queued' },
      data: { status: 'running', startedAt: now, updatedAt: now },
    }),

  /** Progress of a running export; also its heartbeat (`updatedAt`). */
  progress: (tx: Tx, tenantId: string, id: string, p: ExportProgress, now: Date) =>
    tx.export.updateMany({
      where: { tenantId, id, status: { in: ['queued', 'running'] } },
      data: { rowsWritten: BigInt(p.rowsWritten), bytesWritten: BigInt(p.bytesWritten), updatedAt: now },
    }),

  succeed: (tx: Tx, tenantId: string, id: string, p: ExportProgress, now: Date) =>
    tx.export.updateMany({
      where: { tenantId, id, status: 'running' },
      data: {
        status: 'succeeded',
        rowsWritten: BigInt(p.rowsWritten),
        bytesWritten: BigInt(p.bytesWritten),
        finishedAt: now,
        updatedAt: now,
      },
    }),

  /** The tenant's exports of these marts created before `before`, oldest first. */
  ofMartsBefore: (tx: Tx, tenantId: string, marts: string[], before: Date) =>
    tx.export.findMany({
      where: { tenantId, mart: { in: marts }, createdAt: { lt: before } },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    }),

  /** Says why a succeeded export's file is gone; its status stays (its download answers 410). */
  fileRemoved: (tx: Tx, tenantId: string, id: string, reason: string, now: Date) =>
    tx.export.updateMany({
      where: { tenantId, id, status: 'succeeded' },
      data: { error: reason, updatedAt: now },
    }),

  /** Marks an unfinished export failed; `staleBefore` limits it to exports whose heartbeat stopped. */
  fail: (tx: Tx, tenantId: string, id: string, error: string, now: Date, staleBefore?: Date) =>
    tx.export.updateMany({
      where: {
        tenantId,
        id,
        status: { in: ['queued', 'running'] },
        ...(staleBefore && { updatedAt: { lt: staleBefore } }),
      },
      data: { status: 'failed', error, finishedAt: now, updatedAt: now },
    }),
};
