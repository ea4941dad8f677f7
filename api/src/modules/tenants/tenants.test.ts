import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiTest, startApiTest, type TestTenant } from '../../../test/support.ts';

const owner = { email: 'founder@example.com', name: 'Founder', password: 'correct horse battery staple' };

describe('tenants and the audit log', () => {
  let t: ApiTest;
  let a: TestTenant;
  let b: TestTenant;

  beforeAll(async () => {
    t = await startApiTest();
    [a, b] = await Promise.all([t.tenant(), t.tenant()]);
  });
  afterAll(() => t?.stop());

  const signUp = (payload: object) => t.app.inject({ method: 'POST', url: '/v1/tenants', payload });

  it('signs up a merchant with its first owner, signed in, and audits it', async () => {
    const res = await signUp({ name: 'Café Lumière', slug: 'cafe-lumiere', timeZone: 'utc', currency: 'EUR', owner });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.tenant).toMatchObject({ name: 'Café Lumière', slug: 'cafe-lumiere', timeZone: 'UTC', currency: 'EUR' });
    expect(body.user).toMatchObject({ email: owner.email, role: 'owner', tenantId: body.tenant.id });
    const headers = { authorization: `Bearer ${body.tokens.accessToken}` };
    expect((await t.app.inject({ method: 'GET', url: '/v1/tenant', headers })).json()).toEqual(body.tenant);
    const log = await t.app.inject({ method: 'GET', url: '/v1/audit-log', headers });
    expect(
      log
        .json()
        .items.map((e: { action: string }) => e.action)
        .sort(),
    ).toEqual(['tenant.create', 'user.create']);
    expect(JSON.stringify(log.json())).not.toMatch(/passwordHash|\$argon2/);

    const taken = await signUp({ name: 'Other', slug: 'cafe-lumiere', timeZone: 'UTC', currency: 'EUR', owner });
    expect([taken.statusCode, taken.json().detail]).toEqual([409, 'The slug cafe-lumiere is taken; choose another.']);
  });

  it('refuses bad sign-ups with the path of each bad field', async () => {
    const schema = await signUp({
      name: '',
      slug: 'Not A Slug',
      timeZone: 'Europe/Paris',
      currency: 'euro',
      owner: { email: 'nope', password: 'short' },
      plan: 'gold',
    });
    expect(schema.statusCode).toBe(400);
    const paths = new Set(schema.json().errors.map((e: { path: string }) => e.path));
    expect([...paths].sort()).toEqual([
      'body.currency',
      'body.name',
      'body.owner.email',
      'body.owner.name',
      'body.owner.password',
      'body.plan',
      'body.slug',
    ]);
    const zone = await signUp({ name: 'x', slug: 'x-zone', timeZone: 'Mars/Olympus', currency: 'EUR', owner });
    expect(zone.json().errors).toEqual([{ path: 'body.timeZone', message: 'is not an IANA time zone name' }]);
    const currency = await signUp({ name: 'x', slug: 'x-cur', timeZone: 'UTC', currency: 'XYZ', owner });
    expect(currency.json().errors).toEqual([{ path: 'body.currency', message: 'is not an ISO 4217 currency code' }]);
    expect(await t.prisma.tenant.count({ where: { slug: { in: ['x-zone', 'x-cur'] } } })).toBe(0);
  });

  it('shows the tenant to every role and to API keys with programs:read; only tenant:manage changes it', async () => {
    for (const role of ['owner', 'admin', 'marketer', 'analyst', 'viewer'] as const) {
      const res = await t.app.inject({ method: 'GET', url: '/v1/tenant', headers: a.as(role) });
      expect([role, res.statusCode, res.json().id]).toEqual([role, 200, a.id]);
    }
    const key = (
      await t.app.inject({
        method: 'POST',
        url: '/v1/api-keys',
        headers: a.as('owner'),
        payload: { name: 'k', scopes: ['programs:read'] },
      })
    ).json().key;
    const byKey = await t.app.inject({ method: 'GET', url: '/v1/tenant', headers: { 'x-api-key': key } });
    expect(byKey.json()).toMatchObject({ id: a.id, currency: 'EUR', timeZone: 'Europe/Paris' });

    const byAdmin = await t.app.inject({
      method: 'PATCH',
      url: '/v1/tenant',
      headers: a.as('admin'),
      payload: { name: 'x' },
    });
    expect(byAdmin.statusCode).toBe(403);
    const changed = await t.app.inject({
      method: 'PATCH',
      url: '/v1/tenant',
      headers: a.as('owner'),
      payload: { name: 'Renamed', timeZone: 'America/New_York' },
    });
    expect(changed.json()).toMatchObject({ id: a.id, name: 'Renamed', timeZone: 'America/New_York' });
    const currency = await t.app.inject({
      method: 'PATCH',
      url: '/v1/tenant',
      headers: a.as('owner'),
      payload: { currency: 'USD' },
    });
    expect(currency.json().errors).toEqual([{ path: 'body.currency', message: 'is not a known field' }]);
    const zone = await t.app.inject({
      method: 'PATCH',
      url: '/v1/tenant',
      headers: a.as('owner'),
      payload: { timeZone: '+02:00' },
    });
    expect(zone.statusCode).toBe(400);
    const taken = await t.app.inject({
      method: 'PATCH',
      url: '/v1/tenant',
      headers: a.as('owner'),
      payload: { slug: b.slug },
    });
    expect(taken.statusCode).toBe(409);
    // Nothing of tenant b changed, and a's audit log has the one change with before and after.
    expect((await t.prisma.tenant.findUniqueOrThrow({ where: { id: b.id } })).name).toBe(b.slug);
    const entry = await t.prisma.auditLog.findFirstOrThrow({ where: { tenantId: a.id, action: 'tenant.update' } });
    expect([(entry.before as { name: string }).name, (entry.after as { name: string }).name]).toEqual([
      a.slug,
      'Renamed',
    ]);
  });

  it('filters and pages the audit log, newest first, within the tenant', async () => {
    const tenant = await t.tenant();
    const draft = { name: 'P', pointsName: 'pts', earningCurrency: 'EUR' };
    const ids: string[] = [];
    for (const role of ['owner', 'admin', 'marketer'] as const) {
      const res = await t.app.inject({ method: 'POST', url: '/v1/programs', headers: tenant.as(role), payload: draft });
      ids.push(res.json().id);
    }
    const read = (query: string) =>
      t.app.inject({ method: 'GET', url: `/v1/audit-log?${query}`, headers: tenant.as('analyst') });

    const all = (await read('entityType=program')).json();
    expect(all.items.map((e: { entityId: string }) => e.entityId)).toEqual([...ids].reverse());
    const first = (await read('entityType=program&limit=2')).json();
    const second = (await read(`entityType=program&limit=2&cursor=${first.nextCursor}`)).json();
    expect([...first.items, ...second.items].map((e: { entityId: string }) => e.entityId)).toEqual([...ids].reverse());
    expect(second.nextCursor).toBeNull();

    expect(
      (await read(`actorId=${tenant.users.admin.id}`)).json().items.map((e: { entityId: string }) => e.entityId),
    ).toEqual([ids[1]]);
    expect((await read(`entityId=${ids[2]}&action=program.create`)).json().items).toHaveLength(1);
    expect((await read('action=program.update')).json().items).toHaveLength(0);
    const future = new Date(Date.now() + 60_000).toISOString();
    expect((await read(`from=${future}`)).json().items).toHaveLength(0);
    expect((await read(`to=${future}&entityType=program`)).json().items).toHaveLength(3);
    // Another tenant's entries are invisible, even by id.
    expect(
      (await t.app.inject({ method: 'GET', url: `/v1/audit-log?entityId=${ids[0]}`, headers: a.as('owner') })).json()
        .items,
    ).toEqual([]);
    const bad = await read('from=yesterday&actorType=robot');
    expect([...new Set(bad.json().errors.map((e: { path: string }) => e.path))].sort()).toEqual([
      'querystring.actorType',
      'querystring.from',
    ]);
    const marketer = await t.app.inject({ method: 'GET', url: '/v1/audit-log', headers: tenant.as('marketer') });
    expect(marketer.statusCode).toBe(403);
  });
});
