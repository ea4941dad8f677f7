import { proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { MemberErasureInput, MemberErasureResult } from '../contracts.ts';
import type { MemberErasureActivities } from './activities.ts';

// An erasure must reach the warehouse however long its engines are away: every step is retried without a limit
// (10 s, doubling to 10 minutes), except when the member is not erased, which no retry changes.
const retry = {
  initialInterval: '10 seconds',
  backoffCoefficient: 2,
  maximumInterval: '10 minutes',
  nonRetryableErrorTypes: ['MemberNotErased'],
};
// Postgres reads and writes of one row.
const quick = proxyActivities<MemberErasureActivities>({ startToCloseTimeout: '1 minute', retry });
// Waits poll and heartbeat; each attempt gives up after 10 minutes with its reason, and the next one goes on.
const waits = proxyActivities<MemberErasureActivities>({
  startToCloseTimeout: '15 minutes',
  heartbeatTimeout: '1 minute',
  retry,
});
// ClickHouse mutations rewrite the parts holding the rows; on a large tenant that takes a while.
const mutations = proxyActivities<MemberErasureActivities>({ startToCloseTimeout: '1 hour', retry });

/**
 * A member's erasure on its way through the warehouse, started by the erasure in the api (or by the
 * `member-erasures` housekeeping pass when that start failed). Its input and history hold ids only.
 */
export async function memberErasure(ref: MemberErasureInput): Promise<MemberErasureResult> {
  const { position } = await quick.checkErased(ref);
  const { caughtUpAt } = await waits.awaitChangeStream({ position });
  const rawVersionsDeleted = await mutations.eraseRawHistory(ref);
  await waits.awaitMartBuilds({ startedBefore: caughtUpAt });
  const marts = await mutations.eraseMartRows(ref);
  const exports = await waits.removeExportFiles({ ...ref, createdBefore: marts.erasedAt });
  const { warehouseErasedAt } = await quick.recordWarehouseErasure(ref);
  return {
    workflowId: workflowInfo().workflowId,
    ...ref,
    warehouseErasedAt,
    rawVersionsDeleted,
    martRowsErased: marts.rows,
    exportFilesRemoved: exports.removed,
  };
}
