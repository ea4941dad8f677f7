import type { ClickHouseClient } from '@clickhouse/client';
import type { PrismaClient } from '@loyaltystudio/prisma';
import type { AuthContext } from '../../auth/context.ts';
import { withTenant } from '../../infra/tenant-tx.ts';
import { createAnalyticsService } from '../analytics/analytics.service.ts';
import type { AnalyticsSettings } from '../analytics/analytics.settings.ts';
import { reportsRepository as repo } from './reports.repository.ts';
import type { Report } from './reports.schemas.ts';
import { toReport } from './reports.service.ts';
import { runTile, type TileData } from './reports.tiles.ts';

/**
 * The steps of a report's send, for the workflow worker: read the report and its tiles (through the analytics
 * service, bound to the report's tenant), and keep the delivery log. Every function binds the tenant it is given.
 */

export interface ReportSendDeps {
  prisma: PrismaClient;
  clickhouse: ClickHouseClient;
  analytics: AnalyticsSettings;
}

export type DeliveryTrigger = 'schedule' | 'manual' | 'marts_rebuilt';

/** A report reads the marts as if it were an API key of its tenant holding only analytics:read. */
function reportAuth(tenantId: string, reportId: string): AuthContext {
  return { tenantId, actor: { type: 'api_key', id: `report:${reportId}`, scopes: ['analytics:read'] } };
}

export function createReportSends({ prisma, clickhouse, analytics: settings }: ReportSendDeps) {
  const analytics = createAnalyticsService({ prisma, clickhouse, settings });

  return {
    /** The report with its unsubscribed recipients and last sent hash; null when it was deleted. */
    async load(tenantId: string, reportId: string): Promise<(Report & { lastSentHash: string | null }) | null> {
      const row = await withTenant(prisma, tenantId, (tx) => repo.find(tx, tenantId, reportId));
      return row && { ...toReport(row), lastSentHash: row.lastSentHash };
    },

    /** Every tile's data for a send on `sendDate`, in order. */
    async tiles(tenantId: string, report: Report, sendDate: string): Promise<TileData[]> {
      const auth = reportAuth(tenantId, report.id);
      const data: TileData[] = [];
      for (const tile of report.tiles) data.push(await runTile(analytics, auth, tile, sendDate));
      return data;
    },

    /** Writes the log rows of a send: one per recipient, as pending or skipped; a retried step finds its rows. */
    async open(
      tenantId: string,
      reportId: string,
      run: { runId: string; trigger: DeliveryTrigger; dataHash: string },
      rows: { email: string; timeZone: string; skipReason: 'unchanged' | 'unsubscribed' | null }[],
    ): Promise<void> {
      await withTenant(prisma, tenantId, async (tx) => {
        for (const r of rows) {
          await repo.upsertDelivery(tx, {
            tenantId,
            reportId,
            runId: run.runId,
            trigger: run.trigger,
            dataHash: run.dataHash,
            recipientEmail: r.email,
            recipientTimeZone: r.timeZone,
            status: r.skipReason ? 'skipped' : 'pending',
            skipReason: r.skipReason,
          });
        }
      });
    },

    /** Records one attempt's outcome for one recipient. */
    async attempt(
      tenantId: string,
      runId: string,
      email: string,
      outcome:
        | { status: 'sent'; attempt: number; messageId: string; at: Date }
        | { status: 'pending' | 'failed'; attempt?: number; error: string },
    ): Promise<void> {
      await withTenant(prisma, tenantId, (tx) =>
        repo.updateDelivery(
          tx,
          tenantId,
          runId,
          email,
          outcome.status === 'sent'
            ? {
                status: 'sent',
                attempts: outcome.attempt,
                messageId: outcome.messageId,
                sentAt: outcome.at,
                error: null,
              }
            : {
                status: outcome.status,
                ...(outcome.attempt !== undefined && { attempts: outcome.attempt }),
                error: outcome.error.slice(0, 2000),
              },
        ),
      );
    },

    /** After a send that reached at least one recipient: its data hash becomes the one "only when changed" compares. */
    async sent(tenantId: string, reportId: string, dataHash: string, at: Date): Promise<void> {
      await withTenant(prisma, tenantId, (tx) =>
        tx.report.updateMany({ where: { tenantId, id: reportId }, data: { lastSentHash: dataHash, lastSentAt: at } }),
      );
    },

    /** Enabled reports sent after each build of the marts, across tenants. */
    afterMarts: () => repo.afterMarts(prisma),

    /** Every scheduled report's timing, across tenants, for a worker that puts their schedules back in step. */
    scheduled: async () =>
      (await repo.scheduled(prisma)).map((r) => ({
        tenantId: r.tenantId,
        reportId: r.id,
        trigger: r.trigger,
        cron: r.cron,
        timeZone: r.timeZone,
        enabled: r.enabled,
      })),
  };
}

export type ReportSends = ReturnType<typeof createReportSends>;
