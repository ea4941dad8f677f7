/**
 * What the rest of Monet may know about its workflows: task queues, workflow types, workflow ids and the
 * shapes that cross the wire. The api imports this module and nothing else from this package.
 *
 * Starting a workflow from the api:
 *   client.workflow.start<SystemCheckWorkflow>(workflowTypes.systemCheck, {
 *     taskQueue: taskQueues.system,
 *     workflowId: workflowIds.systemCheck(requestId),
 *     args: [{ requestId }],
 *   });
 */

/** Task queues, each polled by the worker entry started with that queue's name. */
export const taskQueues = {
  /** Platform housekeeping: health round trips, and later dbt builds and reports. */
  system: 'monet-system',
} as const;

export type TaskQueue = (typeof taskQueues)[keyof typeof taskQueues];

/** Workflow types: the names `src/workflows.ts` exports, as the server knows them. */
export const workflowTypes = {
  systemCheck: 'systemCheck',
} as const;

/** Workflow ids are business keys, so starting the same piece of work twice finds the first execution. */
export const workflowIds = {
  systemCheck: (requestId: string): string => `system-check:${requestId}`,
};

export interface SystemCheckInput {
  /** The caller's id for this check; it becomes the workflow id. */
  requestId: string;
}

/** Who ran an activity, and when. */
export interface WorkerReport {
  hostname: string;
  pid: number;
  taskQueue: string;
  /** Version of the workflows package the worker runs. */
  version: string;
  /** ISO 8601, UTC. */
  reportedAt: string;
}

export interface SystemCheckResult {
  requestId: string;
  workflowId: string;
  runId: string;
  worker: WorkerReport;
}

export type SystemCheckWorkflow = (input: SystemCheckInput) => Promise<SystemCheckResult>;
