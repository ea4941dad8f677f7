import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiTest, createProgram, startApiTest, type TestTenant } from '../../../test/support.ts';
import { AT_RISK_HIGH_SPENDERS, SEGMENT_LIMITS } from '../../domain/segments/segment-definition.ts';
import { withTenant } from '../../infra/tenant-tx.ts';

/**
 * Segments on a real Postgres, without a warehouse: the test api's ClickHouse URL points at a closed port, so a
 * request that reached ClickHouse would answer 503. Every 400 and 404 here was therefore decided before any SQL
 * was built. Previews, members, snapshots and exports on real marts: api/test/segments.test.ts.
 */
describe('segments without a warehouse', () => {
  let t: ApiTest;
  let a: TestTenant;
  let b: TestTenant;
  let campaignA: string;
  let campaignB: string;
  let tierB: string;

  const dynamic = { name: 'At-risk high spenders', kind: 'dynamic', definition: AT_RISK_HIGH_SPENDERS };

  async function campaign(tenant: TestTenant): Promise<string> {
    const programId = await createProgram(t, tenant, 'EUR');
    const row = await t.prisma.campaign.create({
      data: {
        tenantId: tenant.id,
        programId,
        name: 'Double points',
        type: 'multiplier',
        config: { percent: 200 },
        variants: [{ key: 'treatment', name: 'Treatment', percent: 100 }],
        startsAt: new Date('2026-03-01T00:00:00Z'),
        endsAt: new Date('2026-04-01T00:00:00Z'),
      },
    });
    return row.id;
  }

  beforeAll(async () => {
    t = await startApiTest();
    [a, b] = await Promise.all([t.tenant(), t.tenant()]);
    [campaignA, campaignB] = await Promise.all([campaign(a), campaign(b)]);
    const programB = (await t.prisma.program.findFirstOrThrow({ where: { tenantId: b.id } })).id;
    tierB = (
      await t.prisma.tier.create({
        data: {
          tenantId: b.id,
          programId: programB,
          name: 'Gold',
          rank: 1,
          qualification: 'lifetime_points',
          threshold: 1,
        },
      })
    ).id;
  });
  afterAll(() => t?.stop());

  const send = (
    method: 'POST' | 'PUT' | 'GET' | 'DELETE',
    url: string,
    payload?: object,
    tenant = a,
    role = 'marketer' as const,
  ) => t.app.inject({ method, url, headers: tenant.as(role), ...(payload && { payload }) });

  async function create(body: object = dynamic, tenant = a): Promise<{ id: string; version: { id: string } }> {
    const res = await send('POST', '/v1/segments', body, tenant);
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  }

  it('creates a dynamic segment with version 1 and audits it', async () => {
    const res = await send('POST', '/v1/segments', { ...dynamic, description: 'Spent 500, quiet for 60 days' });
    expect(res.statusCode, res.body).toBe(201);
    const segment = res.json();
    expect(segment).toMatchObject({
      name: 'At-risk high spenders',
      description: 'Spent 500, quiet for 60 days',
      kind: 'dynamic',
      currentVersion: 1,
      createdBy: a.users.marketer.id,
      deletedAt: null,
      version: { version: 1, definition: AT_RISK_HIGH_SPENDERS, memberCount: null },
      versions: [{ version: 1, id: segment.version.id }],
    });
    const log = await t.prisma.auditLog.findMany({ where: { entityId: segment.id } });
    expect(log).toMatchObject([
      {
        action: 'segment.create',
        actorId: a.users.marketer.id,
        after: { version: 1, definition: AT_RISK_HIGH_SPENDERS },
      },
    ]);
  });

  it('saves each edit as a new immutable version, and shows past ones', async () => {
    const created = await create();
    const edited = { all: [{ rfmSegment: { eq: 'Champions' } }, { campaign: { id: campaignA, responded: true } }] };
    const res = await send('PUT', `/v1/segments/${created.id}`, {
      name: 'Champions who responded',
      definition: edited,
    });
    expect(res.statusCode, res.body).toBe(200);
    const updated = res.json();
    expect(updated).toMatchObject({ name: 'Champions who responded', description: null, currentVersion: 2 });
    expect(updated.version).toMatchObject({ version: 2, definition: edited });
    expect(updated.versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    const first = await send('GET', `/v1/segments/${created.id}?version=1`, undefined, a, 'viewer' as never);
    expect(first.json().version).toMatchObject({
      version: 1,
      id: created.version.id,
      definition: AT_RISK_HIGH_SPENDERS,
    });
    expect((await send('GET', `/v1/segments/${created.id}?version=3`)).statusCode).toBe(404);
    const log = await t.prisma.auditLog.findMany({ where: { entityId: created.id }, orderBy: { createdAt: 'asc' } });
    expect(log.map((l) => l.action)).toEqual(['segment.create', 'segment.update']);
    expect(log[1]).toMatchObject({ before: { version: 1 }, after: { version: 2, definition: edited } });
  });

  it('deletes softly: gone from lists, readable with its versions, no longer editable', async () => {
    const created = await create({ ...dynamic, name: 'To delete' });
    const deleted = await send('DELETE', `/v1/segments/${created.id}`);
    expect(deleted.statusCode).toBe(200);
    expect(deleted.json().deletedAt).not.toBeNull();
    expect((await send('DELETE', `/v1/segments/${created.id}`)).json().deletedAt).toBe(deleted.json().deletedAt);
    const read = await send('GET', `/v1/segments/${created.id}`);
    expect(read.json()).toMatchObject({ id: created.id, version: { id: created.version.id } });
    const edit = await send('PUT', `/v1/segments/${created.id}`, { name: 'x', definition: { all: [] } });
    expect(edit.statusCode).toBe(422);
    expect(edit.json().type).toBe('https://monet.dev/problems/segment-deleted');
    const listed = async (query = '') =>
      (await send('GET', `/v1/segments?limit=200${query}`)).json().items.map((s: { id: string }) => s.id);
    expect(await listed()).not.toContain(created.id);
    expect(await listed('&includeDeleted=true')).toContain(created.id);
    const actions = await t.prisma.auditLog.findMany({
      where: { entityId: created.id },
      orderBy: { createdAt: 'asc' },
    });
    expect(actions.map((l) => l.action)).toEqual(['segment.create', 'segment.delete']);
  });

  it('lists in creation order with cursor pages, each with its current definition', async () => {
    const tenant = await t.tenant();
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push((await create({ ...dynamic, name: `S${i}` }, tenant)).id);
    const first = (await send('GET', '/v1/segments?limit=2', undefined, tenant, 'viewer' as never)).json();
    expect(first.items.map((s: { id: string }) => s.id)).toEqual(ids.slice(0, 2));
    expect(first.items[0].version.definition).toEqual(AT_RISK_HIGH_SPENDERS);
    const next = (await send('GET', `/v1/segments?limit=2&cursor=${first.nextCursor}`, undefined, tenant)).json();
    expect(next).toMatchObject({ items: [{ id: ids[2] }], nextCursor: null });
    const forged = Buffer.from(JSON.stringify({ createdAt: 'yesterday', id: 'x' })).toString('base64url');
    expect((await send('GET', `/v1/segments?cursor=${forged}`, undefined, tenant)).statusCode).toBe(400);
  });

  it.each([
    ['an unknown field', { email: { eq: 'a@b.c' } }, 'body.definition.email'],
    ['a value of the wrong type', { all: [{ purchases: { gte: 'many' } }] }, 'body.definition.all[0].purchases.gte'],
    ['an operator the type does not take', { tags: { gt: 3 } }, 'body.definition.tags.gt'],
    [
      'a tree too deep',
      JSON.parse(`${'{"not":'.repeat(SEGMENT_LIMITS.depth)}{"rScore":{"eq":5}}${'}'.repeat(SEGMENT_LIMITS.depth)}`),
      `body.definition${'.not'.repeat(SEGMENT_LIMITS.depth)}`,
    ],
    [
      'a tree too wide',
      { any: Array.from({ length: SEGMENT_LIMITS.width + 1 }, () => ({ rScore: { eq: 5 } })) },
      'body.definition.any',
    ],
  ])('refuses %s with problem+json 400 naming its path, before any SQL', async (_, definition, path) => {
    for (const [method, url, body] of [
      ['POST', '/v1/segments', { ...dynamic, definition }],
      ['POST', '/v1/segments:preview', { definition }],
    ] as const) {
      const res = await send(method, url, body);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().errors.map((e: { path: string }) => e.path)).toContain(path);
    }
  });

  it.each([
    ['an unknown field beside the definition', { ...dynamic, owner: 'me' }, 'body.owner'],
    ['a name too long', { ...dynamic, name: 'x'.repeat(201) }, 'body.name'],
    ['an unknown kind', { ...dynamic, kind: 'live' }, 'body.kind'],
    ['no definition', { name: 'x', kind: 'dynamic' }, 'body.definition'],
  ])('refuses %s', async (_, body, path) => {
    const res = await send('POST', '/v1/segments', body);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().errors.map((e: { path: string }) => e.path)).toContain(path);
  });

  it("refuses another tenant's campaign or tier in a definition, naming its path, before any SQL", async () => {
    const definition = {
      all: [{ campaign: { id: campaignB } }, { campaign: { id: campaignA } }, { tierId: { in: [tierB] } }],
    };
    for (const [url, body] of [
      ['/v1/segments', { ...dynamic, definition }],
      ['/v1/segments:preview', { definition }],
    ] as const) {
      const res = await send('POST', url, body);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().errors).toEqual([
        { path: 'body.definition.all[0].campaign.id', message: 'is not a campaign of the tenant' },
        { path: 'body.definition.all[2].tierId.in[0]', message: 'is not a tier of the tenant' },
      ]);
    }
  });

  it("answers 404 for another tenant's segment on every route, and changes nothing", async () => {
    const theirs = await create(dynamic, b);
    for (const [method, url, body] of [
      ['GET', `/v1/segments/${theirs.id}`, undefined],
      ['GET', `/v1/segments/${theirs.id}?version=1`, undefined],
      ['PUT', `/v1/segments/${theirs.id}`, { name: 'mine now', definition: { all: [] } }],
      ['DELETE', `/v1/segments/${theirs.id}`, undefined],
      ['POST', `/v1/segments/${theirs.id}:snapshot`, undefined],
      ['GET', `/v1/segments/${theirs.id}/members`, undefined],
    ] as const) {
      const res = await send(method, url, body);
      expect([method, url, res.statusCode]).toEqual([method, url, 404]);
      expect(res.json().type).toBe('https://monet.dev/problems/not-found');
    }
    const export_ = await t.app.inject({
      method: 'POST',
      url: '/v1/exports',
      headers: { ...a.as('analyst'), 'idempotency-key': 'theirs' },
      payload: { mart: 'member_360', format: 'csv', segment: { id: theirs.id } },
    });
    expect(export_.statusCode).toBe(404);
    const after = await send('GET', `/v1/segments/${theirs.id}`, undefined, b);
    expect(after.json()).toMatchObject({ name: dynamic.name, currentVersion: 1, deletedAt: null });
    expect((await send('GET', '/v1/segments?includeDeleted=true&limit=200')).json().items).not.toContainEqual(
      expect.objectContaining({ id: theirs.id }),
    );
  });

  it("keeps each tenant's rows to itself in Postgres too (row-level security)", async () => {
    const theirs = await create(dynamic, b);
    const seen = await withTenant(
      t.prisma,
      a.id,
      (tx) =>
        tx.$queryRaw<{ n: number }[]>`
        SELECT (SELECT count(*) FROM segments WHERE id = ${theirs.id}::uuid)::int
             + (SELECT count(*) FROM segment_versions WHERE segment_id = ${theirs.id}::uuid)::int AS n`,
    );
    expect(seen).toEqual([{ n: 0 }]);
  });

  it('refuses a snapshot of a dynamic segment', async () => {
    const created = await create();
    const res = await send('POST', `/v1/segments/${created.id}:snapshot`);
    expect(res.statusCode).toBe(422);
    expect(res.json().type).toBe('https://monet.dev/problems/segment-not-static');
  });

  it('answers 503 when the warehouse is needed and down, and keeps nothing of a static save', async () => {
    const before = await t.prisma.segment.count({ where: { tenantId: a.id } });
    const statics = await send('POST', '/v1/segments', { ...dynamic, kind: 'static', name: 'Frozen' });
    expect(statics.statusCode, statics.body).toBe(503);
    expect(await t.prisma.segment.count({ where: { tenantId: a.id } })).toBe(before);
    const preview = await send('POST', '/v1/segments:preview', { definition: AT_RISK_HIGH_SPENDERS });
    expect(preview.statusCode).toBe(503);
    expect(preview.json().type).toBe('https://monet.dev/problems/warehouse-unavailable');
    const created = await create();
    expect((await send('GET', `/v1/segments/${created.id}/members`)).statusCode).toBe(503);
  });

  it('lets analysts and viewers read, and only owners, admins and marketers write', async () => {
    const created = await create();
    for (const role of ['analyst', 'viewer'] as const) {
      expect((await send('GET', `/v1/segments/${created.id}`, undefined, a, role as never)).statusCode).toBe(200);
      expect((await send('POST', '/v1/segments', dynamic, a, role as never)).statusCode).toBe(403);
      expect((await send('DELETE', `/v1/segments/${created.id}`, undefined, a, role as never)).statusCode).toBe(403);
    }
    expect((await t.app.inject({ method: 'GET', url: '/v1/segments' })).statusCode).toBe(401);
  });

  it('refuses a members cursor of another version, or one it did not issue', async () => {
    const created = await create({ ...dynamic, kind: 'dynamic' });
    const cursor = (key: object) => Buffer.from(JSON.stringify(key)).toString('base64url');
    for (const bad of [
      `version=2&cursor=${cursor({ version: 1, after: '00000000-0000-4000-8000-000000000000' })}`,
      `cursor=${cursor({ version: 1, after: '-'.repeat(36) })}`,
      `cursor=${cursor({ version: 1, after: "x' OR 1=1 --" })}`,
      `cursor=${cursor({ version: 1.5, after: '00000000-0000-4000-8000-000000000000' })}`,
      `cursor=${cursor({ version: 1e300, after: '00000000-0000-4000-8000-000000000000' })}`,
      'cursor=not-a-cursor',
    ]) {
      const res = await send('GET', `/v1/segments/${created.id}/members?${bad}`);
      expect([bad, res.statusCode]).toEqual([bad, 400]);
      expect(res.json().errors[0]).toMatchObject({ path: 'querystring.cursor' });
    }
  });
});
