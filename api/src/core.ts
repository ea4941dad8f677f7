/**
 * The api's building blocks for the packages above it (`@loyaltystudio/api/core`): the cli's seed and import, the
 * benchmarks and the workflows' tests write through the same services, rules and transactions as the routes, and
 * reach them here rather than by paths into this package. The app itself is `@loyaltystudio/api`.
 */
export { type AccessTokens, createAccessTokens } from './auth/access-token.ts';
export type { AuthContext } from './auth/context.ts';
export { hashPassword, verifyPassword } from './auth/passwords.ts';
export { assignArm } from './domain/campaigns/index.ts';
export {
  compileRules,
  type EvaluationInput,
  evaluate,
  type RuleBody,
  type RuleDefinition,
  type RuleEvent,
  type RuleMember,
} from './domain/rules/index.ts';
export { compileDefinition } from './domain/segments/compile-definition.ts';
export { AT_RISK_HIGH_SPENDERS } from './domain/segments/segment-definition.ts';
export { CsvRows, copyRows } from './infra/copy-rows.ts';
export { claimKey, requestHash } from './infra/idempotency.ts';
export { createTemporalProvider } from './infra/temporal.ts';
export { type Tx, tenantFirstStatement, withTenant, withTenantFirst } from './infra/tenant-tx.ts';
export { DEFAULT_ANALYTICS_SETTINGS } from './modules/analytics/analytics.settings.ts';
export type { CampaignContext, CampaignEffects } from './modules/events/campaign-effects.ts';
export { type AccrualContext, type AccrualWrites, eventsRepository } from './modules/events/events.repository.ts';
export { createEventsService, type EventsService } from './modules/events/events.service.ts';
export { MART_NAMES } from './modules/exports/exports.marts.ts';
export type { RecordGuestPurchase } from './modules/guest-purchases/guest-purchases.schemas.ts';
export { createImportsService, type ImportsService } from './modules/imports/imports.service.ts';
export { DEFAULT_IMPORT_SETTINGS } from './modules/imports/imports.settings.ts';
export { credit, lockBalance } from './modules/ledger/ledger.core.ts';
export {
  type ReplayActivity,
  type ReplayProgram,
  type ReplayResult,
  replayMember,
} from './modules/ledger/replay/member-replay.ts';
export { pushReplay, replayTables } from './modules/ledger/replay/replay-rows.ts';
export { createMembersService } from './modules/members/members.service.ts';
export type { CreateProgram } from './modules/programs/programs.schemas.ts';
export { generateRedemptionCode } from './modules/redemptions/redemptions.service.ts';
export { DEFAULT_REPORT_SETTINGS } from './modules/reports/reports.settings.ts';
export type { CreateReward } from './modules/rewards/rewards.schemas.ts';
export { readPreview } from './modules/segments/segments.preview.ts';
export { createSystemService } from './modules/system/system.service.ts';
export type { CreateTier } from './modules/tiers/tiers.schemas.ts';
export { webhookSettings, webhookVars } from './modules/webhooks/webhooks.settings.ts';
export { TAGS } from './plugins/openapi.ts';
export { createServices, type Services } from './services.ts';
