/**
 * The api's periodic jobs, for the workflows worker that schedules them (`@loyaltystudio/api/housekeeping`). Each
 * takes the owner Prisma client and a `now`, works across tenants in bounded batches, and is safe to run
 * concurrently and repeatedly.
 */
export { deleteExpiredIdempotencyKeys } from './infra/idempotency.ts';
export { deleteEndedSessions, type SessionCleanup } from './modules/auth/session-cleanup.ts';
export { type ExpiryRun, expirePoints } from './modules/ledger/expire-points.ts';
export { expireRedemptionHolds } from './modules/redemptions/redemptions.service.ts';
export { applyTierDowngrades, type TierPassResult } from './modules/tiers/tiers.core.ts';
