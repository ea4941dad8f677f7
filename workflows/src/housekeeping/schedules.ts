import {
  type Client,
  type ScheduleOptions,
  type ScheduleOptionsStartWorkflowAction,
  ScheduleOverlapPolicy,
} from '@temporalio/client';
import {
  type HousekeepingJob,
  type HousekeepingWorkflow,
  housekeepingJobs,
  scheduleIds,
  taskQueues,
  workflowTypes,
} from '../contracts.ts';
import { createOrUpdateSchedule } from '../schedules.ts';

/** When each job runs: a five-field cron expression, in UTC. */
export type HousekeepingCrons = Record<HousekeepingJob, string>;

/** The schedule of one job: its cron, one pass at each tick, never two passes of a job at once. */
export function housekeepingSchedule(
  job: HousekeepingJob,
  cron: string,
  taskQueue: string = taskQueues.system,
): ScheduleOptions<ScheduleOptionsStartWorkflowAction<HousekeepingWorkflow>> {
  return {
    scheduleId: scheduleIds.housekeeping(job),
    spec: { cronExpressions: [cron] },
    action: {
      type: 'startWorkflow',
      workflowType: workflowTypes.housekeeping,
      taskQueue,
      // The server appends `-<scheduled time>`, giving `workflowIds.housekeeping(job, time)`.
      workflowId: scheduleIds.housekeeping(job),
      args: [{ job }],
    },
    policies: {
      // A pass still running when the next tick comes makes that tick redundant: it would find the same work.
      overlap: ScheduleOverlapPolicy.SKIP,
      // After an outage, one pass soon after is enough; the ticks missed before that are dropped.
      catchupWindow: '1 minute',
    },
  };
}

/**
 * Creates every job's schedule, or, when one exists, updates it to the current cron, action and policies (so a
 * changed setting takes effect on the next start) while keeping its state: a schedule an operator paused stays
 * paused. Safe to run from several workers at once: the last update wins, and all carry the same settings.
 */
export async function ensureHousekeepingSchedules(
  client: Client,
  crons: HousekeepingCrons,
  taskQueue: string = taskQueues.system,
): Promise<{ scheduleId: string; created: boolean }[]> {
  const results: { scheduleId: string; created: boolean }[] = [];
  for (const job of housekeepingJobs) {
    const schedule = housekeepingSchedule(job, crons[job], taskQueue);
    const created = await createOrUpdateSchedule(client, schedule).catch((err: unknown) => {
      const reason = err instanceof Error ? err.message : String(err);
      throw new Error(`schedule ${schedule.scheduleId} (cron "${crons[job]}") was refused: ${reason}`);
    });
    results.push({ scheduleId: schedule.scheduleId, created });
  }
  return results;
}
