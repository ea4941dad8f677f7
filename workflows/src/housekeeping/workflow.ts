import { ApplicationFailure, proxyActivities, workflowInfo } from '@temporalio/workflow';
import {
  type HousekeepingInput,
  type HousekeepingJob,
  type HousekeepingResult,
  housekeepingJobs,
} from '../contracts.ts';
import type { HousekeepingActivities, PassReport } from './activities.ts';

// Every job commits batch by batch, so an attempt cut short by its timeout loses nothing and the next attempt
// (or the next scheduled pass) carries on from where it stopped.
const retry = { maximumAttempts: 3, initialInterval: '10 seconds' };
// Holds, sessions and keys: a few indexed deletes or small transactions per batch.
const short = proxyActivities<HousekeepingActivities>({ startToCloseTimeout: '5 minutes', retry });
// Points expiry and tier downgrades touch every due member's balance; a first run on a large tenant takes a while.
const long = proxyActivities<HousekeepingActivities>({ startToCloseTimeout: '30 minutes', retry });

const passes: { [J in HousekeepingJob]: () => Promise<PassReport<J>> } = {
  'redemption-holds': short.expireRedemptionHolds,
  'points-expiry': long.expirePoints,
  'tier-downgrades': long.applyTierDowngrades,
  sessions: short.deleteEndedSessions,
  'idempotency-keys': short.deleteExpiredIdempotencyKeys,
  // One mutation per tenant and raw table with something to delete; a first pass on a large warehouse is long.
  'warehouse-history': long.pruneWarehouseHistory,
  'member-erasures': short.resumeMemberErasures,
};

/** One pass of a housekeeping job; its schedule starts one at every tick. */
export async function housekeeping({ job }: HousekeepingInput): Promise<HousekeepingResult> {
  if (!housekeepingJobs.includes(job)) {
    throw ApplicationFailure.nonRetryable(`unknown housekeeping job "${job}": expected one of ${housekeepingJobs}`);
  }
  const report = await passes[job]();
  // TypeScript cannot tie `report` to `job` through the lookup; the table above does.
  return { job, workflowId: workflowInfo().workflowId, ...report } as HousekeepingResult;
}
