import type { PrismaClient } from '@loyaltystudio/prisma';
import { createdOrderPage } from '../../infra/pagination.ts';
import type { Tx } from '../../infra/tenant-tx.ts';

export interface LockedRefreshToken {
  id: string;
  sessionId: string;
  expiresAt: Date;
  usedAt: Date | null;
}

export const authRepository = {
  /**
   * Sign-in knows the tenant only by its slug, so this lookup runs before any tenant transaction (as the table
   * owner, outside row-level security), filtered by slug and email.
   */
  findUserForSignIn: (prisma: PrismaClient, slug: string, email: string) =>
    prisma.user.findFirst({ where: { email, tenant: { slug } } }),

  /** A refresh token names no tenant until it is found: looked up by its hash before the tenant transaction. */
  findRefreshToken: (prisma: PrismaClient, tokenHash: string) =>
    prisma.refreshToken.findUnique({ where: { tokenHash }, select: { id: true, tenantId: true, usedAt: true } }),

  /** Locks the token row so that of concurrent refreshes exactly one rotates it. */
  async lockRefreshToken(tx: Tx, tenantId: string, id: string): Promise<LockedRefreshToken | undefined> {
    const rows = await tx.$queryRaw<LockedRefreshToken[]>`
      SELECT id, session_id AS "sessionId", expires_at AS "expiresAt", used_at AS "usedAt"
      FROM refresh_tokens WHERE id = ${id}::uuid AND tenant_id = ${tenantId}::uuid
      FOR UPDATE`;
    return rows[0];
  },

  markRefreshTokenUsed: (tx: Tx, id: string) =>
    tx.$executeRaw`UPDATE refresh_tokens SET used_at = clock_timestamp() WHERE id = ${id}::uuid`,

  createRefreshToken: (tx: Tx, data: { tenantId: string; sessionId: string; tokenHash: string; expiresAt: Date }) =>
    tx.refreshToken.create({ data }),

  createSession: (
    tx: Tx,
    data: { tenantId: string; userId: string; userAgent?: string; ip?: string; expiresAt: Date },
  ) => tx.session.create({ data }),

  findSession: (tx: Tx, tenantId: string, id: string) =>
    tx.session.findFirst({
      where: { tenantId, id },
      include: {
        user: { select: { id: true, tenantId: true, email: true, name: true, role: true, disabledAt: true } },
      },
    }),

  touchSession: (tx: Tx, tenantId: string, id: string, expiresAt: Date) =>
    tx.session.update({ where: { id, tenantId }, data: { lastUsedAt: new Date(), expiresAt } }),

  revokeSession: (tx: Tx, tenantId: string, id: string, reason: string) =>
    tx.session.updateMany({
      where: { tenantId, id, revokedAt: null },
      data: { revokedAt: new Date(), revokedReason: reason },
    }),

  /** Ends every open session of a user but `keep`, returning the ids that were open. */
  async revokeUserSessions(tx: Tx, tenantId: string, userId: string, reason: string, keep?: string) {
    const open = await tx.session.findMany({
      where: { tenantId, userId, revokedAt: null, ...(keep && { id: { not: keep } }) },
      select: { id: true },
    });
    const ids = open.map((s) => s.id);
    if (ids.length > 0) {
      await tx.session.updateMany({
        where: { tenantId, id: { in: ids } },
        data: { revokedAt: new Date(), revokedReason: reason },
      });
    }
    return ids;
  },

  listOpenSessions: (
    tx: Tx,
    tenantId: string,
    userId: string,
    limit: number,
    after?: { createdAt: string; id: string },
  ) =>
    tx.session.findMany(
      createdOrderPage(after, limit, { tenantId, userId, revokedAt: null, expiresAt: { gt: new Date() } }),
    ),

  markSignIn: (tx: Tx, tenantId: string, userId: string) =>
    tx.user.update({ where: { id: userId, tenantId }, data: { lastSignInAt: new Date() } }),

  findUser: (tx: Tx, tenantId: string, id: string) => tx.user.findFirst({ where: { tenantId, id } }),
};
