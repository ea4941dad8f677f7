import type { PrismaClient } from '@loyaltystudio/prisma';
import type { AccessTokens } from './auth/access-token.ts';
import { createApiKeysService } from './modules/api-keys/api-keys.service.ts';
import { createAuditService } from './modules/audit/audit.service.ts';
import { createAuthService } from './modules/auth/auth.service.ts';
import { createSessionVerifier } from './modules/auth/session-verifier.ts';
import { createCampaignEffects } from './modules/campaigns/campaigns.effects.ts';
import { createCampaignsService } from './modules/campaigns/campaigns.service.ts';
import { type CampaignWorkflows, temporalUnavailable } from './modules/campaigns/campaigns.workflows.ts';
import { createEventsService } from './modules/events/events.service.ts';
import { createGuestPurchasesService } from './modules/guest-purchases/guest-purchases.service.ts';
import { createLedgerService } from './modules/ledger/ledger.service.ts';
import { createMembersService } from './modules/members/members.service.ts';
import { createProgramsService } from './modules/programs/programs.service.ts';
import { createRedemptionsService } from './modules/redemptions/redemptions.service.ts';
import { createRewardsService } from './modules/rewards/rewards.service.ts';
import { createRulesService } from './modules/rules/rules.service.ts';
import { createTenantsService } from './modules/tenants/tenants.service.ts';
import { createTiersService } from './modules/tiers/tiers.service.ts';
import { createUsersService } from './modules/users/users.service.ts';
import { createWebhooksService } from './modules/webhooks/webhooks.service.ts';
import type { WebhookSettings } from './modules/webhooks/webhooks.settings.ts';

export interface ServiceDeps {
  prisma: PrismaClient;
  webhooks: WebhookSettings;
  accessTokens: AccessTokens;
  /** Lifetime of a session's refresh tokens, in seconds (REFRESH_TOKEN_TTL). */
  refreshTokenTtlSeconds: number;
  /** How long session and API key checks are cached: how late another instance's revocation may apply. */
  authCacheMs: number;
  /** Starts an erasure's way through the warehouse (see members.workflows.ts); unset: the worker's pass does it. */
  startWarehouseErasure?: (tenantId: string, memberId: string) => Promise<void>;
  /** The campaigns' workflows on Temporal; unset: launching or changing a launched campaign answers 503. */
  campaignWorkflows?: CampaignWorkflows;
  /** Told when an accrual found a campaign's budget short (its workflow then checks it). */
  onCampaignBudgetShort?: (tenantId: string, campaignId: string) => void;
}

/** Every service of the api, built once from its dependencies; routes and workflows call these. */
export function createServices(deps: ServiceDeps) {
  const sessions = createSessionVerifier(deps.prisma, deps.authCacheMs);
  const auth = createAuthService({ ...deps, sessions });
  const campaignWorkflows = deps.campaignWorkflows ?? temporalUnavailable;
  return {
    sessions,
    auth,
    tenants: createTenantsService(deps.prisma, auth),
    users: createUsersService(deps.prisma, sessions),
    apiKeys: createApiKeysService(deps.prisma, { cacheMs: deps.authCacheMs, usageFlushMs: 1_000 }),
    audit: createAuditService(deps.prisma),
    members: createMembersService(deps.prisma, { startWarehouseErasure: deps.startWarehouseErasure }),
    programs: createProgramsService(deps.prisma),
    rules: createRulesService(deps.prisma),
    webhooks: createWebhooksService(deps.prisma, deps.webhooks),
    tiers: createTiersService(deps.prisma),
    rewards: createRewardsService(deps.prisma),
    redemptions: createRedemptionsService(deps.prisma),
    ledger: createLedgerService(deps.prisma),
    events: createEventsService({
      prisma: deps.prisma,
      campaigns: createCampaignEffects({ onBudgetShort: deps.onCampaignBudgetShort }),
    }),
    campaigns: createCampaignsService({ prisma: deps.prisma, workflows: campaignWorkflows }),
    guestPurchases: createGuestPurchasesService(deps.prisma),
  };
}

export type Services = ReturnType<typeof createServices>;
