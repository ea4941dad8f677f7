import {
  applyTierDowngrades,
  deleteEndedSessions,
  deleteExpiredIdempotencyKeys,
  expirePoints,
  expireRedemptionHolds,
  pendingWarehouseErasures,
} from '@loyaltystudio/api/housekeeping';
import type { PrismaClient } from '@loyaltystudio/prisma';
import { type createClickHouseClient, pruneHistory } from '@loyaltystudio/warehouse';
import { Context } from '@temporalio/activity';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import {
  type HousekeepingCounts,
  type HousekeepingJob,
  type MemberErasureWorkflow,
  taskQueues,
  workflowIds,
  workflowTypes,
} from '../contracts.ts';

const DAY_MS = 86_400_000;
/** An erasure younger than this is left to the start the api made itself. */
const ERASURE_GRACE_MS = 5 * 60_000;
/** Erasures one `member-erasures` pass starts at most; the next pass takes the rest. */
const ERASURES_PER_PASS = 500;

export interface HousekeepingDeps {
  /** The owner connection: each job finds its work across tenants, then acts inside each tenant's transaction. */
  prisma: PrismaClient;
  /** The warehouse and how long it keeps superseded versions of rows with personal data (`warehouse-history`). */
  warehouse?: { clickhouse: ReturnType<typeof createClickHouseClient>; historyRetentionDays: number };
  /** The task queue the `member-erasures` pass starts erasure workflows on. */
  taskQueue?: string;
  now?: () => Date;
}

/** A pass's counts with the `now` it ran with, which the workflow cannot read deterministically itself. */
export interface PassReport<J extends HousekeepingJob> {
  ranAt: string;
  counts: HousekeepingCounts[J];
}

/** One activity per job, each a single pass of the api's service function. */
export function createActivities({
  prisma,
  warehouse,
  taskQueue = taskQueues.system,
  now = () => new Date(),
}: HousekeepingDeps) {
  async function pass<J extends HousekeepingJob>(
    run: (now: Date) => Promise<HousekeepingCounts[J]>,
  ): Promise<PassReport<J>> {
    const at = now();
    return { ranAt: at.toISOString(), counts: await run(at) };
  }

  return {
    expireRedemptionHolds: () => pass<'redemption-holds'>((at) => expireRedemptionHolds(prisma, { now: at })),
    expirePoints: () => pass<'points-expiry'>((at) => expirePoints(prisma, { now: at })),
    applyTierDowngrades: () => pass<'tier-downgrades'>((at) => applyTierDowngrades(prisma, { now: at })),
    deleteEndedSessions: () => pass<'sessions'>((at) => deleteEndedSessions(prisma, { now: at })),
    deleteExpiredIdempotencyKeys: () =>
      pass<'idempotency-keys'>((at) => deleteExpiredIdempotencyKeys(prisma, { now: at })),

    /**
     * Deletes, tenant by tenant, the versions of rows with personal data that were superseded (or deleted) more than
     * the retention ago from the raw tables: an old email stays readable for that long after it changed, no longer.
     */
    pruneWarehouseHistory: () =>
      pass<'warehouse-history'>(async (at) => {
        if (!warehouse) throw new Error('the warehouse-history pass needs ClickHouse (CLICKHOUSE_URL)');
        const before = new Date(at.getTime() - warehouse.historyRetentionDays * DAY_MS);
        const tenants = await prisma.tenant.findMany({ select: { id: true }, orderBy: { id: 'asc' } });
        let versions = 0;
        for (const { id } of tenants) {
          const deleted = await pruneHistory(
            warehouse.clickhouse,
            { tenantId: id, before },
            { onPoll: () => Context.current().heartbeat(id) },
          );
          versions += Object.values(deleted).reduce((sum, n) => sum + n, 0);
          Context.current().heartbeat(id);
        }
        return { tenants: tenants.length, versions };
      }),

    /**
     * Starts the warehouse erasure of every member erased over five minutes ago whose erasure has not reached the
     * warehouse: the api's own start failed (Temporal away, the api stopped), or the workflow is still running, in
     * which case starting it again finds it.
     */
    resumeMemberErasures: () =>
      pass<'member-erasures'>(async (at) => {
        const { client } = Context.current();
        const pending = await pendingWarehouseErasures(prisma, {
          erasedBefore: new Date(at.getTime() - ERASURE_GRACE_MS),
          limit: ERASURES_PER_PASS,
        });
        let started = 0;
        for (const ref of pending) {
          try {
            await client.workflow.start<MemberErasureWorkflow>(workflowTypes.memberErasure, {
              taskQueue,
              workflowId: workflowIds.memberErasure(ref.tenantId, ref.memberId),
              args: [ref],
            });
            started += 1;
          } catch (err) {
            if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
          }
        }
        return { pending: pending.length, started };
      }),
  };
}

export type HousekeepingActivities = ReturnType<typeof createActivities>;
