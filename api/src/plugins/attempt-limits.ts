import { createHash } from 'node:crypto';
import rateLimit, { normalizeIP } from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { TooManyRequestsError } from '../errors.ts';

/** At most `max` requests per fixed window of `windowMs`. */
export interface AttemptLimit {
  max: number;
  windowMs: number;
}

/**
 * Limits on the public routes that cost a password hash or a token lookup before anyone is known: sign-in (per
 * client address and per account), sign-up and refresh (per client address).
 */
export interface AttemptLimitSettings {
  signInPerAddress: AttemptLimit;
  signInPerAccount: AttemptLimit;
  signUpPerAddress: AttemptLimit;
  refreshPerAddress: AttemptLimit;
  /**
   * Counters the per-account limit spreads accounts over (see accountKey). The counters' map holds exactly this
   * many, so it never evicts one.
   */
  accountCounters: number;
}

export const DEFAULT_ATTEMPT_LIMITS: AttemptLimitSettings = {
  signInPerAddress: { max: 30, windowMs: 60_000 },
  signInPerAccount: { max: 10, windowMs: 60_000 },
  signUpPerAddress: { max: 10, windowMs: 3_600_000 },
  refreshPerAddress: { max: 60, windowMs: 60_000 },
  accountCounters: 65_536,
};

export interface AttemptLimitsOptions {
  limits: AttemptLimitSettings;
  /**
   * An ioredis client, to share the counters between api instances (@fastify/rate-limit's Redis store). Without
   * one, each instance counts on its own.
   */
  redis?: unknown;
}

type Hook = (request: FastifyRequest, reply: FastifyReply) => Promise<void>;

declare module 'fastify' {
  interface FastifyInstance {
    /** Hooks that answer 429 `rate-limited` with Retry-After once a route's attempts run out. */
    attemptLimits: {
      /** onRequest: sign-in attempts per client address, whatever account they name. */
      signInPerAddress: Hook;
      /** preHandler (needs the body): sign-in attempts per account, from whichever addresses. */
      signInPerAccount: Hook;
      /** onRequest: sign-ups per client address. */
      signUpPerAddress: Hook;
      /** onRequest: refreshes per client address. */
      refreshPerAddress: Hook;
    };
  }
}

/**
 * The counter of an account (tenant slug and email, as sign-in compares them): a hash of the two, reduced to one of
 * `counters` values. Callers choose emails freely, so a map keyed by the emails themselves would have to drop
 * counters once full, and cycling through new emails would drop, and so reset, a victim's counter. Here the keys
 * are a fixed set no larger than the map, so no counter is ever dropped: a new email only adds to the counter it
 * shares with other accounts. Guessing one account's password is held to the limit whatever emails are tried
 * around it; the cost is that an account shares its allowance with the few others that land on its counter.
 */
export function accountKey(tenant: string, email: string, counters: number): string {
  const digest = createHash('sha256').update(`${tenant}\n${email.trim().toLowerCase()}`).digest();
  return String(digest.readUInt32BE(0) % counters);
}

/**
 * The client address as a counter key: IPv4 as is, IPv6 by its /64 (one subscriber usually holds a whole /64).
 * `request.ip` is the socket's peer, or the address in X-Forwarded-For when TRUST_PROXY trusts the peer.
 */
const addressKey = (request: FastifyRequest) => normalizeIP(request.ip, 64);

/**
 * Attempt limits over @fastify/rate-limit's counters (fixed windows, in this process or in Redis). Each limit is a
 * hook a route adds; over the limit the request ends in TooManyRequestsError, which problem-details turns into
 * 429 problem+json `rate-limited` with `retryAfterSeconds`, and the hook sets Retry-After.
 */
export default fp(
  async function attemptLimits(app: FastifyInstance, opts: AttemptLimitsOptions) {
    await app.register(rateLimit, { global: false, ...(opts.redis ? { redis: opts.redis } : {}) });
    const { limits } = opts;

    function hook(
      name: string,
      limit: AttemptLimit,
      key: (request: FastifyRequest) => string,
      detail: string,
      // Counters this limit may hold at once in this process; the least recently used is dropped beyond that.
      cache: number,
    ): Hook {
      const check = app.createRateLimit({
        max: limit.max,
        timeWindow: limit.windowMs,
        // Each limit's keys are prefixed, so limits never share a counter, in Redis either.
        keyGenerator: (request) => `${name}:${key(request)}`,
        // `cache` sizes this limit's own in-process map (the plugin passes it to its store; the types omit it).
        ...({ cache } as object),
      });
      return async (request, reply) => {
        const result = await check(request);
        if (result.isAllowed || !result.isExceeded) return;
        const seconds = Math.max(1, result.ttlInSeconds);
        reply.header('retry-after', String(seconds));
        throw new TooManyRequestsError(`${detail}; try again in ${seconds} s.`, seconds);
      };
    }

    app.decorate('attemptLimits', {
      signInPerAddress: hook(
        'sign-in:address',
        limits.signInPerAddress,
        addressKey,
        'Too many sign-in attempts from this address',
        // Addresses are not a victim's to lose: a dropped counter only frees the address it counted.
        10_000,
      ),
      signInPerAccount: hook(
        'sign-in:account',
        limits.signInPerAccount,
        (request) => {
          const body = request.body as { tenant: string; email: string };
          return accountKey(body.tenant, body.email, limits.accountCounters);
        },
        'Too many sign-in attempts for this account',
        limits.accountCounters,
      ),
      signUpPerAddress: hook(
        'sign-up:address',
        limits.signUpPerAddress,
        addressKey,
        'Too many sign-ups from this address',
        10_000,
      ),
      refreshPerAddress: hook(
        'refresh:address',
        limits.refreshPerAddress,
        addressKey,
        'Too many token refreshes from this address',
        10_000,
      ),
    });
  },
  { name: 'attempt-limits' },
);
