import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Export as ExportRow, PrismaClient } from '@loyaltystudio/prisma';
import { MART_PERSONAL_DATA } from '@loyaltystudio/warehouse';
import { withTenant } from '../../infra/tenant-tx.ts';
import { exportsRepository as repo } from './exports.repository.ts';

/** An unfinished export whose heartbeat is younger than this is still being written (see exports.service.ts). */
const STALE_MS = 60_000;

export const REMOVED_FOR_ERASURE =
  'The file was removed: it held personal data of a member who was erased since. Create the export again.';

const day = (d: Date) => d.toISOString().slice(0, 10);

/** Whether the export's rows can include the member: a mart with a personal column among its columns, in range. */
function mayHoldMember(row: ExportRow, enrolledDay: string): boolean {
  const mart = MART_PERSONAL_DATA.find((m) => m.mart === row.mart);
  if (!mart || !row.columns.some((c) => mart.columns.includes(c))) return false;
  // The member-level marts filter on the member's UTC day of enrolment (docs/exports.md).
  if (row.fromDate && day(row.fromDate) > enrolledDay) return false;
  if (row.toDate && day(row.toDate) < enrolledDay) return false;
  return true;
}

export interface ExportFileRemoval {
  /** Files deleted (finished files, and leftovers of interrupted ones). */
  removed: number;
  /** Exports that may hold the member and are still being written: try again once they finish. */
  writing: number;
}

/**
 * Deletes the tenant's export files that may hold an erased member's personal data: exports created before
 * `createdBefore` (when the marts were cleaned) of a mart that carries personal columns (`MART_PERSONAL_DATA`), with
 * one of them among the export's columns and the member's enrolment day in its range. A succeeded export keeps its
 * row, with `error` saying why its file is gone (its download answers 410). Exports still being written are
 * counted in `writing` and left alone. Safe to repeat.
 */
export async function removeExportFilesOfMember(
  prisma: PrismaClient,
  opts: { dir: string; tenantId: string; memberId: string; createdBefore: Date; now?: Date },
): Promise<ExportFileRemoval> {
  const { dir, tenantId, memberId, createdBefore } = opts;
  const now = opts.now ?? new Date();
  const marts = MART_PERSONAL_DATA.map((m) => m.mart);
  const { member, exports } = await withTenant(prisma, tenantId, async (tx) => ({
    member: await tx.member.findFirst({ where: { tenantId, id: memberId }, select: { enrolledAt: true } }),
    exports: await repo.ofMartsBefore(tx, tenantId, marts, createdBefore),
  }));
  if (!member) return { removed: 0, writing: 0 };
  const enrolledDay = day(member.enrolledAt);
  const result: ExportFileRemoval = { removed: 0, writing: 0 };
  for (const row of exports.filter((e) => mayHoldMember(e, enrolledDay))) {
    const unfinished = row.status === 'queued' || row.status === 'running';
    if (unfinished && row.updatedAt.getTime() > now.getTime() - STALE_MS) {
      result.writing += 1;
      continue;
    }
    const path = join(dir, tenantId, `${row.id}.${row.format}`);
    for (const file of [path, `${path}.partial`]) {
      if (
        await rm(file).then(
          () => true,
          (err: NodeJS.ErrnoException) => {
            if (err.code === 'ENOENT') return false;
            throw err;
          },
        )
      ) {
        result.removed += 1;
      }
    }
    if (row.status === 'succeeded' && row.error !== REMOVED_FOR_ERASURE) {
      await withTenant(prisma, tenantId, (tx) => repo.fileRemoved(tx, tenantId, row.id, REMOVED_FOR_ERASURE, now));
    }
  }
  return result;
}
