import {
  type Client,
  type ScheduleOptions,
  type ScheduleOptionsStartWorkflowAction,
  ScheduleOverlapPolicy,
} from '@temporalio/client';
import { type ChurnScoringWorkflow, scheduleIds, taskQueues, workflowTypes } from '../contracts.ts';
import { createOrUpdateSchedule } from '../schedules.ts';

/** The schedule of churn scoring: every tenant at each tick, never two runs at once. */
export function churnScoringSchedule(
  cron: string,
  taskQueue: string = taskQueues.system,
): ScheduleOptions<ScheduleOptionsStartWorkflowAction<ChurnScoringWorkflow>> {
  return {
    scheduleId: scheduleIds.churnScoring,
    spec: { cronExpressions: [cron] },
    action: {
      type: 'startWorkflow',
      workflowType: workflowTypes.churnScoring,
      taskQueue,
      // The server appends `-<scheduled time>`, giving `workflowIds.churnScoring(time)`.
      workflowId: scheduleIds.churnScoring,
      args: [{}],
    },
    // A tick during a run still going is dropped (the run scores the same marts); after an outage, one run soon
    // after is enough.
    policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 hour' },
  };
}

/** Creates the `churn-scoring` schedule, or updates it to the current cron while keeping its state (a pause). */
export async function ensureChurnScoringSchedule(
  client: Client,
  cron: string,
  taskQueue: string = taskQueues.system,
): Promise<{ scheduleId: string; created: boolean }> {
  const schedule = churnScoringSchedule(cron, taskQueue);
  const created = await createOrUpdateSchedule(client, schedule).catch((err: unknown) => {
    const reason = err instanceof Error ? err.message : String(err);
    throw new Error(`schedule ${schedule.scheduleId} (cron "${cron}") was refused: ${reason}`);
  });
  return { scheduleId: schedule.scheduleId, created };
}
