import {
  type AudienceSource,
  type CampaignKey,
  campaignSchedule,
  checkBudget,
  finishCampaign,
  type StopReason,
  seatAudience,
  startCampaign,
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
/** A launch whose transaction has not committed yet (or never will): the schedule is read again shortly. */
export const CAMPAIGN_NOT_LAUNCHED = 'CampaignNotLaunched';

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
     * Seats the audience batch by batch, heartbeating the batches done: a retry (this worker lost) skips the
     * batches the last heartbeat reported and re-inserts nothing twice anyway (one row per member).
     */
    async seatAudience(key: CampaignKey) {
      const ctx = Context.current();
      const done = (ctx.info.heartbeatDetails as { batches?: number } | undefined)?.batches ?? 0;
      return seatAudience(prisma, audience, key, {
        skipBatches: done,
        onBatch: ({ batches }) => ctx.heartbeat({ batches }),
        now,
      });
    },

    async startCampaign(key: CampaignKey) {
      return startCampaign(prisma, key, now());
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
