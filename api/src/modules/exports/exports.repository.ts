import type { ExportFormat } from '@loyaltystudio/prisma';
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
