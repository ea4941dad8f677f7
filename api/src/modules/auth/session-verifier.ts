import type { PrismaClient } from '@loyaltystudio/prisma';
import type { AccessClaims } from '../../auth/access-token.ts';
import type { Role } from '../../auth/permissions.ts';
import { TtlCache } from '../../auth/ttl-cache.ts';
import { withTenant } from '../../infra/tenant-tx.ts';
import { authRepository as repo } from './auth.repository.ts';

interface OpenSession {
  tenantId: string;
  userId: string;
  role: Role;
  expiresAt: number;
}

/**
 * Checks on every request that an access token's session is still open and its user enabled, so that sign-out,
 * revocation, refresh-token reuse and disabling a user end access promptly rather than when the token expires.
 * Answers are cached for `cacheMs`: revocations made by this instance apply at once (they call `forget`), those
 * made by another instance within `cacheMs`.
 */
export function createSessionVerifier(prisma: PrismaClient, cacheMs: number) {
  const cache = new TtlCache<OpenSession | null>(cacheMs);

  async function load(claims: AccessClaims): Promise<OpenSession | null> {
    const session = await withTenant(prisma, claims.tenantId, (tx) =>
      repo.findSession(tx, claims.tenantId, claims.sessionId),
    );
    if (!session || session.revokedAt || session.user.disabledAt) return null;
    return {
      tenantId: session.tenantId,
      userId: session.userId,
      role: session.user.role,
      expiresAt: session.expiresAt.getTime(),
    };
  }

  return {
    cacheMs,
    async verify(claims: AccessClaims): Promise<{ role: Role } | null> {
      const open = await cache.getOrLoad(claims.sessionId, () => load(claims));
      if (!open || open.expiresAt <= Date.now()) return null;
      if (open.tenantId !== claims.tenantId || open.userId !== claims.userId) return null;
      return { role: open.role };
    },
    /** Drops cached answers after this instance revoked sessions or changed their user. */
    forget(sessionIds: Iterable<string>): void {
      for (const id of sessionIds) cache.delete(id);
    },
  };
}

export type SessionVerifier = ReturnType<typeof createSessionVerifier>;
