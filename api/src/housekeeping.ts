/**
 * The api's functions for the workflows worker (`@loyaltystudio/api/housekeeping`): its periodic jobs, each taking
 * the owner Prisma client and a `now`, working across tenants in bounded batches, safe to run concurrently and
 * repeatedly; and the steps of a member's warehouse erasure.
 */
export { deleteExpiredIdempotencyKeys } from './infra/idempotency.ts';
export { deleteEndedSessions, type SessionCleanup } from './modules/auth/session-cleanup.ts';
export { REMOVED_FOR_ERASURE, removeExportFilesOfMember } from './modules/exports/exports.erasure.ts';
export { type ExpiryRun, expirePoints } from './modules/ledger/expire-points.ts';
export {
  type ErasureState,
  erasureState,
  pendingWarehouseErasures,
  recordWarehouseErasure,
} from './modules/members/members.erasure.ts';
export { expireRedemptionHolds } from './modules/redemptions/redemptions.service.ts';
export { applyTierDowngrades, type TierPassResult } from './modules/tiers/tiers.core.ts';
