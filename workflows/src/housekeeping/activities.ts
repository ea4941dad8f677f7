import {
  applyTierDowngrades,
  deleteEndedSessions,
  deleteExpiredIdempotencyKeys,
  expirePoints,
  expireRedemptionHolds,
} from '@loyaltystudio/api/housekeeping';
import type { PrismaClient } from '@loyaltystudio/prisma';
import type { HousekeepingCounts, HousekeepingJob } from '../contracts.ts';

export interface HousekeepingDeps {
  /** The owner connection: each job finds its work across tenants, then acts inside each tenant's transaction. */
  prisma: PrismaClient;
  now?: () => Date;
}

/** A pass's counts with the `now` it ran with, which the workflow cannot read deterministically itself. */
export interface PassReport<J extends HousekeepingJob> {
  ranAt: string;
  counts: HousekeepingCounts[J];
}

/** One activity per job, each a single pass of the api's service function. */
export function createActivities({ prisma, now = () => new Date() }: HousekeepingDeps) {
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
  };
}

export type HousekeepingActivities = ReturnType<typeof createActivities>;
