import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiTest, startApiTest, type TestTenant } from '../../../test/support.ts';
import { withTenant } from '../../infra/tenant-tx.ts';
import { emit } from '../webhooks/outbox.ts';
import { assertActive, enrol, findByExternalId } from './members.service.ts';

const ada = {
  externalId: 'cust-1042',
  email: 'Ada@Example.com',
  firstName: 'Ada',
  lastName: 'Lovelace',
  phone: '+442071234567',
  birthDate: '1815-12-10',
  attributes: { favouriteDrink: 'flat white', visits: 3 },
  tags: ['vip'],
  consents: { email: true },
};

describe('members', () => {
  let t: ApiTest;
  let a: TestTenant;
  let b: TestTenant;

  beforeAll(async () => {
    t = await startApiTest();
    [a, b] = await Promise.all([t.tenant(), t.tenant()]);
  });
  afterAll(() => t?.stop());

  const post = (tenant: TestTenant, payload: object, role: 'owner' | 'marketer' = 'owner') =>
    t.app.inject({ method: 'POST', url: '/v1/members', headers: tenant.as(role), payload });
  const list = async (tenant: TestTenant, query: string) => {
    const res = await t.app.inject({ method: 'GET', url: `/v1/members?${query}`, headers: tenant.as('viewer') });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { items: { externalId: string }[]; nextCursor: string | null };
  };

  it('enrols, reads and changes a member, auditing each change and announcing the enrolment', async () => {
    const created = await post(a, ada, 'marketer');
    expect(created.statusCode, created.body).toBe(201);
    const member = created.json();
    expect(member).toMatchObject({
      ...ada,
      email: 'ada@example.com',
      consents: { email: true, sms: false, push: false },
      status: 'active',
      erasedAt: null,
    });

    const got = await t.app.inject({ method: 'GET', url: `/v1/members/${member.id}`, headers: a.as('viewer') });
    // Reading one member adds its scores: none before the first scoring run.
    expect(got.json()).toEqual({ ...member, scores: null });

    const changed = await t.app.inject({
      method: 'PATCH',
      url: `/v1/members/${member.id}`,
      headers: a.as('marketer'),
      payload: {
        email: 'ADA.L@example.com',
        lastName: null,
        attributes: { visits: 4, favouriteDrink: null, city: 'London' },
        tags: { add: ['student', 'vip'], remove: ['trial'] },
        consents: { sms: true },
      },
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({
      email: 'ada.l@example.com',
      firstName: 'Ada',
      lastName: null,
      attributes: { visits: 4, city: 'London' },
      tags: ['vip', 'student'],
      consents: { email: true, sms: true, push: false },
    });
    expect(changed.json().attributes).toEqual({ visits: 4, city: 'London' });

    const replaced = await t.app.inject({
      method: 'PATCH',
      url: `/v1/members/${member.id}`,
      headers: a.as('admin'),
      payload: { tags: ['gold'] },
    });
    expect(replaced.json().tags).toEqual(['gold']);

    const log = await t.prisma.auditLog.findMany({
      where: { tenantId: a.id, entityId: member.id },
      orderBy: { createdAt: 'asc' },
    });
    expect(log.map((e) => [e.action, e.actorId])).toEqual([
      ['member.create', a.users.marketer.id],
      ['member.update', a.users.marketer.id],
      ['member.update', a.users.admin.id],
    ]);
    expect(log[1]).toMatchObject({ before: { email: 'ada@example.com' }, after: { email: 'ada.l@example.com' } });

    const outbox = await t.prisma.outboxEvent.findMany({ where: { tenantId: a.id, type: 'member.created' } });
    expect(outbox.map((e) => e.payload)).toEqual([{ memberId: member.id, externalId: ada.externalId, member }]);
  });

  it('refuses a second member with the same external id or email, naming the one that exists', async () => {
    const tenant = await t.tenant();
    const first = (await post(tenant, { externalId: 'c-1', email: 'bob@example.com' })).json();
    const sameId = await post(tenant, { externalId: 'c-1' });
    expect(sameId.statusCode).toBe(409);
    expect(sameId.json()).toMatchObject({ existingMemberId: first.id, field: 'externalId' });
    const sameEmail = await post(tenant, { externalId: 'c-2', email: 'BOB@example.com' });
    expect(sameEmail.statusCode).toBe(409);
    expect(sameEmail.json()).toMatchObject({ existingMemberId: first.id, field: 'email' });

    const second = (await post(tenant, { externalId: 'c-2' })).json();
    const takeEmail = await t.app.inject({
      method: 'PATCH',
      url: `/v1/members/${second.id}`,
      headers: tenant.as('owner'),
      payload: { email: 'Bob@Example.com' },
    });
    expect(takeEmail.statusCode).toBe(409);
    expect(takeEmail.json()).toMatchObject({ existingMemberId: first.id, field: 'email' });
    expect(await t.prisma.member.count({ where: { tenantId: tenant.id } })).toBe(2);
    // Another tenant may use the same ids and emails.
    expect((await post(b, { externalId: 'c-1', email: 'bob@example.com' })).statusCode).toBe(201);
  });

  it('lists members with filters, search and a cursor, each served by an index', async () => {
    const tenant = await t.tenant();
    const seed = [
      { externalId: 'm1', email: 'anna@shop.test', tags: ['vip'], attributes: { city: 'Paris', vip: true } },
      { externalId: 'm2', email: 'andre@shop.test', tags: ['vip', 'student'], attributes: { city: 'Lyon' } },
      { externalId: 'm3', email: 'bea@shop.test', tags: [], attributes: { city: 'Paris', visits: 12 } },
      { externalId: 'an_4', email: 'zed@shop.test', tags: ['student'], attributes: { city: 'true' } },
    ];
    for (const m of seed) expect((await post(tenant, m)).statusCode).toBe(201);
    await t.prisma.member.updateMany({
      where: { tenantId: tenant.id, externalId: { in: ['m1', 'm2'] } },
      data: { enrolledAt: new Date('2024-01-15T00:00:00Z') },
    });
    const m3 = await t.prisma.member.findFirstOrThrow({ where: { tenantId: tenant.id, externalId: 'm3' } });
    await t.app.inject({ method: 'POST', url: `/v1/members/${m3.id}/erase`, headers: tenant.as('owner') });

    const ids = async (query: string) => (await list(tenant, query)).items.map((m) => m.externalId);
    expect(await ids('')).toEqual(['m1', 'm2', `erased:${m3.id}`, 'an_4']);
    expect(await ids('tag=vip')).toEqual(['m1', 'm2']);
    expect(await ids('tag=vip&tag=student')).toEqual(['m2']);
    expect(await ids('status=erased')).toEqual([`erased:${m3.id}`]);
    expect(await ids('status=active&tag=student')).toEqual(['m2', 'an_4']);
    expect(await ids('enrolledBefore=2024-02-01T00:00:00Z')).toEqual(['m1', 'm2']);
    expect(await ids('enrolledAfter=2024-02-01T00:00:00Z&status=active')).toEqual(['an_4']);
    expect(await ids('attribute=city:Paris')).toEqual(['m1']);
    expect(await ids('attribute=city:Paris&attribute=vip:true')).toEqual(['m1']);
    expect(await ids('attribute=city:true')).toEqual(['an_4']);
    expect(await ids('attribute=vip:true')).toEqual(['m1']);
    expect(await ids('q=AN')).toEqual(['m1', 'm2']);
    expect(await ids('q=an_4')).toEqual(['an_4']);
    expect(await ids('q=anna@shop.test')).toEqual(['m1']);
    expect(await ids('q=m')).toEqual([]);

    const first = await list(tenant, 'limit=3');
    expect(first.items.map((m) => m.externalId)).toEqual(['m1', 'm2', `erased:${m3.id}`]);
    const second = await list(tenant, `limit=3&cursor=${first.nextCursor}`);
    expect(second).toMatchObject({ items: [{ externalId: 'an_4' }], nextCursor: null });

    // With sequential scans priced out, the planner must be able to answer each filter from an index.
    const plans = await t.prisma.$transaction(async (tx) => {
      await tx.$executeRaw`SET LOCAL enable_seqscan = off`;
      const plan = async (where: string) =>
        (await tx.$queryRawUnsafe<{ 'QUERY PLAN': string }[]>(`EXPLAIN SELECT id FROM members WHERE ${where}`))
          .map((r) => r['QUERY PLAN'])
          .join('\n');
      return {
        q: await plan(`email ^@ 'an' OR external_id = 'an'`),
        tag: await plan(`tags @> ARRAY['vip']`),
        attribute: await plan(`attributes @> '{"city":"Paris"}'`),
      };
    });
    expect(plans.q).toContain('members_email_idx');
    expect(plans.q).toContain('members_tenant_id_external_id_key');
    expect(plans.tag).toContain('members_tags_idx');
    expect(plans.attribute).toContain('members_attributes_idx');
  });

  it("exports everything Monet holds on a member, and none of another member's data", async () => {
    const tenant = await t.tenant();
    const member = (await post(tenant, ada)).json();
    const other = (await post(tenant, { externalId: 'someone-else' })).json();
    const seeded = await seedHistory(tenant.id, member.id);
    await seedHistory(tenant.id, other.id);

    const res = await t.app.inject({
      method: 'GET',
      url: `/v1/members/${member.id}/export`,
      headers: tenant.as('viewer'),
    });
    expect(res.statusCode, res.body).toBe(200);
    const doc = res.json();
    expect(doc.profile).toEqual(member);
    expect(doc.balances).toEqual([expect.objectContaining({ programId: seeded.programId, available: 70 })]);
    expect(doc.ledger.map((e: { points: number; seq: number }) => [e.seq, e.points])).toEqual([
      [1, 100],
      [2, -30],
    ]);
    expect(doc.pointLots).toEqual([expect.objectContaining({ points: 100, remaining: 70 })]);
    expect(doc.events).toEqual([
      expect.objectContaining({ id: seeded.eventId, attributes: { note: 'gift for Ada' }, amountMinor: 1000 }),
    ]);
    expect(doc.redemptions).toEqual([expect.objectContaining({ id: seeded.redemptionId, code: 'FREE-COFFEE-1' })]);
    expect(doc.tierChanges).toEqual([expect.objectContaining({ reason: 'upgrade' })]);
    expect(doc.ledger[0].createdAt).toMatch(/^\d{4}-\d\d-\d\dT.*Z$/);
    for (const section of ['balances', 'ledger', 'pointLots', 'events', 'redemptions', 'tierChanges']) {
      for (const row of doc[section]) expect([section, row.memberId]).toEqual([section, member.id]);
    }
  });

  it('erases personal data, keeps every amount, is idempotent, and stops the member taking part', async () => {
    const tenant = await t.tenant();
    const member = (await post(tenant, ada)).json();
    const seeded = await seedHistory(tenant.id, member.id);
    await t.app.inject({
      method: 'PATCH',
      url: `/v1/members/${member.id}`,
      headers: tenant.as('owner'),
      payload: { firstName: 'Augusta' },
    });
    // The events module announces the members it enrols in its own shape; erasure must reach those too.
    await withTenant(t.prisma, tenant.id, (tx) =>
      emit(tx, tenant.id, 'member.created', { memberId: member.id, externalId: ada.externalId, enrolledBy: 'event' }),
    );
    const sum = async () =>
      (await t.prisma.ledgerEntry.aggregate({ where: { tenantId: tenant.id }, _sum: { points: true } }))._sum.points;
    const sumBefore = await sum();
    await t.prisma.memberScore.create({
      data: {
        tenantId: tenant.id,
        memberId: member.id,
        runId: randomUUID(),
        churnProbability: 0.7,
        churnRiskBand: 'high',
        predictedClvMinor: 12_000n,
        probabilityAlive: 0.4,
        expectedPurchases: 1.5,
      },
    });

    const erase = () =>
      t.app.inject({ method: 'POST', url: `/v1/members/${member.id}/erase`, headers: tenant.as('admin') });
    const first = await erase();
    expect(first.statusCode, first.body).toBe(200);
    const erased = first.json();
    expect(erased).toMatchObject({
      id: member.id,
      externalId: `erased:${member.id}`,
      email: null,
      firstName: null,
      lastName: null,
      phone: null,
      birthDate: null,
      attributes: {},
      tags: [],
      consents: { email: false, sms: false, push: false },
      status: 'erased',
    });
    expect(erased.erasedAt).toEqual(expect.any(String));

    const again = await erase();
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(erased);

    expect(await sum()).toBe(sumBefore);
    expect(await t.prisma.balance.findFirstOrThrow({ where: { memberId: member.id } })).toMatchObject({
      available: 70,
      lifetimeEarned: 100,
      redeemed: 30,
    });
    expect((await t.prisma.event.findUniqueOrThrow({ where: { id: seeded.eventId } })).attributes).toEqual({});
    // A churn risk and a lifetime value are about the person too.
    expect(await t.prisma.memberScore.count({ where: { memberId: member.id } })).toBe(0);

    // Nothing personal is left anywhere Monet copied it: the audit snapshots and the outbox.
    const stored = JSON.stringify([
      await t.prisma.member.findUniqueOrThrow({ where: { id: member.id } }),
      await t.prisma.auditLog.findMany({ where: { tenantId: tenant.id } }),
      await t.prisma.outboxEvent.findMany({ where: { tenantId: tenant.id } }),
      await t.prisma.event.findMany({ where: { tenantId: tenant.id } }),
    ]);
    for (const personal of [
      'cust-1042',
      'ada@example.com',
      'Ada',
      'Augusta',
      'Lovelace',
      '+4420',
      '1815',
      'flat white',
    ]) {
      expect([personal, stored.includes(personal)]).toEqual([personal, false]);
    }
    const log = await t.prisma.auditLog.findMany({
      where: { tenantId: tenant.id, entityId: member.id },
      orderBy: { createdAt: 'asc' },
    });
    expect(log.map((e) => e.action)).toEqual(['member.create', 'member.update', 'member.erase']);
    expect(log[2]).toMatchObject({ actorId: tenant.users.admin.id, before: { status: 'active' } });
    const announced = await t.prisma.outboxEvent.findMany({
      where: { tenantId: tenant.id, type: 'member.created' },
      orderBy: { createdAt: 'asc' },
    });
    expect(announced.map((e) => e.payload)).toEqual([
      { memberId: member.id, externalId: erased.externalId, member: erased },
      { memberId: member.id, externalId: erased.externalId, enrolledBy: 'event' },
    ]);

    const change = await t.app.inject({
      method: 'PATCH',
      url: `/v1/members/${member.id}`,
      headers: tenant.as('owner'),
      payload: { email: 'back@example.com' },
    });
    expect(change.statusCode).toBe(422);
    expect(change.json().type).toBe('https://monet.dev/problems/member-erased');
    const row = await t.prisma.member.findUniqueOrThrow({ where: { id: member.id } });
    expect(() => assertActive(row)).toThrow(/was erased/);

    // The person is no longer identifiable: their old external id enrols someone new.
    const back = await withTenant(t.prisma, tenant.id, (tx) => enrol(tx, tenant.id, { externalId: ada.externalId }));
    expect(back.created).toBe(true);
    expect(back.member.id).not.toBe(member.id);
  });

  it('enrols an unknown member once, even when two transactions race for the same external id', async () => {
    const tenant = await t.tenant();
    const existing = (await post(tenant, { externalId: 'known' })).json();
    const known = await withTenant(t.prisma, tenant.id, (tx) => enrol(tx, tenant.id, { externalId: 'known' }));
    expect(known).toMatchObject({ created: false, member: { id: existing.id } });

    const raced = await Promise.all(
      Array.from({ length: 8 }, () =>
        withTenant(t.prisma, tenant.id, (tx) => enrol(tx, tenant.id, { externalId: 'new-9', email: 'N9@x.test' })),
      ),
    );
    expect(raced.filter((r) => r.created)).toHaveLength(1);
    expect(new Set(raced.map((r) => r.member.id)).size).toBe(1);
    expect(raced[0]!.member.email).toBe('n9@x.test');
    expect(await t.prisma.outboxEvent.count({ where: { tenantId: tenant.id, type: 'member.created' } })).toBe(2);

    await expect(
      withTenant(t.prisma, tenant.id, (tx) => enrol(tx, tenant.id, { externalId: 'new-10', email: 'n9@x.test' })),
    ).rejects.toMatchObject({ status: 409, extensions: { field: 'email', existingMemberId: raced[0]!.member.id } });
    expect(await withTenant(t.prisma, tenant.id, (tx) => findByExternalId(tx, tenant.id, 'new-10'))).toBeNull();
  });

  it("answers 404 for another tenant's member on every route, and leaves it unchanged", async () => {
    const theirs = (await post(b, { ...ada, externalId: 'theirs', email: 'theirs@example.com' })).json();
    for (const [method, url, payload] of [
      ['GET', `/v1/members/${theirs.id}`, undefined],
      ['PATCH', `/v1/members/${theirs.id}`, { firstName: 'hijacked' }],
      ['GET', `/v1/members/${theirs.id}/export`, undefined],
      ['POST', `/v1/members/${theirs.id}/erase`, undefined],
    ] as const) {
      const res = await t.app.inject({ method, url, headers: a.as('owner'), payload });
      expect([method, url, res.statusCode]).toEqual([method, url, 404]);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    const search = await list(a, 'q=theirs');
    expect(search.items).toEqual([]);
    const all = await list(a, 'limit=200');
    expect(all.items.some((m) => m.externalId === 'theirs')).toBe(false);
    expect(await t.prisma.member.findUniqueOrThrow({ where: { id: theirs.id } })).toMatchObject({
      firstName: 'Ada',
      status: 'active',
    });
  });

  it('gives each role exactly its access', async () => {
    const tenant = await t.tenant();
    const target = (await post(tenant, { externalId: 'target' })).json();
    const routes = {
      create: { method: 'POST', url: '/v1/members', payload: (role: string) => ({ externalId: `by-${role}` }) },
      list: { method: 'GET', url: '/v1/members' },
      get: { method: 'GET', url: `/v1/members/${target.id}` },
      update: { method: 'PATCH', url: `/v1/members/${target.id}`, payload: () => ({ tags: ['x'] }) },
      export: { method: 'GET', url: `/v1/members/${target.id}/export` },
    } as const;
    const expected = {
      owner: { create: 201, list: 200, get: 200, update: 200, export: 200 },
      admin: { create: 201, list: 200, get: 200, update: 200, export: 200 },
      marketer: { create: 201, list: 200, get: 200, update: 200, export: 200 },
      analyst: { create: 403, list: 200, get: 200, update: 403, export: 200 },
      viewer: { create: 403, list: 200, get: 200, update: 403, export: 200 },
    } as const;
    for (const [role, statuses] of Object.entries(expected) as [keyof typeof expected, Record<string, number>][]) {
      for (const [name, route] of Object.entries(routes)) {
        const payload = 'payload' in route ? route.payload(role) : undefined;
        const res = await t.app.inject({ method: route.method, url: route.url, headers: tenant.as(role), payload });
        expect([role, name, res.statusCode]).toEqual([role, name, statuses[name]]);
      }
    }
    // Erasure is irreversible: owners and admins only.
    for (const role of ['viewer', 'analyst', 'marketer', 'admin', 'owner'] as const) {
      const member = (await post(tenant, { externalId: `erase-by-${role}` })).json();
      const res = await t.app.inject({
        method: 'POST',
        url: `/v1/members/${member.id}/erase`,
        headers: tenant.as(role),
      });
      expect([role, res.statusCode]).toEqual([role, role === 'owner' || role === 'admin' ? 200 : 403]);
    }
    expect((await t.app.inject({ method: 'GET', url: '/v1/members' })).statusCode).toBe(401);
  });

  it('refuses bad input with the path of each bad field, before anything is written', async () => {
    const tenant = await t.tenant();
    const paths = async (method: 'POST' | 'PATCH' | 'GET', url: string, payload?: object) => {
      const res = await t.app.inject({ method, url, headers: tenant.as('owner'), payload });
      expect(res.statusCode, res.body).toBe(400);
      return res
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort();
    };
    expect(
      await paths('POST', '/v1/members', {
        externalId: 'ok',
        email: 'not-an-email',
        phone: '020 7123 4567',
        birthDate: '1815-13-40',
        consents: { email: 'yes', fax: true },
        tags: ['a b'],
        colour: 'blue',
      }),
    ).toEqual([
      'body.birthDate',
      'body.colour',
      'body.consents.email',
      'body.consents.fax',
      'body.email',
      'body.phone',
      'body.tags.0',
    ]);
    expect(await paths('POST', '/v1/members', { email: 'a@b.test' })).toEqual(['body.externalId']);
    expect(await paths('POST', '/v1/members', { externalId: 'erased:abc' })).toEqual(['body.externalId']);
    expect(await paths('POST', '/v1/members', { externalId: 'x', attributes: { nested: { a: 1 } } })).toEqual([
      'body.attributes.nested',
    ]);
    const badKey = await t.app.inject({
      method: 'POST',
      url: '/v1/members',
      headers: tenant.as('owner'),
      payload: { externalId: 'x', attributes: { 'bad key': 1, ['k'.repeat(65)]: 2, fine: 3 } },
    });
    const keyMessage = 'is not an allowed key: it must match pattern "^[A-Za-z_][A-Za-z0-9_.-]{0,63}$"';
    expect(badKey.json().errors).toEqual([
      { path: 'body.attributes.bad key', message: keyMessage },
      { path: `body.attributes.${'k'.repeat(65)}`, message: keyMessage },
    ]);
    const tooMany = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, i]));
    expect(await paths('POST', '/v1/members', { externalId: 'x', attributes: tooMany })).toEqual(['body.attributes']);
    const tooBig = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`k${i}`, 'x'.repeat(450)]));
    expect(await paths('POST', '/v1/members', { externalId: 'x', attributes: tooBig })).toEqual(['body.attributes']);
    expect(await paths('POST', '/v1/members', { externalId: 'x', birthDate: '2999-01-01' })).toEqual([
      'body.birthDate',
    ]);
    expect(await t.prisma.member.count({ where: { tenantId: tenant.id } })).toBe(0);

    const member = (await post(tenant, { externalId: 'm', tags: ['a'] })).json();
    expect(await paths('PATCH', `/v1/members/${member.id}`, {})).toEqual(['body']);
    expect(await paths('PATCH', `/v1/members/${member.id}`, { externalId: 'other' })).toEqual(['body.externalId']);
    expect(await paths('PATCH', `/v1/members/${member.id}`, { tags: { add: ['b'], remove: ['b'] } })).toEqual([
      'body.tags',
    ]);
    expect(await paths('PATCH', '/v1/members/not-a-uuid', { firstName: 'x' })).toEqual(['params.memberId']);
    expect(await paths('GET', '/v1/members?status=gone&enrolledAfter=yesterday&attribute=nocolon&sort=name')).toEqual([
      'querystring.attribute.0',
      'querystring.enrolledAfter',
      'querystring.sort',
      'querystring.status',
    ]);
    expect(await paths('GET', '/v1/members?cursor=garbage')).toEqual(['querystring.cursor']);
    expect((await t.prisma.member.findUniqueOrThrow({ where: { id: member.id } })).tags).toEqual(['a']);
  });

  it('documents every route in the OpenAPI description, with examples', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/v1/members',
        '/v1/members/{memberId}',
        '/v1/members/{memberId}/export',
        '/v1/members/{memberId}/erase',
      ]),
    );
    const body = doc.paths['/v1/members'].post.requestBody.content['application/json'].schema;
    expect(body.properties.phone).toMatchObject({ type: ['string', 'null'], examples: ['+442071234567'] });
    expect(body.properties.attributes.examples).toEqual([{ favouriteDrink: 'flat white', newsletter: true }]);
    // The key rule is published, not only checked.
    const keyRule = {
      type: 'string',
      pattern: '^[A-Za-z_][A-Za-z0-9_.-]{0,63}$',
      description: 'A letter or _, then letters, digits, _, . or -; at most 64 characters',
    };
    expect(body.properties.attributes.propertyNames).toEqual(keyRule);
    const patch = doc.paths['/v1/members/{memberId}'].patch.requestBody.content['application/json'].schema;
    expect(patch.properties.attributes.propertyNames).toEqual(keyRule);
  });

  /** A member's history in one program, written as the ledger would: 100 earned, 30 spent, a tier change. */
  async function seedHistory(tenantId: string, memberId: string) {
    const program = await t.prisma.program.create({
      data: { tenantId, name: 'Rewards', pointsName: 'Beans', earningCurrency: 'EUR' },
    });
    const mine = { tenantId, memberId, programId: program.id };
    const event = await t.prisma.event.create({
      data: {
        ...mine,
        externalId: `order-${memberId}`,
        type: 'purchase',
        occurredAt: new Date('2025-03-01T10:00:00Z'),
        amountMinor: 1000,
        currency: 'EUR',
        attributes: { note: 'gift for Ada' },
      },
    });
    const reward = await t.prisma.reward.create({
      data: { tenantId, programId: program.id, name: 'Coffee', kind: 'free_item', costPoints: 30 },
    });
    const redemption = await t.prisma.redemption.create({
      data: {
        ...mine,
        rewardId: reward.id,
        points: 30,
        status: 'fulfilled',
        code: 'FREE-COFFEE-1',
        holdExpiresAt: new Date('2025-03-02T00:00:00Z'),
      },
    });
    await t.prisma.balance.create({
      data: { ...mine, available: 70, lifetimeEarned: 100, redeemed: 30, seq: 2 },
    });
    const earned = await t.prisma.ledgerEntry.create({
      data: { ...mine, seq: 1, kind: 'accrual', points: 100, eventId: event.id },
    });
    await t.prisma.ledgerEntry.create({
      data: { ...mine, seq: 2, kind: 'redemption', points: -30, redemptionId: redemption.id },
    });
    await t.prisma.pointLot.create({
      data: { ...mine, ledgerEntryId: earned.id, earnedAt: event.occurredAt, points: 100, remaining: 70 },
    });
    await t.prisma.tierChange.create({ data: { ...mine, reason: 'upgrade' } });
    return { programId: program.id, eventId: event.id, redemptionId: redemption.id };
  }
});
