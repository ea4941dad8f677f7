/**
 * The api's functions for the campaigns' workflow (`@loyaltystudio/api/campaigns`): each step of a campaign's
 * lifecycle in Postgres, safe to run again, and the audience of a campaign as the segments service reads it.
 */
import type { ClickHouseClient } from '@clickhouse/client';
import type { PrismaClient } from '@loyaltystudio/prisma';
import type { AudienceSource } from './modules/campaigns/campaigns.lifecycle.ts';
import { createSegmentsService } from './modules/segments/segments.service.ts';

export {
  type Activation,
  type AudienceSource,
  activateCampaign,
  type BudgetCheck,
  type CampaignKey,
  CampaignNotLaunchedError,
  type CampaignSchedule,
  campaignSchedule,
  checkBudget,
  finishCampaign,
  type SeatingProgress,
  type SeatingResult,
  type StopReason,
  seatAudience,
  startCampaign,
} from './modules/campaigns/campaigns.lifecycle.ts';

/**
 * A campaign's audience from its segment version, through the segments service: a static version's snapshot
 * from Postgres, a dynamic one's definition run on the marts, batch by batch (each under `timeoutSeconds`).
 */
export function segmentsAudience(deps: {
  prisma: PrismaClient;
  clickhouse: ClickHouseClient;
  timeoutSeconds: number;
}): AudienceSource {
  const segments = createSegmentsService({
    prisma: deps.prisma,
    clickhouse: deps.clickhouse,
    settings: {
      timeoutSeconds: deps.timeoutSeconds,
      maxResultRows: 100_000,
      streamTimeoutSeconds: deps.timeoutSeconds,
    },
  });
  return { membersOfVersion: (tenantId, segmentVersionId) => segments.membersOfVersion(tenantId, segmentVersionId) };
}
