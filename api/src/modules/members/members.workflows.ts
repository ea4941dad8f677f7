import { type MemberErasureWorkflow, taskQueues, workflowIds, workflowTypes } from '@loyaltystudio/workflow-contracts';
import { type Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';

/**
 * Starts a member's erasure on its way through the warehouse (`member-erasure:<tenant>:<member>`), with ids only
 * as input. A start that finds the workflow running is fine; one that fails (Temporal away) is logged and left to
 * the worker's `member-erasures` pass, which starts every erasure that has not reached the warehouse.
 */
export function warehouseErasureStarter(
  temporal: () => Promise<Client>,
  log: { warn(obj: unknown, msg: string): void },
): (tenantId: string, memberId: string) => Promise<void> {
  return async (tenantId, memberId) => {
    try {
      const client = await temporal();
      await client.workflow.start<MemberErasureWorkflow>(workflowTypes.memberErasure, {
        taskQueue: taskQueues.system,
        workflowId: workflowIds.memberErasure(tenantId, memberId),
        args: [{ tenantId, memberId }],
      });
    } catch (err) {
      if (err instanceof WorkflowExecutionAlreadyStartedError) return;
      log.warn({ err, tenantId, memberId }, 'warehouse erasure not started; the member-erasures pass will start it');
    }
  };
}
