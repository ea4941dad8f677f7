import {
  type CampaignSchedule,
  type CampaignSignal,
  type CampaignState,
  type CampaignWorkflow,
  campaignQueries,
  campaignSignals,
  taskQueues,
  workflowIds,
  workflowTypes,
} from '@loyaltystudio/workflow-contracts';
import {
  type Client,
  WorkflowExecutionAlreadyStartedError,
  WorkflowIdConflictPolicy,
  WorkflowNotFoundError,
} from '@temporalio/client';
import { ServiceUnavailableError } from '../../errors.ts';

/** What the campaigns service asks of Temporal: one workflow per campaign, started and signalled by business key. */
export interface CampaignWorkflows {
  /**
   * Starts the campaign's workflow with its schedule as recorded and its audience's size when the launch knows it (a
   * static segment version's member count); a running one is left as it is.
   */
  start(tenantId: string, campaignId: string, schedule: CampaignSchedule, audienceMembers?: number): Promise<void>;
  /**
   * Signals the campaign's workflow, with the signal's payload if it takes one; false when none is running for it (a
   * seeded campaign, or one that ended).
   */
  signal(tenantId: string, campaignId: string, signal: CampaignSignal, payload?: CampaignSchedule): Promise<boolean>;
  /** The workflow's state, or null when none is running. */
  state(tenantId: string, campaignId: string): Promise<CampaignState | null>;
}

function unavailable(err: unknown): never {
  const reason = err instanceof Error ? err.message.split('\n')[0] : String(err);
  throw new ServiceUnavailableError(`Temporal, which runs campaigns, did not answer: ${reason}. Nothing was changed.`);
}

const isNotFound = (err: unknown) =>
  err instanceof WorkflowNotFoundError || (err as { code?: number })?.code === 5; /* gRPC NOT_FOUND */

/** The workflows on Temporal, through the api's client (connected on first use). */
export function temporalCampaignWorkflows(
  temporal: () => Promise<Client>,
  taskQueue: string = taskQueues.system,
): CampaignWorkflows {
  const client = () => temporal().catch(unavailable);
  return {
    async start(tenantId, campaignId, schedule, audienceMembers) {
      const c = await client();
      try {
        await c.workflow.start<CampaignWorkflow>(workflowTypes.campaign, {
          taskQueue,
          workflowId: workflowIds.campaign(tenantId, campaignId),
          args: [{ tenantId, campaignId, schedule, ...(audienceMembers !== undefined && { audienceMembers }) }],
          // Launching twice finds the first run; a campaign that ended and is launched again is a new draft's run.
          workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
        });
      } catch (err) {
        if (err instanceof WorkflowExecutionAlreadyStartedError) return;
        unavailable(err);
      }
    },

    async signal(tenantId, campaignId, signal, payload) {
      const c = await client();
      try {
        const handle = c.workflow.getHandle(workflowIds.campaign(tenantId, campaignId));
        await (payload === undefined
          ? handle.signal(campaignSignals[signal])
          : handle.signal(campaignSignals[signal], payload));
        return true;
      } catch (err) {
        if (isNotFound(err)) return false;
        unavailable(err);
      }
    },

    async state(tenantId, campaignId) {
      const c = await client();
      try {
        return await c.workflow
          .getHandle(workflowIds.campaign(tenantId, campaignId))
          .query<CampaignState>(campaignQueries.state);
      } catch (err) {
        if (isNotFound(err)) return null;
        unavailable(err);
      }
    },
  };
}

/** Without Temporal: drafts can be created and edited, but nothing can be launched, paused, resumed or cancelled. */
export const temporalUnavailable: CampaignWorkflows = {
  start: async () => unavailable(new Error('no Temporal address is configured')),
  signal: async () => unavailable(new Error('no Temporal address is configured')),
  state: async () => null,
};

/**
 * Tells a campaign's workflow that an accrual found its budget short, without waiting and without failing the
 * accrual: the workflow checks the budget on its own every minute anyway.
 */
export function budgetShortNotifier(
  workflows: CampaignWorkflows,
  log: { warn: (obj: object, msg: string) => void },
): (tenantId: string, campaignId: string) => void {
  return (tenantId, campaignId) => {
    workflows.signal(tenantId, campaignId, 'budgetShort').catch((err: unknown) => {
      log.warn({ err, tenantId, campaignId }, 'could not tell a campaign its budget is short');
    });
  };
}
