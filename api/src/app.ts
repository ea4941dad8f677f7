import { randomUUID } from 'node:crypto';
import type { ClickHouseClient } from '@clickhouse/client';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { PrismaClient } from '@loyaltystudio/prisma';
import type { Client } from '@temporalio/client';
import Fastify, { type FastifyServerOptions } from 'fastify';
import type { AccessTokens } from './auth/access-token.ts';
import { analyticsRoutes } from './modules/analytics/analytics.routes.ts';
import { createAnalyticsService } from './modules/analytics/analytics.service.ts';
import { type AnalyticsSettings, DEFAULT_ANALYTICS_SETTINGS } from './modules/analytics/analytics.settings.ts';
import { apiKeyRoutes } from './modules/api-keys/api-keys.routes.ts';
import { auditRoutes } from './modules/audit/audit.routes.ts';
import { authRoutes } from './modules/auth/auth.routes.ts';
import { campaignResultsRoutes } from './modules/campaigns/campaigns.results.routes.ts';
import { createCampaignResultsService } from './modules/campaigns/campaigns.results.ts';
import { campaignRoutes } from './modules/campaigns/campaigns.routes.ts';
import { budgetShortNotifier, temporalCampaignWorkflows } from './modules/campaigns/campaigns.workflows.ts';
import { eventRoutes } from './modules/events/events.routes.ts';
import { exportRoutes } from './modules/exports/exports.routes.ts';
import { createExportsService } from './modules/exports/exports.service.ts';
import { DEFAULT_EXPORT_SETTINGS, type ExportSettings } from './modules/exports/exports.settings.ts';
import { guestPurchaseRoutes } from './modules/guest-purchases/guest-purchases.routes.ts';
import { importRoutes } from './modules/imports/imports.routes.ts';
import { createImportsService } from './modules/imports/imports.service.ts';
import { DEFAULT_IMPORT_SETTINGS, type ImportSettings } from './modules/imports/imports.settings.ts';
import { ledgerRoutes } from './modules/ledger/ledger.routes.ts';
import { memberRoutes } from './modules/members/members.routes.ts';
import { warehouseErasureStarter } from './modules/members/members.workflows.ts';
import { modelRoutes } from './modules/models/models.routes.ts';
import { createModelsService, type ModelsDeps } from './modules/models/models.service.ts';
import { temporalScoringWorkflows } from './modules/models/models.workflows.ts';
import { outboxRoutes } from './modules/outbox/outbox.routes.ts';
import { createOutboxStore } from './modules/outbox/outbox.store.ts';
import { programRoutes } from './modules/programs/programs.routes.ts';
import { redemptionRoutes } from './modules/redemptions/redemptions.routes.ts';
import { reportRoutes } from './modules/reports/reports.routes.ts';
import { createReportsService } from './modules/reports/reports.service.ts';
import { DEFAULT_REPORT_SETTINGS, type ReportSettings } from './modules/reports/reports.settings.ts';
import { temporalReportWorkflows } from './modules/reports/reports.workflows.ts';
import { rewardRoutes } from './modules/rewards/rewards.routes.ts';
import { ruleRoutes } from './modules/rules/rules.routes.ts';
import { segmentRoutes } from './modules/segments/segments.routes.ts';
import { createSegmentsService } from './modules/segments/segments.service.ts';
import { systemRoutes } from './modules/system/system.routes.ts';
import type { SystemService } from './modules/system/system.service.ts';
import { tenantRoutes } from './modules/tenants/tenants.routes.ts';
import { tierRoutes } from './modules/tiers/tiers.routes.ts';
import { userRoutes } from './modules/users/users.routes.ts';
import { webhookRoutes } from './modules/webhooks/webhooks.routes.ts';
import { DEFAULT_WEBHOOK_SETTINGS, type WebhookSettings } from './modules/webhooks/webhooks.settings.ts';
import attemptLimits, { type AttemptLimitSettings, DEFAULT_ATTEMPT_LIMITS } from './plugins/attempt-limits.ts';
import authenticate from './plugins/authenticate.ts';
import metrics from './plugins/metrics.ts';
import openapi from './plugins/openapi.ts';
import problemDetails, { answerClientError, sendProblem } from './plugins/problem-details.ts';
import requestValidation from './plugins/request-validation.ts';
import { createServices } from './services.ts';

export interface AppOptions {
  version: string;
  prisma: PrismaClient;
  /** The warehouse: analytics reads marts through it. */
  clickhouse: ClickHouseClient;
  system: SystemService;
  accessTokens: AccessTokens;
  /** Lifetime of a session's refresh tokens, in seconds (REFRESH_TOKEN_TTL); 30 days when unset. */
  refreshTokenTtlSeconds?: number;
  /** How long session and API key checks are cached, in ms; 5 s when unset. */
  authCacheMs?: number;
  bodyLimit?: number;
  logger?: FastifyServerOptions['logger'];
  /**
   * Which proxies are trusted to name the client in X-Forwarded-For (TRUST_PROXY, passed to Fastify's trustProxy):
   * the address that attempt limits and sessions see. Not trusted when unset.
   */
  trustProxy?: FastifyServerOptions['trustProxy'];
  /** Limits on sign-in, sign-up and refresh attempts; the documented defaults when left out. */
  attemptLimits?: Partial<AttemptLimitSettings>;
  /** An ioredis client to share the attempt limits' counters between api instances; each counts alone without. */
  attemptLimitsRedis?: unknown;
  /** Webhook settings; the documented defaults when left out. */
  webhooks?: Partial<WebhookSettings>;
  /** Analytics limits (query timeout, result rows, widest range); the documented defaults when left out. */
  analytics?: Partial<AnalyticsSettings>;
  /** Exports (files directory, link secret and lifetime, limits); the documented defaults when left out. */
  exports?: Partial<ExportSettings>;
  /** Scheduled reports (unsubscribe link secret, the local outbox); the documented defaults when left out. */
  reports?: Partial<ReportSettings>;
  /**
   * Imports (the database URL their COPY connection uses, limits); the documented defaults when left out. Files are
   * fetched by URL under the webhooks' address rules (their `allowLoopback` and `resolve` unless given here).
   */
  imports?: Partial<ImportSettings>;
  /** Where tenants' own models are (ML_MODELS_DIR) and the lifetime-value horizon the worker scores with. */
  models?: Partial<Pick<ModelsDeps, 'modelsDir' | 'shippedDir' | 'clvHorizonDays'>>;
  /** Temporal, where erasures start their way through the warehouse; without it they wait for the worker's pass. */
  temporal?: () => Promise<Client>;
}

/** The api as a Fastify instance that does not listen: server.ts listens, tests use inject(). */
export async function buildApp(opts: AppOptions) {
  const app = Fastify({
    logger: opts.logger ?? false,
    bodyLimit: opts.bodyLimit ?? 1_048_576,
    requestIdHeader: 'x-request-id',
    trustProxy: opts.trustProxy ?? false,
    genReqId: () => randomUUID(),
    // A malformed URL fails before any route or error handler is found: it is answered as problem+json here.
    frameworkErrors: sendProblem,
    // What Node's HTTP parser refuses (a request line and headers over its limit) is answered as problem+json too.
    clientErrorHandler: answerClientError,
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  // Campaigns run as Temporal workflows, started and signalled by the api.
  const campaignWorkflows = opts.temporal && temporalCampaignWorkflows(opts.temporal);
  const services = createServices({
    prisma: opts.prisma,
    webhooks: { ...DEFAULT_WEBHOOK_SETTINGS, ...opts.webhooks },
    accessTokens: opts.accessTokens,
    refreshTokenTtlSeconds: opts.refreshTokenTtlSeconds ?? 2_592_000,
    authCacheMs: opts.authCacheMs ?? 5_000,
    startWarehouseErasure:
      opts.temporal && warehouseErasureStarter(opts.temporal, app.log.child({ component: 'members' })),
    campaignWorkflows,
    onCampaignBudgetShort:
      campaignWorkflows && budgetShortNotifier(campaignWorkflows, app.log.child({ component: 'campaigns' })),
  });
  // Writes the API keys' usage counted since the last flush.
  app.addHook('onClose', () => services.apiKeys.close());

  await app.register(problemDetails);
  // Before any route: it sets how every route's schemas validate and refuses NUL characters.
  await app.register(requestValidation);
  await app.register(attemptLimits, {
    limits: { ...DEFAULT_ATTEMPT_LIMITS, ...opts.attemptLimits },
    redis: opts.attemptLimitsRedis,
  });
  await app.register(metrics);
  await app.register(openapi, { version: opts.version });
  await app.register(authenticate, {
    accessTokens: opts.accessTokens,
    verifyApiKey: services.apiKeys.verify,
    verifySession: services.sessions.verify,
  });
  await app.register(systemRoutes, { system: opts.system });
  await app.register(authRoutes, { auth: services.auth });
  await app.register(tenantRoutes, { tenants: services.tenants });
  await app.register(userRoutes, { users: services.users });
  await app.register(apiKeyRoutes, { apiKeys: services.apiKeys });
  await app.register(auditRoutes, { audit: services.audit });
  await app.register(programRoutes, { programs: services.programs });
  await app.register(ruleRoutes, { rules: services.rules });
  await app.register(webhookRoutes, { webhooks: services.webhooks });
  await app.register(tierRoutes, { tiers: services.tiers });
  await app.register(rewardRoutes, { rewards: services.rewards });
  await app.register(redemptionRoutes, { redemptions: services.redemptions });
  await app.register(memberRoutes, { members: services.members });
  await app.register(ledgerRoutes, { ledger: services.ledger });
  await app.register(eventRoutes, { events: services.events });
  await app.register(campaignRoutes, { campaigns: services.campaigns });
  await app.register(campaignResultsRoutes, {
    results: createCampaignResultsService({
      prisma: opts.prisma,
      clickhouse: opts.clickhouse,
      settings: { ...DEFAULT_ANALYTICS_SETTINGS, ...opts.analytics },
    }),
  });
  await app.register(analyticsRoutes, {
    analytics: createAnalyticsService({
      prisma: opts.prisma,
      clickhouse: opts.clickhouse,
      settings: { ...DEFAULT_ANALYTICS_SETTINGS, ...opts.analytics },
    }),
  });
  await app.register(modelRoutes, {
    models: createModelsService({
      clickhouse: opts.clickhouse,
      settings: { ...DEFAULT_ANALYTICS_SETTINGS, ...opts.analytics },
      clvHorizonDays: 365,
      ...opts.models,
      workflows: opts.temporal && temporalScoringWorkflows(opts.temporal),
    }),
  });
  await app.register(guestPurchaseRoutes, { guestPurchases: services.guestPurchases });
  const analyticsSettings = { ...DEFAULT_ANALYTICS_SETTINGS, ...opts.analytics };
  const exportSettings = { ...DEFAULT_EXPORT_SETTINGS, ...opts.exports };
  // Segments read the marts under the analytics limits; a whole read of members (a snapshot) under the exports'.
  const segments = createSegmentsService({
    prisma: opts.prisma,
    clickhouse: opts.clickhouse,
    settings: {
      timeoutSeconds: analyticsSettings.timeoutSeconds,
      maxResultRows: analyticsSettings.maxResultRows,
      streamTimeoutSeconds: exportSettings.timeoutSeconds,
    },
  });
  await app.register(segmentRoutes, { segments });
  const exports = createExportsService({
    prisma: opts.prisma,
    clickhouse: opts.clickhouse,
    settings: { ...DEFAULT_EXPORT_SETTINGS, ...opts.exports },
    log: app.log.child({ component: 'exports' }),
    segments,
  });
  // Exports still being written are recorded as interrupted before the app lets go of Postgres.
  app.addHook('onClose', () => exports.close());
  await app.register(exportRoutes, { exports });
  const webhookOptions = { ...DEFAULT_WEBHOOK_SETTINGS, ...opts.webhooks };
  const importSettings: ImportSettings = {
    ...DEFAULT_IMPORT_SETTINGS,
    allowLoopback: webhookOptions.allowLoopback,
    resolve: webhookOptions.resolve,
    ...opts.imports,
  };
  const imports = createImportsService({
    prisma: opts.prisma,
    settings: importSettings,
    log: app.log.child({ component: 'imports' }),
  });
  // Imports being written stop between chunks before the app lets go of Postgres; they resume when sent again.
  app.addHook('onClose', () => imports.close());
  await app.register(importRoutes, { imports, bodyLimit: importSettings.maxBytes });
  const reportSettings = { ...DEFAULT_REPORT_SETTINGS, ...opts.reports };
  await app.register(reportRoutes, {
    reports: createReportsService({
      prisma: opts.prisma,
      linkSecret: reportSettings.linkSecret,
      workflows: opts.temporal && temporalReportWorkflows(opts.temporal),
    }),
  });
  await app.register(outboxRoutes, {
    outbox: reportSettings.outboxDir ? createOutboxStore(reportSettings.outboxDir) : undefined,
  });
  return app;
}

export type App = Awaited<ReturnType<typeof buildApp>>;
