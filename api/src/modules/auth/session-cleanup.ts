import type { PrismaClient } from '@loyaltystudio/prisma';
import { deleteInBatches } from '../../infra/batch-delete.ts';

/**
 * Revoked sessions stay this long after revocation, so an investigation (a refresh-token reuse, say) still finds
 * them; expired ones go at once, since nothing can use them.
 */
export const REVOKED_SESSION_RETENTION_DAYS = 30;

/** Rows deleted per statement, so one pass never holds many locks or one long transaction. */
const CLEANUP_BATCH = 1000;

export interface SessionCleanup {
  /** Sessions deleted (their refresh tokens go with them and are not counted again). */
  sessions: number;
  /** Expired refresh tokens of sessions that live on. */
  refreshTokens: number;
}

/**
 * Deletes sessions past their expiry or revoked more than the retention ago, then expired refresh tokens of the
 * remaining sessions, across tenants, in batches until none are left. A session's expiry follows its newest
 * refresh token, so an expired session holds no token that could still be exchanged; an expired token is refused
 * whether or not it is still stored. Safe to run concurrently: a row another pass deleted is simply not counted.
 */
export async function deleteEndedSessions(
  prisma: PrismaClient,
  opts: { now: Date; batchSize?: number },
): Promise<SessionCleanup> {
  const batch = opts.batchSize ?? CLEANUP_BATCH;
  const revokedBefore = new Date(opts.now.getTime() - REVOKED_SESSION_RETENTION_DAYS * 86_400_000);
  // The owner connection sees every tenant's rows (row-level security binds the app role only).
  const sessions = await deleteInBatches(
    batch,
    () => prisma.$executeRaw`
      DELETE FROM sessions WHERE id IN (
        SELECT id FROM sessions WHERE expires_at <= ${opts.now} OR revoked_at <= ${revokedBefore}
        LIMIT ${batch} FOR UPDATE SKIP LOCKED)`,
  );
  const refreshTokens = await deleteInBatches(
    batch,
    () => prisma.$executeRaw`
      DELETE FROM refresh_tokens WHERE id IN (
        SELECT id FROM refresh_tokens WHERE expires_at <= ${opts.now}
        LIMIT ${batch} FOR UPDATE SKIP LOCKED)`,
  );
  return { sessions, refreshTokens };
}
