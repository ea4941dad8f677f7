import type { Prisma, PrismaClient } from '@loyaltystudio/prisma';
import { createdOrderPage } from '../../infra/pagination.ts';
import type { Tx } from '../../infra/tenant-tx.ts';

const withUnsubscribes = {
  unsubscribes: { select: { email: true }, orderBy: { email: 'asc' } },
} as const satisfies Prisma.ReportInclude;

export type ReportRow = Prisma.ReportGetPayload<{ include: typeof withUnsubscribes }>;

export const reportsRepository = {
  create: (tx: Tx, data: Prisma.ReportUncheckedCreateInput) => tx.report.create({ data, include: withUnsubscribes }),

  find: (tx: Tx, tenantId: string, id: string) =>
    tx.report.findFirst({ where: { tenantId, id }, include: withUnsubscribes }),

  /** Locks the report so concurrent changes apply one after the other. */
  lock: async (tx: Tx, tenantId: string, id: string) =>
    (
      await tx.$queryRaw<{ id: string }[]>`
        SELECT id FROM reports WHERE tenant_id = ${tenantId}::uuid AND id = ${id}::uuid FOR UPDATE`
    ).length > 0,

  update: (tx: Tx, tenantId: string, id: string, data: Prisma.ReportUncheckedUpdateInput) =>
    tx.report.update({ where: { id, tenantId }, data, include: withUnsubscribes }),

  delete: (tx: Tx, tenantId: string, id: string) => tx.report.delete({ where: { id, tenantId } }),

  list: (tx: Tx, tenantId: string, limit: number, after?: { createdAt: string; id: string }) =>
    tx.report.findMany({ ...createdOrderPage(after, limit, { tenantId }), include: withUnsubscribes }),

  existingPrograms: async (tx: Tx, tenantId: string, ids: string[]) =>
    new Set(
      (await tx.program.findMany({ where: { tenantId, id: { in: ids } }, select: { id: true } })).map((p) => p.id),
    ),

  /** The report's deliveries, newest first. */
  deliveries: (tx: Tx, tenantId: string, reportId: string, limit: number, after?: { createdAt: string; id: string }) =>
    tx.reportDelivery.findMany(createdOrderPage(after, limit, { tenantId, reportId }, 'desc')),

  unsubscribe: (tx: Tx, tenantId: string, reportId: string, email: string) =>
    tx.reportUnsubscribe.upsert({
      where: { reportId_email: { reportId, email } },
      create: { tenantId, reportId, email },
      update: {},
    }),

  // ─── For the send workflow ────────────────────────────────────────────────────────────────────────────────────

  /** Writes (or, on a retried activity, finds) the delivery of one recipient of one send. */
  upsertDelivery: (tx: Tx, data: Prisma.ReportDeliveryUncheckedCreateInput) =>
    tx.reportDelivery.upsert({
      where: { runId_recipientEmail: { runId: data.runId, recipientEmail: data.recipientEmail } },
      create: data,
      update: {},
    }),

  updateDelivery: (tx: Tx, tenantId: string, runId: string, email: string, data: Prisma.ReportDeliveryUpdateInput) =>
    tx.reportDelivery.update({
      where: { runId_recipientEmail: { runId, recipientEmail: email }, tenantId },
      data: { ...data, updatedAt: new Date() },
    }),

  /** Reports sent after each build of the marts, across tenants (the owner connection: no tenant is bound). */
  afterMarts: (prisma: PrismaClient) =>
    prisma.report.findMany({
      where: { trigger: 'marts_rebuilt', enabled: true },
      select: { tenantId: true, id: true },
      orderBy: [{ tenantId: 'asc' }, { id: 'asc' }],
    }),

  /** Scheduled reports across tenants, for a worker that puts their schedules back in step. */
  scheduled: (prisma: PrismaClient) =>
    prisma.report.findMany({
      where: { trigger: 'schedule' },
      select: { tenantId: true, id: true, trigger: true, cron: true, timeZone: true, enabled: true },
    }),
};
