import { proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { DbtBuildResult } from '../contracts.ts';
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

/** One `dbt build` of the marts; the `dbt-build` schedule starts one at every tick, never two at once. */
export async function dbtBuild(): Promise<DbtBuildResult> {
  const report = await buildMarts();
  return { workflowId: workflowInfo().workflowId, ...report };
}
