import { type ChurnScoringWorkflow, taskQueues, workflowIds, workflowTypes } from '@loyaltystudio/workflow-contracts';
import { type Client, WorkflowExecutionAlreadyStartedError, WorkflowIdReusePolicy } from '@temporalio/client';
import { ServiceUnavailableError } from '../../errors.ts';

/** What the models service asks of Temporal: a scoring run of one tenant, now. */
export interface ScoringWorkflows {
  /** Starts a run of the tenant under the request's key; the same key finds the first run. */
  scoreNow(tenantId: string, key: string): Promise<{ workflowId: string; started: boolean }>;
}

function unavailable(err: unknown): never {
  const reason = err instanceof Error ? err.message.split('\n')[0] : String(err);
  throw new ServiceUnavailableError(`Temporal, which runs scoring, did not answer: ${reason}. Nothing was started.`);
}

/** Scoring runs on Temporal, through the api's client (connected on first use). */
export function temporalScoringWorkflows(
  temporal: () => Promise<Client>,
  taskQueue: string = taskQueues.system,
): ScoringWorkflows {
  return {
    async scoreNow(tenantId, key) {
      const client = await temporal().catch(unavailable);
      const workflowId = workflowIds.churnScoringRequest(`${tenantId}:${key}`);
      try {
        await client.workflow.start<ChurnScoringWorkflow>(workflowTypes.churnScoring, {
          taskQueue,
          workflowId,
          args: [{ tenantIds: [tenantId] }],
          // A key names one run for good: once it finished, the same key still answers that run.
          workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
        });
        return { workflowId, started: true };
      } catch (err) {
        if (err instanceof WorkflowExecutionAlreadyStartedError) return { workflowId, started: false };
        unavailable(err);
      }
    },
  };
}

export const scoringTemporalUnavailable: ScoringWorkflows = {
  scoreNow: async () => unavailable(new Error('no Temporal address is configured')),
};
