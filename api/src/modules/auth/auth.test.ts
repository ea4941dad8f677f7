import type { ClickHouseClient } from '@clickhouse/client';
import { waitFor } from '@loyaltystudio/engines';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiTest, startApiTest, TEST_SECRET } from '../../../test/support.ts';
import { type App, buildApp } from '../../app.ts';
import { createAccessTokens } from '../../auth/access-token.ts';
import type { SystemService } from '../system/system.service.ts';

const password = 'correct horse battery staple';

interface SignedUp {
  tenant: { id: string; slug: string };
  user: { id: string; email: string };
  tokens: { accessToken: string; refreshToken: string; sessionId: string };
}

describe('auth: sign-in, tokens, refresh rotation, sessions', () => {
  let t: ApiTest;
  let n = 0;

  beforeAll(async () => {
    t = await startApiTest();
  });
  afterAll(() => t?.stop());

  async function signUp(): Promise<SignedUp> {
    n += 1;
    const slug = `auth-${n}-${Date.now().toString(36)}`;
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/tenants',
      // Sign-ups are limited per client address (attempt-limits.test.ts): each comes from an address of its own.
      remoteAddress: `192.0.2.${n}`,
      payload: {
        name: `Shop ${n}`,
        slug,
        timeZone: 'Europe/Paris',
        currency: 'EUR',
        owner: { email: `Owner@${slug}.test`, name: 'Owner', password },
      },
    });
    expect(res.statusCode).toBe(201);
    return res.json();
  }

  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  const signIn = (tenant: string, email: string, pw: string) =>
    t.app.inject({ method: 'POST', url: '/v1/auth/sign-in', payload: { tenant, email, password: pw } });
  const refresh = (refreshToken: string) =>
    t.app.inject({ method: 'POST', url: '/v1/auth/refresh', payload: { refreshToken } });
  const me = (token: string) => t.app.inject({ method: 'GET', url: '/v1/users/me', headers: bearer(token) });

  it('signs in with email (any case) and password, and the tokens work', async () => {
    const { tenant, user } = await signUp();
    const res = await signIn(tenant.slug, user.email.toUpperCase(), password);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.user).toMatchObject({ id: user.id, role: 'owner', tenantId: tenant.id });
    expect(body.tokens).toMatchObject({ tokenType: 'Bearer', refreshToken: expect.stringMatching(/^[\w-]{43}$/) });
    expect((await me(body.tokens.accessToken)).json()).toMatchObject({ id: user.id, lastSignInAt: expect.any(String) });
    // Only the refresh token's hash is stored.
    const stored = await t.prisma.refreshToken.findMany({ where: { sessionId: body.tokens.sessionId } });
    expect(stored).toHaveLength(1);
    expect(stored[0]!.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored[0]!.tokenHash).not.toContain(body.tokens.refreshToken);
  });

  it('answers every failed sign-in the same way, and spends a password check on unknown users', async () => {
    const { tenant, user } = await signUp();
    const disabled = await signUp();
    await t.prisma.user.update({ where: { id: disabled.user.id }, data: { disabledAt: new Date() } });
    const failures = [
      await signIn(tenant.slug, user.email, 'wrong password!'),
      await signIn(tenant.slug, 'nobody@example.com', password),
      await signIn('no-such-tenant', user.email, password),
      await signIn(disabled.tenant.slug, disabled.user.email, password),
    ];
    const shapes = failures.map((r) => {
      const { instance: _i, requestId: _r, ...rest } = r.json();
      return [r.statusCode, rest];
    });
    expect(new Set(shapes.map((s) => JSON.stringify(s))).size).toBe(1);
    expect(shapes[0]).toEqual([
      401,
      {
        type: 'https://monet.dev/problems/unauthorized',
        title: 'Unauthorized',
        status: 401,
        detail: 'The tenant, email or password is not correct, or the account is disabled.',
      },
    ]);

    const time = async (email: string) => {
      const started = performance.now();
      await signIn(tenant.slug, email, 'wrong password!');
      return performance.now() - started;
    };
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 7; i++) {
      known.push(await time(user.email));
      unknown.push(await time(`nobody-${i}@example.com`));
    }
    // Both run one argon2id verification: an unknown email must not answer markedly faster. The fastest of each is
    // compared, since a busy machine only ever makes an answer slower.
    expect(Math.min(...unknown)).toBeGreaterThan(Math.min(...known) * 0.5);
  });

  it('refuses expired, tampered, foreign and wrong-audience access tokens', async () => {
    const { tenant, user, tokens } = await signUp();
    const claims = { userId: user.id, tenantId: tenant.id, role: 'owner' as const, sessionId: tokens.sessionId };
    const key = new TextEncoder().encode(TEST_SECRET);
    const jwt = (audience: string, exp: number, secret = key) =>
      new SignJWT({ tid: claims.tenantId, role: 'owner', sid: claims.sessionId })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(user.id)
        .setIssuer('monet')
        .setAudience(audience)
        .setIssuedAt()
        .setExpirationTime(exp)
        .sign(secret);
    const now = Math.floor(Date.now() / 1000);
    const [head, payload, signature] = tokens.accessToken.split('.') as [string, string, string];
    const forgedPayload = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), role: 'owner', tid: 'x' }),
    ).toString('base64url');
    const flipped = signature.slice(0, -2) + (signature.at(-2) === 'A' ? 'B' : 'A') + signature.at(-1);

    const cases: [string, string, string][] = [
      ['expired', await jwt('monet-api', now - 5), 'The access token has expired'],
      ['signature', `${head}.${payload}.${flipped}`, 'The access token is not valid'],
      ['claims', `${head}.${forgedPayload}.${signature}`, 'The access token is not valid'],
      ['audience', await jwt('another-api', now + 60), 'The access token is not valid'],
      [
        'secret',
        await jwt('monet-api', now + 60, new TextEncoder().encode('x'.repeat(40))),
        'The access token is not valid',
      ],
      ['garbage', 'not-a-jwt', 'The access token is not valid'],
    ];
    for (const [name, token, detail] of cases) {
      const res = await me(token);
      expect([name, res.statusCode, res.json().detail]).toEqual([name, 401, detail]);
    }
    expect((await me(await jwt('monet-api', now + 60))).statusCode).toBe(200);
  });

  it('rotates refresh tokens; reusing a spent one ends the session, its newest tokens included', async () => {
    const { tokens: first } = await signUp();
    const second = await refresh(first.refreshToken);
    expect(second.statusCode).toBe(200);
    const pair = second.json();
    expect(pair.sessionId).toBe(first.sessionId);
    expect(pair.refreshToken).not.toBe(first.refreshToken);
    expect((await me(pair.accessToken)).statusCode).toBe(200);

    const reused = await refresh(first.refreshToken);
    expect(reused.statusCode).toBe(401);
    expect(reused.json().detail).toBe(
      'This refresh token was already used; the session has been ended. Sign in again.',
    );
    const session = await t.prisma.session.findUniqueOrThrow({ where: { id: first.sessionId } });
    expect(session.revokedReason).toBe('refresh_token_reuse');
    // The family's current refresh token and access tokens stop working too.
    expect((await refresh(pair.refreshToken)).statusCode).toBe(401);
    expect((await me(pair.accessToken)).statusCode).toBe(401);
    expect((await me(first.accessToken)).statusCode).toBe(401);
  });

  it('lets exactly one of concurrent refreshes with one token win, without ending the session', async () => {
    const { tokens } = await signUp();
    // Hold the token's row lock so that every request arrives before any of them can spend it.
    let release!: () => void;
    let locked!: () => void;
    const isLocked = new Promise<void>((resolve) => {
      locked = resolve;
    });
    const holder = t.prisma.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT 1 FROM refresh_tokens WHERE session_id = ${tokens.sessionId}::uuid FOR UPDATE`;
      locked();
      await new Promise<void>((resolve) => {
        release = resolve;
      });
    });
    await isLocked;
    const racing = Promise.all(Array.from({ length: 6 }, () => refresh(tokens.refreshToken)));
    await expect
      .poll(async () => {
        const [row] = await t.prisma.$queryRaw<{ n: number }[]>`
          SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock'`;
        return row!.n;
      })
      .toBe(6);
    release();
    await holder;
    const results = await racing;
    const won = results.filter((r) => r.statusCode === 200);
    expect(won).toHaveLength(1);
    const lost = results.filter((r) => r.statusCode === 401).map((r) => r.json().detail);
    expect(lost).toEqual(Array(5).fill('This refresh token was just exchanged by another request.'));
    const next = await refresh(won[0]!.json().refreshToken);
    expect(next.statusCode).toBe(200);
    expect(await t.prisma.refreshToken.count({ where: { sessionId: tokens.sessionId } })).toBe(3);
  });

  it('refuses an expired or unknown refresh token', async () => {
    const { tokens } = await signUp();
    await t.prisma.refreshToken.updateMany({
      where: { sessionId: tokens.sessionId },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    const expired = await refresh(tokens.refreshToken);
    expect([expired.statusCode, expired.json().detail]).toEqual([401, 'The refresh token has expired; sign in again.']);
    const unknown = await refresh('A'.repeat(43));
    expect([unknown.statusCode, unknown.json().detail]).toEqual([
      401,
      'The refresh token is not valid; sign in again.',
    ]);
    const missing = await t.app.inject({ method: 'POST', url: '/v1/auth/refresh', payload: { token: 'x' } });
    expect(
      missing
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort(),
    ).toEqual(['body.refreshToken', 'body.token']);
  });

  it('signs out, ending the session for its access and refresh tokens', async () => {
    const { tokens } = await signUp();
    const out = await t.app.inject({ method: 'POST', url: '/v1/auth/sign-out', headers: bearer(tokens.accessToken) });
    expect(out.statusCode).toBe(204);
    expect((await me(tokens.accessToken)).statusCode).toBe(401);
    expect((await refresh(tokens.refreshToken)).statusCode).toBe(401);
  });

  it("lists and ends one's own sessions; users:manage reaches others'; another tenant's are not found", async () => {
    const { tenant, user, tokens } = await signUp();
    const other = (await signIn(tenant.slug, user.email, password)).json().tokens;
    const list = await t.app.inject({ method: 'GET', url: '/v1/sessions', headers: bearer(tokens.accessToken) });
    expect(
      list
        .json()
        .items.map((s: { id: string; current: boolean }) => [s.id, s.current])
        .sort(),
    ).toEqual(
      [
        [tokens.sessionId, true],
        [other.sessionId, false],
      ].sort(),
    );

    const a = await t.tenant();
    // A viewer sees only their own sessions and cannot end an admin's.
    const viewerList = await t.app.inject({ method: 'GET', url: '/v1/sessions', headers: a.as('viewer') });
    expect(viewerList.json().items.map((s: { id: string }) => s.id)).toEqual([a.users.viewer.sessionId]);
    const peek = await t.app.inject({
      method: 'GET',
      url: `/v1/sessions?userId=${a.users.admin.id}`,
      headers: a.as('viewer'),
    });
    expect(peek.statusCode).toBe(404);
    const viewerEnds = await t.app.inject({
      method: 'DELETE',
      url: `/v1/sessions/${a.users.admin.sessionId}`,
      headers: a.as('viewer'),
    });
    expect(viewerEnds.statusCode).toBe(404);
    // An admin (users:manage) lists and ends the viewer's session.
    const adminList = await t.app.inject({
      method: 'GET',
      url: `/v1/sessions?userId=${a.users.viewer.id}`,
      headers: a.as('admin'),
    });
    expect(adminList.json().items.map((s: { id: string }) => s.id)).toEqual([a.users.viewer.sessionId]);
    const ended = await t.app.inject({
      method: 'DELETE',
      url: `/v1/sessions/${a.users.viewer.sessionId}`,
      headers: a.as('admin'),
    });
    expect(ended.statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: '/v1/sessions', headers: a.as('viewer') })).statusCode).toBe(401);
    const logged = await t.prisma.auditLog.findFirstOrThrow({ where: { tenantId: a.id, action: 'session.revoke' } });
    expect(logged).toMatchObject({ actorId: a.users.admin.id, entityId: a.users.viewer.sessionId });

    // Another tenant's session and user are not found, whatever the role.
    for (const [method, url] of [
      ['DELETE', `/v1/sessions/${tokens.sessionId}`],
      ['GET', `/v1/sessions?userId=${user.id}`],
    ] as const) {
      const res = await t.app.inject({ method, url, headers: a.as('owner') });
      expect([url, res.statusCode]).toEqual([url, 404]);
    }
    expect((await me(tokens.accessToken)).statusCode).toBe(200);
  });

  it("stops a revoked session's access token within the cache window, even when another instance revoked it", async () => {
    const cacheMs = 300;
    const instance: App = await buildApp({
      version: 'test',
      prisma: t.prisma,
      // System and analytics routes are not exercised here.
      clickhouse: {} as ClickHouseClient,
      system: {} as SystemService,
      accessTokens: createAccessTokens(TEST_SECRET, 900),
      authCacheMs: cacheMs,
    });
    try {
      const { tokens } = await signUp();
      const ask = () => instance.inject({ method: 'GET', url: '/v1/users/me', headers: bearer(tokens.accessToken) });
      expect((await ask()).statusCode).toBe(200);
      // Revoked elsewhere (another instance, or straight in the database): this instance's cache still says open.
      await t.prisma.session.update({ where: { id: tokens.sessionId }, data: { revokedAt: new Date() } });
      expect((await ask()).statusCode).toBe(200);
      // Then refused once the cached answer runs out: waited for as it happens, bounded by the window (with room for
      // a slow machine), rather than by sleeping past it.
      await waitFor('the revocation to reach this instance', async () => (await ask()).statusCode === 401, {
        timeoutMs: cacheMs + 2_000,
        intervalMs: 20,
      });
    } finally {
      await instance.close();
    }
  });
});
