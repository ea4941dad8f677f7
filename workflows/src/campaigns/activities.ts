import {
  type AudienceSource,
  activateCampaign,
  type CampaignKey,
  CampaignNotLaunchedError,
  campaignSchedule,
  checkBudget,
  finishCampaign,
  type StopReason,
} from '@loyaltystudio/api/campaigns';
import type { PrismaClient } from '@loyaltystudio/prisma';
import { ApplicationFailure, Context } from '@temporalio/activity';

export interface CampaignDeps {
  /** The owner connection; each step works inside the campaign's tenant transaction. */
  prisma: PrismaClient;
  /** Where audiences come from: the segments service (static snapshots in Postgres, dynamic ones on the marts). */
  audience: AudienceSource;
  now?: () => Date;
}

/** A campaign that is not in Postgres: nothing to run, and running again will not make it appear. */
export const CAMPAIGN_NOT_FOUND = 'CampaignNotFound';
/** A launch whose transaction has not committed yet (or never will): the step is tried again shortly. */
export const CAMPAIGN_NOT_LAUNCHED = 'CampaignNotLaunched';
/** Attempts of the start while the campaign still looks like a draft, before giving up. */
export const LAUNCH_ATTEMPTS = 8;

/** One activity per step of a campaign's lifecycle, each a function of the api's campaigns module. */
export function createActivities({ prisma, audience, now = () => new Date() }: CampaignDeps) {
  return {
    /** The campaign's status, window and budget. A draft means the api's launch has not committed yet. */
    async campaignSchedule(key: CampaignKey) {
      const schedule = await campaignSchedule(prisma, key);
      if (!schedule) {
        throw ApplicationFailure.nonRetryable(`campaign ${key.campaignId} does not exist`, CAMPAIGN_NOT_FOUND);
      }
      if (schedule.status === 'draft') {
        throw ApplicationFailure.retryable(`campaign ${key.campaignId} is still a draft`, CAMPAIGN_NOT_LAUNCHED);
      }
      return schedule;
    },

    /**
     * The campaign's start: seats the audience batch by batch, heartbeating the batches done, then marks it running.
     * Run as a local activity for a small audience (no heartbeats, nothing to skip). A retry (this worker lost) skips the batches the last heartbeat reported and re-inserts nothing twice anyway
     * (one row per member). A draft (the launch not committed yet) fails this attempt, to be tried again.
     */
    async activateCampaign(key: CampaignKey) {
      const ctx = Context.current();
      const done = (ctx.info.heartbeatDetails as { batches?: number } | undefined)?.batches ?? 0;
      try {
        return await activateCampaign(prisma, audience, key, {
          skipBatches: done,
          // A local activity (a small audience, see the workflow) has no heartbeats: its retry seats again what is
          // missing.
          ...(!ctx.info.isLocal && { onBatch: ({ batches }: { batches: number }) => ctx.heartbeat({ batches }) }),
          now,
        });
      } catch (err) {
        if (err instanceof CampaignNotLaunchedError) {
          // Tried for a while (the launch's transaction may still be committing), then given up for good.
          const final = ctx.info.attempt >= LAUNCH_ATTEMPTS;
          throw ApplicationFailure.create({ message: err.message, type: CAMPAIGN_NOT_LAUNCHED, nonRetryable: final });
        }
        throw err;
      }
    },

    async checkBudget(key: CampaignKey) {
      return checkBudget(prisma, key);
    },

    async finishCampaign(input: CampaignKey & { reason: StopReason }) {
      return finishCampaign(prisma, input, now());
    },
  };
}

export type CampaignActivities = ReturnType<typeof createActivities>;
