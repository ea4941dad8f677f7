import {
  type Client,
  type ScheduleDescription,
  type ScheduleOptions,
  type ScheduleOptionsStartWorkflowAction,
  ScheduleOverlapPolicy,
} from '@temporalio/client';
import {
  type DbtBuildResult,
  type DbtBuildWorkflow,
  scheduleIds,
  taskQueues,
  workflowIds,
  workflowTypes,
} from '../contracts.ts';
import { createOrUpdateSchedule } from '../schedules.ts';

/** The schedule of the marts: one build at each tick, never two at once. */
export function dbtBuildSchedule(
  cron: string,
  taskQueue: string = taskQueues.system,
): ScheduleOptions<ScheduleOptionsStartWorkflowAction<DbtBuildWorkflow>> {
  return {
    scheduleId: scheduleIds.dbtBuild,
    spec: { cronExpressions: [cron] },
    action: {
      type: 'startWorkflow',
      workflowType: workflowTypes.dbtBuild,
      taskQueue,
      // The server appends `-<scheduled time>`, giving `workflowIds.dbtBuild(time)`.
      workflowId: scheduleIds.dbtBuild,
      args: [],
    },
    policies: {
      // A build still running when the next tick comes skips that tick: two dbt runs on the same tables would
      // trip over each other, and the running one already picks up most of what arrived.
      overlap: ScheduleOverlapPolicy.SKIP,
      // After an outage, one build soon after is enough; the ticks missed before that are dropped.
      catchupWindow: '1 minute',
    },
  };
}

/**
 * Creates the `dbt-build` schedule, or updates an existing one to the current cron, action and policies while
 * keeping its state (a paused schedule stays paused). Safe to run from several workers at once.
 */
export async function ensureDbtBuildSchedule(
  client: Client,
  cron: string,
  taskQueue: string = taskQueues.system,
): Promise<{ scheduleId: string; created: boolean }> {
  const schedule = dbtBuildSchedule(cron, taskQueue);
  const created = await createOrUpdateSchedule(client, schedule).catch((err: unknown) => {
    const reason = err instanceof Error ? err.message : String(err);
    throw new Error(`schedule ${schedule.scheduleId} (cron "${cron}") was refused: ${reason}`);
  });
  return { scheduleId: schedule.scheduleId, created };
}

function workflowsOf({ info }: ScheduleDescription) {
  return [...info.runningActions, ...info.recentActions.map((a) => a.action)].map((a) => a.workflow);
}

/**
 * Builds the marts now through the `dbt-build` schedule, and resolves with the build's result. The schedule's own
 * action runs (a `dbt-build-<now>` workflow on the worker), so a build started this way never overlaps a scheduled
 * one: when a build is already running, this one starts right after it (Temporal's buffer-one policy).
 */
export async function triggerDbtBuild(client: Client, opts: { timeoutMs?: number } = {}): Promise<DbtBuildResult> {
  const deadline = Date.now() + (opts.timeoutMs ?? 10 * 60_000);
  const schedule = client.schedule.getHandle(scheduleIds.dbtBuild);
  const before = new Set(workflowsOf(await schedule.describe()).map((w) => w.workflowId));
  // The schedule names each build's workflow by the second of its action: a trigger in the same second as the last
  // build's would reuse that id, and Temporal would drop it. Such a trigger waits for the next second.
  while (before.has(workflowIds.dbtBuild(new Date())))
    await new Promise((r) => setTimeout(r, 1_000 - (Date.now() % 1_000)));
  await schedule.trigger(ScheduleOverlapPolicy.BUFFER_ONE);
  for (;;) {
    const started = workflowsOf(await schedule.describe()).find((w) => !before.has(w.workflowId));
    if (started) {
      const handle = client.workflow.getHandle<DbtBuildWorkflow>(started.workflowId, started.firstExecutionRunId);
      return await withDeadline(handle.result(), deadline, `dbt build ${started.workflowId}`);
    }
    if (Date.now() > deadline) throw new Error('the triggered dbt build did not start in time');
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function withDeadline<T>(promise: Promise<T>, deadline: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish in time`)), Math.max(0, deadline - Date.now()));
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
