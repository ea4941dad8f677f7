import { randomBytes } from 'node:crypto';
import type { ApiKey as ApiKeyRow, PrismaClient } from '@loyaltystudio/prisma';
import type { AuthContext } from '../../auth/context.ts';
import type { Permission } from '../../auth/permissions.ts';
import { RateLimiter } from '../../auth/rate-limiter.ts';
import { digestsEqual, randomSecret, sha256Hex } from '../../auth/secrets.ts';
import { TtlCache } from '../../auth/ttl-cache.ts';
import { InvalidRequestError, NotFoundError, TooManyRequestsError } from '../../errors.ts';
import { audit } from '../../infra/audit.ts';
import { createdOrderList } from '../../infra/pagination.ts';
import { withTenant } from '../../infra/tenant-tx.ts';
import { apiKeysRepository as repo } from './api-keys.repository.ts';
import type { ApiKey, CreateApiKey } from './api-keys.schemas.ts';
import { createUsageRecorder } from './usage-recorder.ts';

/** `mk_<12 hex: public prefix>_<43 base64url: 32 random bytes>`. */
const KEY_PATTERN = /^(mk_[0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;

type KeyForVerification = NonNullable<Awaited<ReturnType<typeof repo.findByPrefix>>>;

function statusOf(row: Pick<ApiKeyRow, 'revokedAt' | 'expiresAt'>, now = Date.now()): ApiKey['status'] {
  if (row.revokedAt) return 'revoked';
  if (row.expiresAt && row.expiresAt.getTime() <= now) return 'expired';
  return 'active';
}

export function toApiKey(row: ApiKeyRow): ApiKey {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    scopes: row.scopes,
    rateLimitPerMinute: row.rateLimitPerMinute,
    status: statusOf(row),
    expiresAt: row.expiresAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    usageCount: Number(row.usageCount),
    createdByUserId: row.createdByUserId,
    createdAt: row.createdAt.toISOString(),
  };
}

/** A key as the audit log keeps it: never the secret's hash. */
function toAuditedKey(row: ApiKeyRow) {
  const { secretHash: _hidden, ...rest } = row;
  return rest;
}

export interface ApiKeysOptions {
  /** How long a looked-up key is trusted before it is read again (revocations by other instances). */
  cacheMs: number;
  /** How often usage counts are written. */
  usageFlushMs: number;
}

export function createApiKeysService(prisma: PrismaClient, opts: ApiKeysOptions) {
  const keys = new TtlCache<KeyForVerification | null>(opts.cacheMs);
  const limiter = new RateLimiter();
  const usage = createUsageRecorder(prisma, opts.usageFlushMs);

  return {
    /** Issues a key; the response is the only place its secret ever appears. */
    async create(auth: AuthContext, input: CreateApiKey) {
      const expiresAt = input.expiresAt === undefined ? null : new Date(input.expiresAt);
      if (expiresAt && expiresAt.getTime() <= Date.now()) {
        throw new InvalidRequestError([{ path: 'body.expiresAt', message: 'must be in the future' }]);
      }
      const prefix = `mk_${randomBytes(6).toString('hex')}`;
      const secret = randomSecret(32);
      return withTenant(prisma, auth.tenantId, async (tx) => {
        const row = await repo.create(tx, {
          tenantId: auth.tenantId,
          name: input.name,
          prefix,
          secretHash: sha256Hex(secret),
          scopes: input.scopes,
          expiresAt,
          rateLimitPerMinute: input.rateLimitPerMinute ?? 600,
          createdByUserId: auth.actor.type === 'user' ? auth.actor.id : null,
        });
        await audit(tx, auth, {
          action: 'api_key.create',
          entityType: 'api_key',
          entityId: row.id,
          after: toAuditedKey(row),
        });
        return { ...toApiKey(row), key: `${prefix}_${secret}` };
      });
    },

    async get(auth: AuthContext, id: string): Promise<ApiKey> {
      await usage.flush();
      const row = await withTenant(prisma, auth.tenantId, (tx) => repo.find(tx, auth.tenantId, id));
      if (!row) throw new NotFoundError(`API key ${id}`);
      return toApiKey(row);
    },

    /** Every key of the tenant, with usage as of now: this instance's pending counts are written first. */
    async list(auth: AuthContext, query: { limit?: number; cursor?: string }) {
      await usage.flush();
      return createdOrderList(
        query,
        (take, after) => withTenant(prisma, auth.tenantId, (tx) => repo.list(tx, auth.tenantId, take, after)),
        toApiKey,
      );
    },

    /** Revokes a key at once on this instance, within the cache window on others. Revoking twice is harmless. */
    async revoke(auth: AuthContext, id: string): Promise<ApiKey> {
      const row = await withTenant(prisma, auth.tenantId, async (tx) => {
        const before = await repo.find(tx, auth.tenantId, id);
        if (!before) throw new NotFoundError(`API key ${id}`);
        if (before.revokedAt) return before;
        const after = await repo.revoke(tx, auth.tenantId, id);
        await audit(tx, auth, {
          action: 'api_key.revoke',
          entityType: 'api_key',
          entityId: id,
          before: toAuditedKey(before),
          after: toAuditedKey(after),
        });
        return after;
      });
      keys.delete(row.prefix);
      return toApiKey(row);
    },

    /**
     * The ApiKeyVerifier: the key's tenant and scopes, or null when it is malformed, unknown, revoked, expired or
     * its secret does not match (compared in constant time). Over the key's rate limit it throws 429.
     */
    async verify(presented: string): Promise<AuthContext | null> {
      const match = KEY_PATTERN.exec(presented);
      if (!match) return null;
      const [, prefix, secret] = match as unknown as [string, string, string];
      const key = await keys.getOrLoad(prefix, () => repo.findByPrefix(prisma, prefix));
      if (!key || statusOf(key) !== 'active' || !digestsEqual(sha256Hex(secret), key.secretHash)) return null;
      const taken = limiter.take(key.id, key.rateLimitPerMinute);
      if (!taken.allowed) {
        throw new TooManyRequestsError(
          `This API key is over its limit of ${key.rateLimitPerMinute} requests per minute.`,
          taken.retryAfterSeconds,
        );
      }
      usage.record(key.id);
      return { tenantId: key.tenantId, actor: { type: 'api_key', id: key.id, scopes: key.scopes as Permission[] } };
    },

    flushUsage: () => usage.flush(),
    close: () => usage.close(),
  };
}

export type ApiKeysService = ReturnType<typeof createApiKeysService>;
