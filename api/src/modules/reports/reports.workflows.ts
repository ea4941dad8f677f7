import {
  type ReportSendWorkflow,
  scheduleIds,
  taskQueues,
  workflowIds,
  workflowTypes,
} from '@loyaltystudio/workflow-contracts';
import {
  type Client,
  ScheduleAlreadyRunning,
  ScheduleNotFoundError,
  ScheduleOverlapPolicy,
  WorkflowExecutionAlreadyStartedError,
} from '@temporalio/client';
import { ServiceUnavailableError } from '../../errors.ts';

/** What a report's schedule follows. */
export interface ReportTiming {
  tenantId: string;
  reportId: string;
  trigger: 'schedule' | 'marts_rebuilt';
  cron: string | null;
  timeZone: string;
  enabled: boolean;
}

/** What the reports service asks of Temporal: one schedule per scheduled report, and sends started by id. */
export interface ReportWorkflows {
  /** Creates, updates or deletes the report's schedule so that it follows the report (none after marts builds). */
  sync(report: ReportTiming): Promise<void>;
  /** Deletes the report's schedule, if it has one. */
  remove(tenantId: string, reportId: string): Promise<void>;
  /** Starts a send now; the same key finds the first send. Returns its workflow id. */
  sendNow(tenantId: string, reportId: string, key: string, asOf: string | undefined): Promise<string>;
}

function unavailable(err: unknown): never {
  const reason = err instanceof Error ? err.message.split('\n')[0] : String(err);
  throw new ServiceUnavailableError(`Temporal, which sends reports, did not answer: ${reason}. Nothing was changed.`);
}

const isNotFound = (err: unknown) => err instanceof ScheduleNotFoundError || (err as { code?: number })?.code === 5;

/** The schedule of a report sent on its cron: in its time zone, one send at a time, missed ticks dropped. */
export function reportSchedule(report: ReportTiming, taskQueue: string = taskQueues.system) {
  const scheduleId = scheduleIds.report(report.tenantId, report.reportId);
  return {
    scheduleId,
    spec: { cronExpressions: [report.cron as string], timezone: report.timeZone },
    action: {
      type: 'startWorkflow' as const,
      workflowType: workflowTypes.reportSend,
      taskQueue,
      // The server appends `-<scheduled time>`: `workflowIds.reportSend(tenant, report, 'schedule', time)`.
      workflowId: scheduleId,
      args: [
        { tenantId: report.tenantId, reportId: report.reportId, trigger: 'schedule' as const },
      ] as Parameters<ReportSendWorkflow>,
    },
    policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '10 minutes' },
    state: { paused: !report.enabled, note: report.enabled ? undefined : 'report disabled' },
  };
}

/** Schedules and sends on Temporal, through the api's client (connected on first use). */
export function temporalReportWorkflows(
  temporal: () => Promise<Client>,
  taskQueue: string = taskQueues.system,
): ReportWorkflows {
  const client = () => temporal().catch(unavailable);

  async function remove(tenantId: string, reportId: string): Promise<void> {
    const c = await client();
    try {
      await c.schedule.getHandle(scheduleIds.report(tenantId, reportId)).delete();
    } catch (err) {
      if (!isNotFound(err)) unavailable(err);
    }
  }

  return {
    async sync(report) {
      if (report.trigger !== 'schedule' || !report.cron) return remove(report.tenantId, report.reportId);
      const c = await client();
      const options = reportSchedule(report, taskQueue);
      try {
        await c.schedule.create(options);
        return;
      } catch (err) {
        if (!(err instanceof ScheduleAlreadyRunning)) unavailable(err);
      }
      try {
        const handle = c.schedule.getHandle(options.scheduleId);
        await handle.update((current) => ({ ...current, spec: options.spec, action: options.action }));
        const { state } = await handle.describe();
        if (state.paused !== options.state.paused) {
          await (options.state.paused ? handle.pause('report disabled') : handle.unpause('report enabled'));
        }
      } catch (err) {
        unavailable(err);
      }
    },

    remove,

    async sendNow(tenantId, reportId, key, asOf) {
      const c = await client();
      const workflowId = workflowIds.reportSend(tenantId, reportId, 'manual', key);
      try {
        await c.workflow.start<ReportSendWorkflow>(workflowTypes.reportSend, {
          taskQueue,
          workflowId,
          args: [{ tenantId, reportId, trigger: 'manual', ...(asOf && { asOf }) }],
        });
      } catch (err) {
        if (!(err instanceof WorkflowExecutionAlreadyStartedError)) unavailable(err);
      }
      return workflowId;
    },
  };
}

/** Without Temporal: reports after marts builds can be kept, but no schedule can be set and nothing sent now. */
export const reportsTemporalUnavailable: ReportWorkflows = {
  sync: async (report) => {
    if (report.trigger === 'schedule') unavailable(new Error('no Temporal address is configured'));
  },
  remove: async () => undefined,
  sendNow: async () => unavailable(new Error('no Temporal address is configured')),
};

/**
 * Puts every report's schedule back in step with Postgres, for a worker at start-up: each scheduled report's
 * schedule created or updated, and every `report:` schedule whose report is gone, or no longer scheduled, deleted.
 * The api keeps them in step on each change; this repairs what a lost Temporal or a restored database left behind.
 */
export async function reconcileReportSchedules(
  client: Client,
  reports: ReportTiming[],
  taskQueue: string = taskQueues.system,
): Promise<{ synced: number; deleted: number }> {
  const workflows = temporalReportWorkflows(async () => client, taskQueue);
  const wanted = new Set<string>();
  for (const report of reports) {
    if (report.trigger !== 'schedule' || !report.cron) continue;
    wanted.add(scheduleIds.report(report.tenantId, report.reportId));
    await workflows.sync(report);
  }
  let deleted = 0;
  for await (const schedule of client.schedule.list()) {
    if (!schedule.scheduleId.startsWith('report:') || wanted.has(schedule.scheduleId)) continue;
    await client.schedule.getHandle(schedule.scheduleId).delete();
    deleted += 1;
  }
  return { synced: wanted.size, deleted };
}
