import type { PrismaClient, Role, User } from '@loyaltystudio/prisma';
import type { AccessTokens } from '../../auth/access-token.ts';
import { type AuthContext, can } from '../../auth/context.ts';
import { verifyDecoy, verifyPassword } from '../../auth/passwords.ts';
import { randomSecret, sha256Hex } from '../../auth/secrets.ts';
import { NotFoundError, UnauthorizedError } from '../../errors.ts';
import { audit } from '../../infra/audit.ts';
import { decodeCursor, page } from '../../infra/pagination.ts';
import { type Tx, withTenant } from '../../infra/tenant-tx.ts';
import { authRepository as repo } from './auth.repository.ts';
import type { Session, SignIn, Tokens } from './auth.schemas.ts';
import type { SessionVerifier } from './session-verifier.ts';

/** Where a session was opened from, kept to help users recognise their sessions. */
export interface ClientInfo {
  userAgent?: string;
  ip?: string;
}

export interface AuthDeps {
  prisma: PrismaClient;
  accessTokens: AccessTokens;
  refreshTokenTtlSeconds: number;
  sessions: SessionVerifier;
}

/** The one answer to every failed sign-in, so that it tells nothing about which part was wrong. */
const SIGN_IN_FAILED = 'The tenant, email or password is not correct, or the account is disabled.';
const REFRESH_FAILED = 'The refresh token is not valid; sign in again.';

export function toSignedInUser(user: Pick<User, 'id' | 'tenantId' | 'email' | 'name' | 'role'>) {
  return { id: user.id, tenantId: user.tenantId, email: user.email, name: user.name, role: user.role };
}

function toSession(
  row: {
    id: string;
    userId: string;
    userAgent: string | null;
    ip: string | null;
    createdAt: Date;
    lastUsedAt: Date;
    expiresAt: Date;
  },
  currentSessionId: string | undefined,
): Session {
  return {
    id: row.id,
    userId: row.userId,
    userAgent: row.userAgent,
    ip: row.ip,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    current: row.id === currentSessionId,
  };
}

export function createAuthService(deps: AuthDeps) {
  const { prisma, accessTokens, refreshTokenTtlSeconds, sessions } = deps;

  async function tokensFor(
    tx: Tx,
    user: { id: string; tenantId: string; role: Role },
    sessionId: string,
  ): Promise<Tokens> {
    const refreshToken = randomSecret(32);
    const refreshTokenExpiresAt = new Date(Date.now() + refreshTokenTtlSeconds * 1000);
    await repo.createRefreshToken(tx, {
      tenantId: user.tenantId,
      sessionId,
      tokenHash: sha256Hex(refreshToken),
      expiresAt: refreshTokenExpiresAt,
    });
    const accessToken = await accessTokens.sign({
      userId: user.id,
      tenantId: user.tenantId,
      role: user.role,
      sessionId,
    });
    return {
      tokenType: 'Bearer',
      accessToken,
      accessTokenExpiresAt: new Date(Date.now() + accessTokens.ttlSeconds * 1000).toISOString(),
      refreshToken,
      refreshTokenExpiresAt: refreshTokenExpiresAt.toISOString(),
      sessionId,
    };
  }

  /** Opens a session (a family of refresh tokens) for a user, inside the caller's tenant transaction. */
  async function openSession(
    tx: Tx,
    user: { id: string; tenantId: string; role: Role },
    client: ClientInfo,
  ): Promise<Tokens> {
    const session = await repo.createSession(tx, {
      tenantId: user.tenantId,
      userId: user.id,
      userAgent: client.userAgent?.slice(0, 512),
      ip: client.ip,
      expiresAt: new Date(Date.now() + refreshTokenTtlSeconds * 1000),
    });
    return tokensFor(tx, user, session.id);
  }

  return {
    openSession,

    /** Attempts are limited per client address and per account before this runs (plugins/attempt-limits.ts). */
    async signIn(input: SignIn, client: ClientInfo) {
      const email = input.email.trim().toLowerCase();
      const user = await repo.findUserForSignIn(prisma, input.tenant, email);
      // Unknown users cost a password check too, and every failure reads the same.
      const valid = user ? await verifyPassword(user.passwordHash, input.password) : await verifyDecoy(input.password);
      if (!user || !valid || user.disabledAt) throw new UnauthorizedError(SIGN_IN_FAILED);
      const tokens = await withTenant(prisma, user.tenantId, async (tx) => {
        await repo.markSignIn(tx, user.tenantId, user.id);
        return openSession(tx, user, client);
      });
      return { user: toSignedInUser(user), tokens };
    },

    /**
     * Exchanges a refresh token for the next pair. A token is spent once: presenting a spent token again means it
     * leaked (or the client replayed it), so the whole session ends, including its newest token. Requests that
     * race with one token are told apart from a replay: the token was unspent when they arrived and spent by the
     * time they held its row lock. Exactly one rotates it; the others are refused without ending the session.
     */
    async refresh(refreshToken: string): Promise<Tokens> {
      const found = await repo.findRefreshToken(prisma, sha256Hex(refreshToken));
      if (!found) throw new UnauthorizedError(REFRESH_FAILED);
      const outcome = await withTenant(prisma, found.tenantId, async (tx) => {
        const token = await repo.lockRefreshToken(tx, found.tenantId, found.id);
        const session = token && (await repo.findSession(tx, found.tenantId, token.sessionId));
        if (!token || !session || session.revokedAt || session.user.disabledAt) return { refused: REFRESH_FAILED };
        if (token.usedAt) {
          if (found.usedAt === null) return { refused: 'This refresh token was just exchanged by another request.' };
          await repo.revokeSession(tx, found.tenantId, session.id, 'refresh_token_reuse');
          return {
            refused: 'This refresh token was already used; the session has been ended. Sign in again.',
            ended: session.id,
          };
        }
        if (token.expiresAt.getTime() <= Date.now())
          return { refused: 'The refresh token has expired; sign in again.' };
        await repo.markRefreshTokenUsed(tx, token.id);
        const tokens = await tokensFor(tx, session.user, session.id);
        await repo.touchSession(tx, found.tenantId, session.id, new Date(tokens.refreshTokenExpiresAt));
        return { tokens };
      });
      // The revocation above must commit, so the refusal is thrown only after the transaction.
      if (outcome.ended) sessions.forget([outcome.ended]);
      if (!outcome.tokens) throw new UnauthorizedError(outcome.refused);
      return outcome.tokens;
    },

    async signOut(auth: AuthContext & { actor: { type: 'user' } }): Promise<void> {
      await withTenant(prisma, auth.tenantId, (tx) =>
        repo.revokeSession(tx, auth.tenantId, auth.actor.sessionId, 'sign_out'),
      );
      sessions.forget([auth.actor.sessionId]);
    },

    /** The caller's open sessions, or another user's with `users:manage`. */
    async listSessions(
      auth: AuthContext & { actor: { type: 'user' } },
      query: { userId?: string; limit?: number; cursor?: string },
    ) {
      const userId = query.userId ?? auth.actor.id;
      const limit = query.limit ?? 50;
      const after = decodeCursor<{ createdAt: string; id: string }>(query.cursor, {
        createdAt: 'string',
        id: 'string',
      });
      const rows = await withTenant(prisma, auth.tenantId, async (tx) => {
        if (userId !== auth.actor.id) {
          // Another user's sessions are visible with users:manage only, and another tenant's user is not found.
          const user = can(auth, 'users:manage') ? await repo.findUser(tx, auth.tenantId, userId) : null;
          if (!user) throw new NotFoundError(`User ${userId}`);
        }
        return repo.listOpenSessions(tx, auth.tenantId, userId, limit + 1, after);
      });
      const result = page(rows, limit, (r) => ({ createdAt: r.createdAt.toISOString(), id: r.id }));
      return { items: result.items.map((r) => toSession(r, auth.actor.sessionId)), nextCursor: result.nextCursor };
    },

    /** Ends a session: one's own, or anyone's in the tenant with `users:manage`. */
    async revokeSession(auth: AuthContext & { actor: { type: 'user' } }, id: string): Promise<void> {
      await withTenant(prisma, auth.tenantId, async (tx) => {
        const session = await repo.findSession(tx, auth.tenantId, id);
        const visible = session && (session.userId === auth.actor.id || can(auth, 'users:manage'));
        if (!visible || session.revokedAt) throw new NotFoundError(`Session ${id}`);
        await repo.revokeSession(tx, auth.tenantId, id, 'revoked');
        await audit(tx, auth, {
          action: 'session.revoke',
          entityType: 'session',
          entityId: id,
          before: { userId: session.userId, revokedAt: null },
          after: { userId: session.userId, revokedReason: 'revoked' },
        });
      });
      sessions.forget([id]);
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
