import { hostname } from 'node:os';
import type { WorkerReport } from '../contracts.ts';

export interface SystemCheckDeps {
  /** The queue this worker polls. */
  taskQueue: string;
  /** Version of the workflows package. */
  version: string;
  now?: () => Date;
}

export function createActivities({ taskQueue, version, now = () => new Date() }: SystemCheckDeps) {
  return {
    /** Identifies the process that runs activities, so a round trip shows which worker answered. */
    async reportWorker(): Promise<WorkerReport> {
      return { hostname: hostname(), pid: process.pid, taskQueue, version, reportedAt: now().toISOString() };
    },
  };
}

export type SystemCheckActivities = ReturnType<typeof createActivities>;
