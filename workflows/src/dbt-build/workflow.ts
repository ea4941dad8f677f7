import {
  ParentClosePolicy,
  patched,
  proxyActivities,
  startChild,
  WorkflowIdReusePolicy,
  workflowInfo,
} from '@temporalio/workflow';
import { type DbtBuildResult, type ReportSendWorkflow, workflowIds, workflowTypes } from '../contracts.ts';
import type { ReportActivities } from '../reports/activities.ts';
import type { DbtBuildActivities } from './activities.ts';

const { buildMarts } = proxyActivities<DbtBuildActivities>({
  // A full build of a large warehouse takes minutes; an hour means something is stuck. dbt heartbeats every 10 s
  // through the activity, so a worker lost mid-build is noticed within a minute and another attempt starts.
  startToCloseTimeout: '1 hour',
  heartbeatTimeout: '1 minute',
  // A run that could not reach ClickHouse is tried again; one in which a model or test failed is not (the activity
  // marks it non-retryable): the next scheduled build tries again after the data or the project changed.
  retry: { maximumAttempts: 3, initialInterval: '30 seconds' },
});

const { reportsAfterMarts } = proxyActivities<ReportActivities>({
  startToCloseTimeout: '1 minute',
  retry: { maximumAttempts: 5, initialInterval: '5 seconds' },
});

/**
 * One `dbt build` of the marts; the `dbt-build` schedule starts one at every tick, never two at once. After a build
 * that succeeded, it starts the send of every report whose trigger is the marts' rebuild, each a workflow of its
 * own (`…:marts:<this build's id>`) that outlives this one.
 */
export async function dbtBuild(): Promise<DbtBuildResult> {
  const report = await buildMarts();
  const { workflowId } = workflowInfo();
  if (patched('reports-after-marts')) {
    for (const { tenantId, reportId } of await reportsAfterMarts()) {
      await startChild<ReportSendWorkflow>(workflowTypes.reportSend, {
        workflowId: workflowIds.reportSend(tenantId, reportId, 'marts_rebuilt', workflowId),
        args: [{ tenantId, reportId, trigger: 'marts_rebuilt' }],
        parentClosePolicy: ParentClosePolicy.ABANDON,
        workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
      });
    }
  }
  return { workflowId, ...report };
}
