import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiTest, startApiTest, type TestTenant } from '../../../test/support.ts';

const draft = { name: 'Café Rewards', pointsName: 'Beans', earningCurrency: 'EUR', moneyValuePer1000Points: 500 };

describe('programs', () => {
  let t: ApiTest;
  let a: TestTenant;
  let b: TestTenant;

  beforeAll(async () => {
    t = await startApiTest();
    [a, b] = await Promise.all([t.tenant(), t.tenant()]);
  });
  afterAll(() => t?.stop());

  it('creates, reads, lists and changes a program, auditing each change', async () => {
    const created = await t.app.inject({ method: 'POST', url: '/v1/programs', headers: a.as('admin'), payload: draft });
    expect(created.statusCode).toBe(201);
    const program = created.json();
    expect(program).toMatchObject({
      ...draft,
      rounding: 'floor',
      expiryPolicy: 'never',
      expiryValue: null,
      status: 'active',
    });

    const got = await t.app.inject({ method: 'GET', url: `/v1/programs/${program.id}`, headers: a.as('viewer') });
    expect(got.json()).toEqual(program);

    const changed = await t.app.inject({
      method: 'PATCH',
      url: `/v1/programs/${program.id}`,
      headers: a.as('marketer'),
      payload: { expiryPolicy: 'days_after_earning', expiryValue: 365 },
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ expiryPolicy: 'days_after_earning', expiryValue: 365 });

    const log = await t.prisma.auditLog.findMany({
      where: { tenantId: a.id, entityId: program.id },
      orderBy: { createdAt: 'asc' },
    });
    expect(log.map((e) => e.action)).toEqual(['program.create', 'program.update']);
    expect(log[1]).toMatchObject({ actorType: 'user', actorId: a.users.marketer.id });
    expect((log[1]!.before as { expiryPolicy: string }).expiryPolicy).toBe('never');
    expect((log[1]!.after as { expiryPolicy: string }).expiryPolicy).toBe('days_after_earning');
  });

  it('pages through programs with a cursor', async () => {
    const tenant = await t.tenant();
    for (let i = 0; i < 3; i++) {
      await t.app.inject({
        method: 'POST',
        url: '/v1/programs',
        headers: tenant.as('owner'),
        payload: { ...draft, name: `P${i}` },
      });
    }
    const first = (
      await t.app.inject({ method: 'GET', url: '/v1/programs?limit=2', headers: tenant.as('viewer') })
    ).json();
    expect(first.items.map((p: { name: string }) => p.name)).toEqual(['P0', 'P1']);
    const second = (
      await t.app.inject({
        method: 'GET',
        url: `/v1/programs?limit=2&cursor=${first.nextCursor}`,
        headers: tenant.as('viewer'),
      })
    ).json();
    expect(second).toMatchObject({ items: [{ name: 'P2' }], nextCursor: null });
    const bad = await t.app.inject({ method: 'GET', url: '/v1/programs?cursor=garbage', headers: tenant.as('viewer') });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual([
      { path: 'querystring.cursor', message: 'is not a cursor this endpoint issued' },
    ]);
  });

  it("answers 404 for another tenant's program, on every route, and leaves it unchanged", async () => {
    const theirs = (
      await t.app.inject({ method: 'POST', url: '/v1/programs', headers: b.as('owner'), payload: draft })
    ).json();
    for (const [method, payload] of [
      ['GET', undefined],
      ['PATCH', { name: 'hijacked' }],
    ] as const) {
      const res = await t.app.inject({ method, url: `/v1/programs/${theirs.id}`, headers: a.as('owner'), payload });
      expect(res.statusCode).toBe(404);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    const list = (await t.app.inject({ method: 'GET', url: '/v1/programs?limit=200', headers: a.as('owner') })).json();
    expect(list.items.some((p: { id: string }) => p.id === theirs.id)).toBe(false);
    expect((await t.prisma.program.findUniqueOrThrow({ where: { id: theirs.id } })).name).toBe(draft.name);
  });

  it('gives each role exactly its access', async () => {
    const expected = { owner: 201, admin: 201, marketer: 201, analyst: 403, viewer: 403 } as const;
    for (const [role, status] of Object.entries(expected)) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/v1/programs',
        headers: a.as(role as keyof typeof expected),
        payload: draft,
      });
      expect([role, res.statusCode]).toEqual([role, status]);
    }
    const anonymous = await t.app.inject({ method: 'GET', url: '/v1/programs' });
    expect(anonymous.statusCode).toBe(401);
  });

  it('refuses bad input with the path of each bad field, before anything is written', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/programs',
      headers: a.as('owner'),
      payload: { ...draft, earningCurrency: 'euro', minRedemption: 1.5, colour: 'blue' },
    });
    expect(res.statusCode).toBe(400);
    const paths = res
      .json()
      .errors.map((e: { path: string }) => e.path)
      .sort();
    expect(paths).toEqual(['body.colour', 'body.earningCurrency', 'body.minRedemption']);
    const noExpiryValue = await t.app.inject({
      method: 'POST',
      url: '/v1/programs',
      headers: a.as('owner'),
      payload: { ...draft, expiryPolicy: 'days_after_earning' },
    });
    expect(noExpiryValue.json().errors).toEqual([
      { path: 'body.expiryValue', message: 'is required when expiryPolicy is days_after_earning' },
    ]);
  });

  it('enforces tenant isolation in Postgres itself (row-level security)', async () => {
    const { withTenant } = await import('../../infra/tenant-tx.ts');
    const visible = await withTenant(t.prisma, a.id, (tx) => tx.program.findMany({ select: { tenantId: true } }));
    expect(visible.length).toBeGreaterThan(0);
    expect(new Set(visible.map((p) => p.tenantId))).toEqual(new Set([a.id]));
    await expect(
      withTenant(t.prisma, a.id, (tx) => tx.program.create({ data: { ...draft, tenantId: b.id } })),
    ).rejects.toThrow(/row-level security/);
  });
});
