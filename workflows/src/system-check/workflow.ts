import { proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { SystemCheckInput, SystemCheckResult } from '../contracts.ts';
import type { SystemCheckActivities } from './activities.ts';

const { reportWorker } = proxyActivities<SystemCheckActivities>({
  // Reporting is instant; a worker that takes longer is stuck, and another attempt may land on a healthy one.
  startToCloseTimeout: '10 seconds',
  scheduleToCloseTimeout: '1 minute',
  retry: { maximumAttempts: 3 },
});

/** A round trip through Temporal: the workflow runs, one activity reports its worker, the caller reads both. */
export async function systemCheck({ requestId }: SystemCheckInput): Promise<SystemCheckResult> {
  const worker = await reportWorker();
  const { workflowId, runId } = workflowInfo();
  return { requestId, workflowId, runId, worker };
}
