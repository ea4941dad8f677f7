import { errors, jwtVerify, SignJWT } from 'jose';
import { LRUCache } from 'lru-cache';
import type { Role } from './permissions.ts';
import { ROLES } from './permissions.ts';

/** Short-lived access tokens: HS256 JWTs naming the user, tenant, role and session. */
export interface AccessClaims {
  userId: string;
  tenantId: string;
  role: Role;
  sessionId: string;
}

const ISSUER = 'monet';
const AUDIENCE = 'monet-api';

export class InvalidTokenError extends Error {
  constructor(readonly reason: 'expired' | 'invalid') {
    super(reason === 'expired' ? 'The access token has expired' : 'The access token is not valid');
    this.name = 'InvalidTokenError';
  }
}

/** Verified tokens kept at most; the least recently used goes first. */
const MAX_VERIFIED = 10_000;

export function createAccessTokens(secret: string, ttlSeconds: number) {
  const key = new TextEncoder().encode(secret);
  // A token's claims never change, so its signature is checked once and the claims kept until it expires: the
  // HMAC check would otherwise be the costliest part of authenticating a request.
  const verified = new LRUCache<string, { claims: AccessClaims; expiresAtMs: number }>({ max: MAX_VERIFIED });
  return {
    ttlSeconds,
    async sign(claims: AccessClaims): Promise<string> {
      return new SignJWT({ tid: claims.tenantId, role: claims.role, sid: claims.sessionId })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(claims.userId)
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE)
        .setIssuedAt()
        .setExpirationTime(`${ttlSeconds}s`)
        .sign(key);
    },
    async verify(token: string): Promise<AccessClaims> {
      const known = verified.get(token);
      if (known && Date.now() < known.expiresAtMs) return known.claims;
      verified.delete(token);
      try {
        const { payload } = await jwtVerify(token, key, { issuer: ISSUER, audience: AUDIENCE, algorithms: ['HS256'] });
        const role = payload.role as Role;
        if (
          !payload.sub ||
          typeof payload.tid !== 'string' ||
          typeof payload.sid !== 'string' ||
          !ROLES.includes(role)
        ) {
          throw new InvalidTokenError('invalid');
        }
        const claims = { userId: payload.sub, tenantId: payload.tid, role, sessionId: payload.sid };
        if (payload.exp !== undefined) {
          verified.set(token, { claims, expiresAtMs: payload.exp * 1000 });
        }
        return claims;
      } catch (err) {
        if (err instanceof InvalidTokenError) throw err;
        throw new InvalidTokenError(err instanceof errors.JWTExpired ? 'expired' : 'invalid');
      }
    },
  };
}

export type AccessTokens = ReturnType<typeof createAccessTokens>;
