import { waitFor } from '@loyaltystudio/engines';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiTest, startApiTest, type TestTenant } from '../../../test/support.ts';

describe('API keys', () => {
  let t: ApiTest;
  let a: TestTenant;
  let b: TestTenant;

  beforeAll(async () => {
    t = await startApiTest();
    [a, b] = await Promise.all([t.tenant(), t.tenant()]);
  });
  afterAll(() => t?.stop());

  async function issue(tenant: TestTenant, body: Record<string, unknown>) {
    const res = await t.app.inject({ method: 'POST', url: '/v1/api-keys', headers: tenant.as('admin'), payload: body });
    expect(res.statusCode).toBe(201);
    return res.json() as { id: string; key: string; prefix: string };
  }
  const programs = (key: string, header: 'bearer' | 'x-api-key' = 'bearer') =>
    t.app.inject({
      method: 'GET',
      url: '/v1/programs',
      headers: header === 'bearer' ? { authorization: `Bearer ${key}` } : { 'x-api-key': key },
    });

  it('shows the key once, stores only its hash, and lists it without secrets', async () => {
    const created = await issue(a, { name: 'Checkout', scopes: ['programs:read', 'events:write'] });
    expect(created).toMatchObject({
      name: 'Checkout',
      scopes: ['programs:read', 'events:write'],
      rateLimitPerMinute: 600,
      status: 'active',
      usageCount: 0,
      lastUsedAt: null,
      createdByUserId: a.users.admin.id,
    });
    expect(created.key).toMatch(/^mk_[0-9a-f]{12}_[\w-]{43}$/);
    expect(created.key.startsWith(`${created.prefix}_`)).toBe(true);
    const row = await t.prisma.apiKey.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.secretHash).toMatch(/^[0-9a-f]{64}$/);
    expect(created.key).not.toContain(row.secretHash);

    const list = await t.app.inject({ method: 'GET', url: '/v1/api-keys', headers: a.as('owner') });
    const listed = list.json().items.find((k: { id: string }) => k.id === created.id);
    expect(listed).toBeDefined();
    expect(Object.keys(listed)).not.toContain('key');
    expect(JSON.stringify(list.json())).not.toContain(created.key.slice(created.prefix.length + 1));
    const logged = await t.prisma.auditLog.findFirstOrThrow({ where: { entityId: created.id } });
    expect(logged.action).toBe('api_key.create');
    expect(JSON.stringify(logged.after)).not.toContain(row.secretHash);
  });

  it('grants exactly its scopes, for its own tenant, by either header', async () => {
    const reader = await issue(a, { name: 'reader', scopes: ['programs:read'] });
    const writer = await issue(a, { name: 'writer', scopes: ['members:read'] });
    expect((await programs(reader.key)).statusCode).toBe(200);
    expect((await programs(reader.key, 'x-api-key')).statusCode).toBe(200);
    const refused = await programs(writer.key);
    expect([refused.statusCode, refused.json().detail]).toEqual([
      403,
      'This needs the programs:read permission, which the caller does not have.',
    ]);
    // Keys never administer access, and never act as a signed-in user.
    for (const [method, url] of [
      ['GET', '/v1/api-keys'],
      ['GET', '/v1/users'],
      ['GET', '/v1/sessions'],
    ] as const) {
      const res = await t.app.inject({ method, url, headers: { authorization: `Bearer ${reader.key}` } });
      expect([url, res.statusCode]).toEqual([url, 403]);
    }
    // The key's tenant is the only tenant it sees.
    await t.app.inject({
      method: 'POST',
      url: '/v1/programs',
      headers: b.as('owner'),
      payload: { name: 'B only', pointsName: 'p', earningCurrency: 'EUR' },
    });
    const seen = (await programs(reader.key)).json().items.map((p: { name: string }) => p.name);
    expect(seen).not.toContain('B only');
  });

  it('refuses malformed, unknown, wrong-secret, revoked and expired keys with 401', async () => {
    const key = await issue(a, { name: 'doomed', scopes: ['programs:read'] });
    const wrongSecret = `${key.prefix}_${'A'.repeat(43)}`;
    for (const bad of ['mk_nope', `mk_000000000000_${'A'.repeat(43)}`, wrongSecret]) {
      const res = await programs(bad);
      expect([bad, res.statusCode, res.json().detail]).toEqual([
        bad,
        401,
        'The API key is unknown, revoked or expired.',
      ]);
    }
    expect((await programs(key.key)).statusCode).toBe(200);
    const revoked = await t.app.inject({ method: 'DELETE', url: `/v1/api-keys/${key.id}`, headers: a.as('admin') });
    expect(revoked.json()).toMatchObject({ status: 'revoked', revokedAt: expect.any(String) });
    expect((await programs(key.key)).statusCode).toBe(401);
    const again = await t.app.inject({ method: 'DELETE', url: `/v1/api-keys/${key.id}`, headers: a.as('admin') });
    expect(again.statusCode).toBe(200);
    expect(await t.prisma.auditLog.count({ where: { entityId: key.id, action: 'api_key.revoke' } })).toBe(1);

    const expiresAt = new Date(Date.now() + 1_000).toISOString();
    const expiring = await issue(a, { name: 'short-lived', scopes: ['programs:read'], expiresAt });
    expect((await programs(expiring.key)).statusCode).toBe(200);
    // Refused from its expiry on: waited for as it happens, not slept past.
    const refusedAt = await waitFor(
      'the key to expire',
      async () => (await programs(expiring.key)).statusCode === 401 && Date.now(),
      {
        timeoutMs: 5_000,
        intervalMs: 20,
      },
    );
    expect(refusedAt).toBeGreaterThanOrEqual(Date.parse(expiresAt));
    const listed = await t.app.inject({ method: 'GET', url: `/v1/api-keys/${expiring.id}`, headers: a.as('admin') });
    expect(listed.json().status).toBe('expired');
  });

  it('rate-limits each key with 429, Retry-After and problem+json, and counts usage', async () => {
    const limited = await issue(a, { name: 'slow', scopes: ['programs:read'], rateLimitPerMinute: 3 });
    const other = await issue(a, { name: 'other', scopes: ['programs:read'] });
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await programs(limited.key));
    expect(answers.map((r) => r.statusCode)).toEqual([200, 200, 200, 429]);
    const refused = answers[3]!;
    expect(refused.headers['retry-after']).toBe('20');
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.json()).toMatchObject({ status: 429, retryAfterSeconds: 20 });
    // The OpenAPI document says so, on this route as on every route that takes a key.
    const doc = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    expect(doc.paths['/v1/programs'].get.responses['429'].content).toHaveProperty('application/problem+json');
    // Another key is not affected.
    expect((await programs(other.key)).statusCode).toBe(200);

    // Counts are written in batches; listing writes this instance's pending counts first.
    const list = await t.app.inject({ method: 'GET', url: '/v1/api-keys?limit=200', headers: a.as('admin') });
    const byId = new Map(list.json().items.map((k: { id: string }) => [k.id, k]));
    expect(byId.get(limited.id)).toMatchObject({ usageCount: 3, lastUsedAt: expect.any(String) });
    expect(byId.get(other.id)).toMatchObject({ usageCount: 1 });

    // Without a read, the periodic flush writes them within about a second.
    for (let i = 0; i < 5; i++) await programs(other.key);
    await expect
      .poll(async () => (await t.prisma.apiKey.findUniqueOrThrow({ where: { id: other.id } })).usageCount, {
        timeout: 3_000,
      })
      .toBe(6n);
  });

  it('refuses bad keys requests with the path of each bad field', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/api-keys',
      headers: a.as('admin'),
      payload: { name: '', scopes: ['users:manage'], rateLimitPerMinute: 0, colour: 'red' },
    });
    expect(res.statusCode).toBe(400);
    const paths = new Set(res.json().errors.map((e: { path: string }) => e.path));
    expect([...paths].sort()).toEqual(['body.colour', 'body.name', 'body.rateLimitPerMinute', 'body.scopes.0']);
    const past = await t.app.inject({
      method: 'POST',
      url: '/v1/api-keys',
      headers: a.as('admin'),
      payload: { name: 'x', scopes: ['programs:read'], expiresAt: '2020-01-01T00:00:00Z' },
    });
    expect(past.json().errors).toEqual([{ path: 'body.expiresAt', message: 'must be in the future' }]);
  });

  it("answers 404 for another tenant's key on every route, and leaves it working", async () => {
    const theirs = await issue(b, { name: 'theirs', scopes: ['programs:read'] });
    for (const method of ['GET', 'DELETE'] as const) {
      const res = await t.app.inject({ method, url: `/v1/api-keys/${theirs.id}`, headers: a.as('owner') });
      expect([method, res.statusCode]).toEqual([method, 404]);
    }
    const list = await t.app.inject({ method: 'GET', url: '/v1/api-keys?limit=200', headers: a.as('owner') });
    expect(list.json().items.some((k: { id: string }) => k.id === theirs.id)).toBe(false);
    expect((await programs(theirs.key)).statusCode).toBe(200);
  });
});
