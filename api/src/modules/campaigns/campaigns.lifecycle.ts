// What a campaign's workflow does to Postgres, one function per step, each safe to run again (a retried activity):
// read the schedule, seat the audience, start, check the budget, finish. The workflow's activities call these.
import type { Campaign as CampaignRow, PrismaClient } from '@loyaltystudio/prisma';
import { assignArm, type Variant } from '../../domain/campaigns/index.ts';
import { withTenant } from '../../infra/tenant-tx.ts';
import { campaignsRepository as repo } from './campaigns.repository.ts';
import type { CampaignStatus } from './campaigns.schemas.ts';

/** Where a campaign's audience comes from: a segment version's member ids, batch by batch (the segments service). */
export interface AudienceSource {
  membersOfVersion(tenantId: string, segmentVersionId: string): AsyncIterable<string[]>;
}

export interface CampaignKey {
  tenantId: string;
  campaignId: string;
}

export interface CampaignSchedule {
  status: CampaignStatus;
  /** ISO 8601. */
  startsAt: string;
  endsAt: string;
  budgetPoints: number | null;
}

/**
 * The campaign's status and window as Postgres holds them now; null when it does not exist. One read, filtered by
 * the tenant, outside a transaction: the worker's steps are on its owner connection, and this one writes nothing.
 */
export async function campaignSchedule(prisma: PrismaClient, key: CampaignKey): Promise<CampaignSchedule | null> {
  const row = await repo.find(prisma, key.tenantId, key.campaignId);
  if (!row) return null;
  return {
    status: row.status,
    startsAt: row.startsAt.toISOString(),
    endsAt: row.endsAt.toISOString(),
    budgetPoints: row.budgetPoints,
  };
}

export interface SeatingProgress {
  /** Batches of the audience read so far (including ones seated by an earlier attempt). */
  batches: number;
  /** Members seated by this call. */
  added: number;
}

export interface SeatingResult {
  /** Members of the audience read. */
  audience: number;
  /** Rows this call added; fewer than the audience when an earlier attempt had seated some. */
  added: number;
  /** Every seat of the campaign, by arm (and `holdout`). */
  byVariant: Record<string, number>;
}

/**
 * Seats the campaign's audience: every member of its segment version gets a campaign_members row with their arm
 * (or `holdout`) from the assignment hash, one batch per transaction. A member already seated keeps their row, so
 * a call that stopped half way, run again, seats every member exactly once and each with the same arm. `skip`
 * batches, reported done by an earlier attempt, are read but not written again.
 */
export async function seatAudience(
  prisma: PrismaClient,
  audience: AudienceSource,
  key: CampaignKey,
  options: {
    skipBatches?: number;
    onBatch?: (progress: SeatingProgress) => void;
    now?: () => Date;
    /** The campaign's row when the caller has just read it (its audience and arms are fixed once launched). */
    campaign?: CampaignRow;
  } = {},
): Promise<SeatingResult> {
  const { tenantId, campaignId } = key;
  // Reads filtered by the tenant on the worker's connection; each batch is written in a transaction as the tenant.
  const row = options.campaign ?? (await repo.find(prisma, tenantId, campaignId));
  if (!row) throw new Error(`campaign ${campaignId} of tenant ${tenantId} does not exist`);
  if (!row.audienceSegmentVersionId) throw new Error(`campaign ${campaignId} has no audience`);
  const split = { holdoutPercent: row.holdoutPercent, variants: row.variants as Variant[] };
  const addedAt = (options.now ?? (() => new Date()))();
  let batches = 0;
  let members = 0;
  let added = 0;
  for await (const batch of audience.membersOfVersion(tenantId, row.audienceSegmentVersionId)) {
    batches += 1;
    members += batch.length;
    if (batches > (options.skipBatches ?? 0)) {
      const variants = batch.map((memberId) => assignArm(campaignId, memberId, split));
      // One statement per batch: it writes only the tenant's rows, with the tenant's id.
      added += await repo.insertSeats(prisma, tenantId, campaignId, batch, variants, addedAt);
    }
    options.onBatch?.({ batches, added });
  }
  const byVariant = await repo.seatCounts(prisma, tenantId, campaignId);
  return { audience: members, added, byVariant };
}

/**
 * Scheduled → running, with its start time and its budget cut into slices, in one statement; the status it has
 * after (a campaign cancelled meanwhile stays cancelled). Running again is harmless. Like every step of the worker,
 * on its owner connection, every statement filtered by the tenant.
 */
export async function startCampaign(
  prisma: PrismaClient,
  key: CampaignKey,
  now: Date = new Date(),
): Promise<{ status: CampaignStatus }> {
  const { tenantId, campaignId } = key;
  const started = await repo.startRunning(prisma, tenantId, campaignId, now);
  if (started) return started;
  const row = await repo.find(prisma, tenantId, campaignId);
  if (!row) throw new Error(`campaign ${campaignId} of tenant ${tenantId} does not exist`);
  // Not scheduled: already running (a retried step: its slices were cut then), paused, or ended.
  return { status: row.status };
}

export interface Activation {
  /**
   * The status after: `running`, or what the campaign became meanwhile (`cancelled`, `paused`, `completed`), or
   * still `scheduled` when its start is later than the workflow was told (nothing seated then).
   */
  status: CampaignStatus;
  /** The schedule as Postgres holds it, which the workflow goes by from then on. */
  schedule: { startsAt: string; endsAt: string; budgetPoints: number | null };
  /** Every seat of the campaign, by arm (and `holdout`). */
  byVariant: Record<string, number>;
  /** Members of the audience read by this call (0 when it found the campaign already past its start). */
  audience: number;
  /** Rows this call added. */
  added: number;
}

/** Thrown when the campaign is still a draft: a launch whose transaction has not committed (or never will). */
export class CampaignNotLaunchedError extends Error {
  constructor(key: CampaignKey) {
    super(`campaign ${key.campaignId} of tenant ${key.tenantId} is still a draft`);
    this.name = 'CampaignNotLaunchedError';
  }
}

/**
 * A scheduled campaign's start: its audience seated (`seatAudience`), then the campaign marked running with its
 * budget in slices (`startCampaign`). Safe to run again: a campaign already running (an attempt that finished but
 * was not recorded) is answered as it is; one cancelled meanwhile is not seated; one whose start Postgres holds
 * later than now (a change of schedule the workflow missed) is not started yet.
 */
export async function activateCampaign(
  prisma: PrismaClient,
  audience: AudienceSource,
  key: CampaignKey,
  options: Parameters<typeof seatAudience>[3] = {},
): Promise<Activation> {
  // The launch starts this workflow before it commits, holding the campaign's row lock: taking the lock waits for
  // that commit, so the start reads the launched campaign at once rather than a draft to try again a second later
  // (the row is read after the lock is taken: as the launch committed it).
  const row = await withTenant(prisma, key.tenantId, (tx) => repo.lock(tx, key.tenantId, key.campaignId));
  if (!row) throw new Error(`campaign ${key.campaignId} of tenant ${key.tenantId} does not exist`);
  if (row.status === 'draft') throw new CampaignNotLaunchedError(key);
  const schedule = {
    startsAt: row.startsAt.toISOString(),
    endsAt: row.endsAt.toISOString(),
    budgetPoints: row.budgetPoints,
  };
  const now = (options.now ?? (() => new Date()))();
  if (row.status === 'scheduled' && row.startsAt > now) {
    return { status: row.status, schedule, byVariant: {}, audience: 0, added: 0 };
  }
  if (row.status !== 'scheduled') {
    const byVariant = await repo.seatCounts(prisma, key.tenantId, key.campaignId);
    return { status: row.status, schedule, byVariant, audience: 0, added: 0 };
  }
  const seated = await seatAudience(prisma, audience, key, { ...options, campaign: row });
  const { status } = await startCampaign(prisma, key, now);
  return { status, schedule, ...seated };
}

export interface BudgetCheck {
  budgetPoints: number | null;
  spentPoints: number;
  /** Nothing left to give: no slice could give even one point. */
  exhausted: boolean;
}

/** The budget as its slices hold it now, written to the campaign's points_spent. */
export async function checkBudget(prisma: PrismaClient, key: CampaignKey): Promise<BudgetCheck> {
  const { tenantId, campaignId } = key;
  return withTenant(prisma, tenantId, async (tx) => {
    const row = await repo.find(tx, tenantId, campaignId);
    if (!row) throw new Error(`campaign ${campaignId} of tenant ${tenantId} does not exist`);
    const state = await repo.budgetState(tx, tenantId, campaignId);
    if (state.slices > 0 && state.spent !== row.pointsSpent) {
      await tx.campaign.updateMany({ where: { tenantId, id: campaignId }, data: { pointsSpent: state.spent } });
    }
    const spentPoints = state.slices > 0 ? state.spent : row.pointsSpent;
    return {
      budgetPoints: row.budgetPoints,
      spentPoints,
      exhausted: row.budgetPoints !== null && state.slices > 0 && spentPoints >= (state.budget ?? 0),
    };
  });
}

export type StopReason = 'ended' | 'budget_exhausted' | 'cancelled';

/**
 * Ends the campaign: running or paused → completed (its window closed, or its budget is spent), or cancelled; a
 * campaign already cancelled (by the api) stays as it is. Records what it spent. Returns its final status.
 */
export async function finishCampaign(
  prisma: PrismaClient,
  key: CampaignKey & { reason: StopReason },
  now: Date = new Date(),
): Promise<{ status: CampaignStatus; stopReason: string | null; pointsSpent: number }> {
  const { tenantId, campaignId, reason } = key;
  return withTenant(prisma, tenantId, async (tx) => {
    const row = await repo.lock(tx, tenantId, campaignId);
    if (!row) throw new Error(`campaign ${campaignId} of tenant ${tenantId} does not exist`);
    const state = await repo.budgetState(tx, tenantId, campaignId);
    const pointsSpent = state.slices > 0 ? state.spent : row.pointsSpent;
    const open: CampaignStatus[] = ['draft', 'scheduled', 'running', 'paused'];
    if (!open.includes(row.status)) {
      if (pointsSpent !== row.pointsSpent) await repo.update(tx, tenantId, campaignId, { pointsSpent });
      return { status: row.status, stopReason: row.stopReason, pointsSpent };
    }
    const after = await repo.update(tx, tenantId, campaignId, {
      status: reason === 'cancelled' ? 'cancelled' : 'completed',
      stopReason: reason,
      completedAt: now,
      pointsSpent,
    });
    return { status: after.status, stopReason: after.stopReason, pointsSpent };
  });
}
