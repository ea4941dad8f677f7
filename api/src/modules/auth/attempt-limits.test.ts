import type { ClickHouseClient } from '@clickhouse/client';
import { apiVars, readEnv } from '@loyaltystudio/config';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiTest, startApiTest, TEST_SECRET } from '../../../test/support.ts';
import { type App, buildApp } from '../../app.ts';
import { createAccessTokens } from '../../auth/access-token.ts';
import type { SystemService } from '../system/system.service.ts';

const password = 'correct horse battery staple';

/**
 * Sign-in, sign-up and refresh attempts are limited per client address and sign-in also per account, on the real
 * api and Postgres (every sign-in runs its argon2 check). The limits' own mechanics (counters that cannot be
 * evicted, windows, IPv6) are tested in plugins/attempt-limits.test.ts.
 */
describe('attempt limits on sign-in, sign-up and refresh', () => {
  let t: ApiTest;
  /** The api behind a proxy on loopback: TRUST_PROXY=loopback, as read from the environment. */
  let proxied: App;

  beforeAll(async () => {
    t = await startApiTest();
    proxied = await buildApp({
      version: 'test',
      prisma: t.prisma,
      // System and analytics routes are not exercised here.
      clickhouse: {} as ClickHouseClient,
      system: {} as SystemService,
      accessTokens: createAccessTokens(TEST_SECRET, 900),
      trustProxy: readEnv({ TRUST_PROXY: apiVars.TRUST_PROXY }, { TRUST_PROXY: 'loopback' }).TRUST_PROXY,
    });
  });
  afterAll(async () => {
    await proxied?.close();
    await t?.stop();
  });

  let n = 0;
  async function signUp(): Promise<{ slug: string; email: string }> {
    n += 1;
    const slug = `limits-${n}-${Date.now().toString(36)}`;
    const email = `owner@${slug}.test`;
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/tenants',
      // Each sign-up from an address of its own, so the sign-up limit stays out of these tests.
      remoteAddress: `192.0.2.${n}`,
      payload: { name: slug, slug, timeZone: 'UTC', currency: 'EUR', owner: { email, name: 'Owner', password } },
    });
    expect(res.statusCode).toBe(201);
    return { slug, email };
  }

  const signIn = (
    app: App,
    body: { tenant: string; email: string; password: string },
    from: { remoteAddress?: string; forwardedFor?: string },
  ) =>
    app.inject({
      method: 'POST',
      url: '/v1/auth/sign-in',
      remoteAddress: from.remoteAddress,
      headers: from.forwardedFor ? { 'x-forwarded-for': from.forwardedFor } : {},
      payload: body,
    });

  it('limits sign-ins per client address, whichever emails they name', async () => {
    const { slug } = await signUp();
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) {
      const res = await signIn(
        t.app,
        { tenant: slug, email: `guess-${i}@example.com`, password },
        { remoteAddress: '203.0.113.10' },
      );
      statuses.push(res.statusCode);
    }
    expect(statuses).toEqual([...Array(30).fill(401), 429]);
    const limited = await signIn(
      t.app,
      { tenant: slug, email: 'one-more@example.com', password },
      { remoteAddress: '203.0.113.10' },
    );
    expect(limited.statusCode).toBe(429);
    const retryAfter = Number(limited.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(limited.json()).toMatchObject({
      type: 'https://monet.dev/problems/rate-limited',
      status: 429,
      retryAfterSeconds: retryAfter,
      detail: `Too many sign-in attempts from this address; try again in ${retryAfter} s.`,
    });
    // Another address is not affected.
    const other = await signIn(
      t.app,
      { tenant: slug, email: 'guess-0@example.com', password },
      { remoteAddress: '203.0.113.11' },
    );
    expect(other.statusCode).toBe(401);
  });

  it('limits sign-ins per account, from however many client addresses behind a trusted proxy', async () => {
    const { slug, email } = await signUp();
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      const res = await signIn(
        proxied,
        { tenant: slug, email, password: 'wrong password!' },
        { forwardedFor: `198.51.100.${i}` },
      );
      statuses.push(res.statusCode);
    }
    expect(statuses).toEqual([...Array(10).fill(401), 429]);
    // The right password too waits for the window: the limit does not tell a right guess from a wrong one.
    const limited = await signIn(
      proxied,
      { tenant: slug, email: email.toUpperCase(), password },
      { forwardedFor: '198.51.100.200' },
    );
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.json()).toMatchObject({
      type: 'https://monet.dev/problems/rate-limited',
      detail: expect.stringMatching(/^Too many sign-in attempts for this account; try again in \d+ s\.$/),
    });
    // Unknown accounts are limited the same way, so the limit tells nothing about which accounts exist.
    const ghost: number[] = [];
    for (let i = 0; i < 11; i++) {
      const body = { tenant: slug, email: 'ghost@example.com', password };
      ghost.push((await signIn(proxied, body, { forwardedFor: `198.51.101.${i}` })).statusCode);
    }
    expect(ghost).toEqual([...Array(10).fill(401), 429]);
    // Each api instance counts on its own, unless they share a Redis store (docs/access.md).
    expect((await signIn(t.app, { tenant: slug, email, password }, {})).statusCode).toBe(200);
  });

  it('reads the client from X-Forwarded-For only when TRUST_PROXY trusts the peer', async () => {
    const { slug, email } = await signUp();
    // Not trusted (the default): every request counts against the peer's address, whatever the header says.
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) {
      const res = await signIn(
        t.app,
        { tenant: slug, email: `guess-${i}@example.com`, password },
        { remoteAddress: '203.0.113.20', forwardedFor: `198.51.100.${i}` },
      );
      statuses.push(res.statusCode);
    }
    expect(statuses).toEqual([...Array(30).fill(401), 429]);

    // Sessions record the address the limits see: the peer when untrusted, the forwarded client when trusted.
    const direct = await signIn(t.app, { tenant: slug, email, password }, { forwardedFor: '198.51.100.77' });
    const viaProxy = await signIn(proxied, { tenant: slug, email, password }, { forwardedFor: '198.51.100.77' });
    const ipOf = async (res: Awaited<ReturnType<typeof signIn>>) =>
      (await t.prisma.session.findUniqueOrThrow({ where: { id: res.json().tokens.sessionId } })).ip;
    expect([await ipOf(direct), await ipOf(viaProxy)]).toEqual(['127.0.0.1', '198.51.100.77']);
  });

  it('limits sign-ups and refreshes per client address', async () => {
    const signUps: number[] = [];
    for (let i = 0; i < 11; i++) {
      // Refused bodies count too: the limit applies before the body is read.
      const res = await t.app.inject({
        method: 'POST',
        url: '/v1/tenants',
        remoteAddress: '203.0.113.30',
        payload: { name: 'x' },
      });
      signUps.push(res.statusCode);
    }
    expect(signUps).toEqual([...Array(10).fill(400), 429]);
    expect(
      Number(
        (await t.app.inject({ method: 'POST', url: '/v1/tenants', remoteAddress: '203.0.113.30', payload: {} }))
          .headers['retry-after'],
      ),
    ).toBeGreaterThan(3000);

    const refreshes: number[] = [];
    for (let i = 0; i < 61; i++) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/v1/auth/refresh',
        remoteAddress: '203.0.113.31',
        payload: { refreshToken: `not-a-token-${i}` },
      });
      refreshes.push(res.statusCode);
    }
    expect(refreshes).toEqual([...Array(60).fill(401), 429]);
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/v1/auth/refresh',
          remoteAddress: '203.0.113.32',
          payload: { refreshToken: 'x' },
        })
      ).statusCode,
    ).toBe(401);
  });

  it('documents the 429 of each limited route in the OpenAPI document', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    for (const path of ['/v1/auth/sign-in', '/v1/auth/refresh', '/v1/tenants']) {
      expect([path, Object.keys(doc.paths[path].post.responses)]).toEqual([path, expect.arrayContaining(['429'])]);
    }
    // Every authenticated operation documents 429 too (an API key over its own rate limit meets it anywhere).
    expect(Object.keys(doc.paths['/v1/auth/sign-out'].post.responses)).toContain('429');
  });
});
