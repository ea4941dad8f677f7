import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it, vi } from 'vitest';
import attemptLimits, { type AttemptLimitSettings, accountKey, DEFAULT_ATTEMPT_LIMITS } from './attempt-limits.ts';
import problemDetails from './problem-details.ts';

/**
 * The limits alone, on a bare Fastify app whose sign-in route answers 401 at once: the counters, keys, windows and
 * answers, without a database or a password hash per request. The api's own routes are tested in
 * modules/auth/attempt-limits.test.ts.
 */
async function appWith(limits: Partial<AttemptLimitSettings>, trustProxy = true): Promise<FastifyInstance> {
  const app = Fastify({ trustProxy });
  await app.register(problemDetails);
  await app.register(attemptLimits, { limits: { ...DEFAULT_ATTEMPT_LIMITS, ...limits } });
  app.post(
    '/sign-in',
    { onRequest: app.attemptLimits.signInPerAddress, preHandler: app.attemptLimits.signInPerAccount },
    async (_request, reply) => reply.status(401).send({ refused: true }),
  );
  return app;
}

const attempt = (app: FastifyInstance, email: string, from: string) =>
  app.inject({
    method: 'POST',
    url: '/sign-in',
    headers: { 'x-forwarded-for': from },
    payload: { tenant: 'shop', email, password: 'guess' },
  });

describe('attempt limits', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('gives each account one counter whatever the case or spacing of its email, and a fixed set of counters', () => {
    expect(accountKey('shop', ' Victim@Example.com ', 65_536)).toBe(accountKey('shop', 'victim@example.com', 65_536));
    expect(accountKey('other-shop', 'victim@example.com', 65_536)).not.toBe(
      accountKey('shop', 'victim@example.com', 65_536),
    );
    const keys = new Set(Array.from({ length: 5_000 }, (_, i) => accountKey('shop', `user-${i}@example.com`, 64)));
    expect(keys.size).toBe(64);
    for (const key of keys) expect(Number(key)).toBeLessThan(64);
  });

  it("never lets a flood of other emails reset a victim's counter", async () => {
    // More counters than @fastify/rate-limit's default map holds (5,000), so a map of the default size would drop
    // the victim's counter during the flood; the attempt limits size the map to hold every counter.
    const accountCounters = 6_000;
    const app = await appWith({ accountCounters, signInPerAddress: { max: 1_000, windowMs: 60_000 } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 11; i++) statuses.push((await attempt(app, 'victim@example.com', '198.51.100.1')).statusCode);
      expect(statuses).toEqual([...Array(10).fill(401), 429]);
      // Twice as many other accounts as there are counters, each from an address of its own, all missing the
      // victim's counter: it becomes the least recently used, the first a full map would drop.
      const victim = accountKey('shop', 'victim@example.com', accountCounters);
      for (let i = 0; i < 2 * accountCounters; i++) {
        const email = `flood-${i}@example.com`;
        if (accountKey('shop', email, accountCounters) === victim) continue;
        await attempt(app, email, `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`);
      }
      expect((await attempt(app, 'victim@example.com', '203.0.113.9')).statusCode).toBe(429);
    } finally {
      await app.close();
    }
  }, 60_000);

  it('answers 429 problem+json with Retry-After, and lets the account try again once its window has passed', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-12-01T12:00:00Z') });
    const app = await appWith({ signInPerAccount: { max: 2, windowMs: 60_000 } });
    try {
      expect((await attempt(app, 'a@example.com', '198.51.100.1')).statusCode).toBe(401);
      vi.setSystemTime(new Date('2026-12-01T12:00:20Z'));
      expect((await attempt(app, 'a@example.com', '198.51.100.2')).statusCode).toBe(401);
      const limited = await attempt(app, 'a@example.com', '198.51.100.3');
      expect(limited.statusCode).toBe(429);
      expect(limited.headers['content-type']).toMatch(/^application\/problem\+json/);
      // The window opened at the first attempt: 40 s of it are left.
      expect(limited.headers['retry-after']).toBe('40');
      expect(limited.json()).toMatchObject({
        type: 'https://monet.dev/problems/rate-limited',
        status: 429,
        detail: 'Too many sign-in attempts for this account; try again in 40 s.',
        retryAfterSeconds: 40,
      });
      vi.setSystemTime(new Date('2026-12-01T12:01:00Z'));
      expect((await attempt(app, 'a@example.com', '198.51.100.4')).statusCode).toBe(401);
    } finally {
      await app.close();
    }
  });

  it('counts addresses by IPv4 address and by IPv6 /64', async () => {
    const app = await appWith({ signInPerAddress: { max: 2, windowMs: 60_000 } });
    try {
      const from = async (address: string, n: number) =>
        (await attempt(app, `user-${address}-${n}@example.com`, address)).statusCode;
      expect([await from('2001:db8:1:2::1', 1), await from('2001:db8:1:2:ffff::9', 2)]).toEqual([401, 401]);
      expect(await from('2001:db8:1:2::abcd', 3)).toBe(429);
      expect(await from('2001:db8:1:3::1', 4)).toBe(401);
      expect([await from('192.0.2.1', 5), await from('192.0.2.1', 6), await from('192.0.2.1', 7)]).toEqual([
        401, 401, 429,
      ]);
      expect(await from('192.0.2.2', 8)).toBe(401);
    } finally {
      await app.close();
    }
  });
});
