import type { GatewayHandle } from '@loyaltystudio/engines';
import { startTestGateway, tempDir } from '@loyaltystudio/engines/testing';
import { clickhouseMartReader } from '@loyaltystudio/warehouse';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileDefinition } from '../src/domain/segments/compile-definition.ts';
import { AT_RISK_HIGH_SPENDERS, type SegmentNode } from '../src/domain/segments/segment-definition.ts';
import { SEGMENT_SOURCES } from '../src/domain/segments/segment-fields.ts';
import { segmentMemberIdsQuery } from '../src/domain/segments/segment-queries.ts';
import { DEFAULT_VOCABULARY, definition } from '../src/domain/segments/segments.arbitraries.ts';
import { NotFoundError } from '../src/errors.ts';
import { createSegmentsService } from '../src/modules/segments/segments.service.ts';
import { addSegmentFixtures } from './segment-fixtures.ts';
import { type CampaignRow, type MemberRow, type ReferenceData, referenceMembers } from './segment-reference.ts';
import { type ApiTest, startApiTest, startFixtureMarts, type TestTenant } from './support.ts';

const SETTINGS = { output_format_json_quote_64bit_integers: 0, date_time_output_format: 'iso' } as const;

/**
 * Segments on the marts dbt builds from the proven fixture, its two merchants mapped onto tenants a and b: the
 * allow-list matches the built tables, compiled definitions select exactly what a reference evaluation of the
 * documented format selects, and previews, member pages, static snapshots, `membersOfVersion` and exports agree
 * with it, each for the caller's tenant only.
 */
describe('segments on real marts', () => {
  let gateway: GatewayHandle;
  let t: ApiTest;
  let a: TestTenant;
  let b: TestTenant;
  let data: ReferenceData;
  let service: ReturnType<typeof createSegmentsService>;
  const work = tempDir('segments-dbt');
  const files = tempDir('segments-exports');
  let key = 0;

  async function rows<T>(query: string, params: Record<string, unknown> = {}): Promise<T[]> {
    const result = await t.clickhouse.query({
      query,
      query_params: params,
      format: 'JSONEachRow',
      clickhouse_settings: SETTINGS,
    });
    return result.json<T>();
  }

  async function referenceData(tenant: TestTenant): Promise<ReferenceData> {
    const params = { tenant: tenant.id };
    const [members, campaigns, attributes, predictions] = await Promise.all([
      rows<MemberRow>('SELECT * FROM marts.member_360 WHERE tenant_id = {tenant:UUID}', params),
      rows<CampaignRow>('SELECT * FROM marts.member_campaigns WHERE tenant_id = {tenant:UUID}', params),
      rows<{ member_id: string; attributes: Record<string, string> }>(
        'SELECT member_id, attributes FROM staging.stg_monet__member_attributes WHERE tenant_id = {tenant:UUID}',
        params,
      ),
      rows<Record<string, unknown>>('SELECT * FROM marts.member_predictions WHERE tenant_id = {tenant:UUID}', params),
    ]);
    return {
      members,
      campaigns,
      attributes: new Map(attributes.map((r) => [r.member_id, r.attributes])),
      predictions: new Map(predictions.map((r) => [String(r.member_id), r])),
    };
  }

  beforeAll(async () => {
    gateway = await startTestGateway();
    t = await startApiTest({ clickhouseUrl: gateway.url, exports: { dir: files.path } });
    const built = await startFixtureMarts(t, gateway.url, work.path);
    ({ a, b } = built);
    const fixture = await addSegmentFixtures(t, { a: a.id, b: b.id }, built.programs, {
      clickhouseUrl: gateway.url,
      workDir: work.path,
    });
    // The fixture's campaigns and tiers are tenant a's in Postgres too, so definitions may name them.
    for (const c of fixture.tables.campaigns ?? []) {
      if (c.tenant_id !== a.id) continue;
      await t.prisma.campaign.create({
        data: {
          id: String(c.id),
          tenantId: a.id,
          programId: built.programs.a,
          name: String(c.name),
          type: 'multiplier',
          config: { percent: 200 },
          variants: [{ key: 'treatment', name: 'Treatment', percent: 100 }],
          holdoutPercent: 20,
          startsAt: new Date(`${c.starts_at}Z`),
          endsAt: new Date(`${c.ends_at}Z`),
        },
      });
    }
    for (const tier of fixture.tables.tiers ?? []) {
      if (tier.tenant_id !== a.id) continue;
      await t.prisma.tier.create({
        data: {
          id: String(tier.id),
          tenantId: a.id,
          programId: built.programs.a,
          name: String(tier.name),
          rank: Number(tier.rank),
          qualification: 'lifetime_points',
          threshold: Number(tier.threshold),
        },
      });
    }
    data = await referenceData(a);
    service = createSegmentsService({
      prisma: t.prisma,
      clickhouse: t.clickhouse,
      settings: { timeoutSeconds: 30, maxResultRows: 100_000, streamTimeoutSeconds: 60 },
    });
  }, 900_000);

  afterAll(async () => {
    await t?.stop();
    await gateway?.stop();
    work.remove();
    files.remove();
  });

  const post = (url: string, payload: object, tenant = a) =>
    t.app.inject({ method: 'POST', url, headers: tenant.as('marketer'), payload });
  const get = (url: string, tenant = a) => t.app.inject({ method: 'GET', url, headers: tenant.as('viewer') });

  async function create(body: object, tenant = a) {
    const res = await post('/v1/segments', body, tenant);
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string; currentVersion: number; version: { id: string; memberCount: number | null } };
  }

  /** Every member of a segment through the api, page by page. */
  async function pagedMembers(segmentId: string, query = '', tenant = a): Promise<string[]> {
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await get(
        `/v1/segments/${segmentId}/members?limit=7${query}${cursor ? `&cursor=${cursor}` : ''}`,
        tenant,
      );
      expect(res.statusCode, res.body).toBe(200);
      const page = res.json();
      ids.push(...page.items.map((m: { memberId: string }) => m.memberId));
      cursor = page.nextCursor;
    } while (cursor);
    expect(new Set(ids).size).toBe(ids.length);
    return ids.sort();
  }

  async function collect(batches: AsyncIterable<string[]>): Promise<string[]> {
    const ids: string[] = [];
    for await (const batch of batches) ids.push(...batch);
    return ids.sort();
  }

  it('reads only columns that dbt builds, with the types the allow-list states', async () => {
    for (const source of Object.values(SEGMENT_SOURCES)) {
      const [database, table] = source.table.split('.');
      const built = await rows<{ name: string; type: string }>(
        'SELECT name, type FROM system.columns WHERE database = {database:String} AND table = {table:String}',
        { database, table },
      );
      const types = Object.fromEntries(built.map((c) => [c.name, c.type]));
      const wrong = Object.entries(source.columns)
        .filter(([column, type]) => types[column] !== type)
        .map(
          ([column, type]) => `${source.table}.${column}: allow-listed ${type}, built ${types[column] ?? 'nowhere'}`,
        );
      expect(wrong).toEqual([]);
    }
  });

  it('has a fixture where campaigns, responses, tiers, tags and attributes all occur', () => {
    expect(data.members.length).toBeGreaterThan(20);
    expect(data.campaigns.some((c) => c.responded === 1)).toBe(true);
    expect(data.campaigns.some((c) => c.responded === 0)).toBe(true);
    expect(data.campaigns.some((c) => c.bonus_points > 0)).toBe(true);
    expect(new Set(data.campaigns.map((c) => c.variant))).toEqual(new Set(['treatment', 'holdout']));
    expect(data.members.some((m) => m.tier_id !== null)).toBe(true);
    expect(data.members.some((m) => (m.tags as string[]).includes('vip'))).toBe(true);
    expect(data.attributes.get(String(data.members[0]?.member_id))).toBeDefined();
    expect([...data.attributes.values()].filter((v) => v.store === "x' OR 1=1 --").length).toBeGreaterThan(0);
    expect(data.predictions.size).toBeGreaterThan(10);
    expect(data.predictions.size).toBeLessThan(data.members.length);
  });

  it('selects exactly the members a reference evaluation of the definition selects, for any definition', async () => {
    const reader = clickhouseMartReader(t.clickhouse, { timeoutSeconds: 30, maxResultRows: 100_000 });
    const vocabulary = {
      ...DEFAULT_VOCABULARY,
      tierIds: [...new Set(data.members.map((m) => m.tier_id).filter((id): id is string => id !== null))],
      campaignIds: [...new Set(data.campaigns.map((c) => c.campaign_id))],
      tags: ['vip', 'renamed', 'staff'],
      attributeValues: ['paris-1', 'lyon', "x' OR 1=1 --", 3, 7, true, false],
      integers: [0, 1, 2, 3, 5, 10, 30, 90, 180, 365, 1_000, 5_000, 10_000, 20_000, 100_000],
      dates: ['2025-06-01', '2025-11-15', '2026-01-01', '2026-03-10', '2026-05-01', '2026-06-30'],
    };
    const sizes: number[] = [];
    await fc.assert(
      fc.asyncProperty(definition(vocabulary, 4), async (d: SegmentNode) => {
        const compiled = compileDefinition(d, a.id);
        const selected = await reader.rows<{ memberId: string }>(segmentMemberIdsQuery(compiled, { take: 100_000 }));
        const expected = referenceMembers(d, data);
        expect(selected.map((r) => r.memberId).sort()).toEqual(expected);
        sizes.push(expected.length);
      }),
      { numRuns: 80 },
    );
    // The definitions cut through the data: some select nobody, some everybody, most something in between.
    const all = data.members.filter((m) => m.status === 'active').length;
    expect(sizes.filter((n) => n > 0 && n < all).length).toBeGreaterThan(20);
  });

  it('previews a draft: size, share, sample, RFM segments and tiers, for the tenant only', async () => {
    const expected = referenceMembers(AT_RISK_HIGH_SPENDERS as SegmentNode, data);
    const everyone = referenceMembers({ all: [] }, data);
    const res = await post('/v1/segments:preview', {
      definition: { any: [AT_RISK_HIGH_SPENDERS, { tags: { hasAny: ['vip'] } }] },
    });
    expect(res.statusCode, res.body).toBe(200);
    const preview = res.json();
    const expectedAny = referenceMembers(
      { any: [AT_RISK_HIGH_SPENDERS, { tags: { hasAny: ['vip'] } }] } as SegmentNode,
      data,
    );
    expect(expectedAny.length).toBeGreaterThan(expected.length);
    expect(preview).toMatchObject({ size: expectedAny.length, activeMembers: everyone.length });
    expect(preview.share).toBeCloseTo(expectedAny.length / everyone.length, 10);
    expect(preview.sample).toHaveLength(Math.min(10, expectedAny.length));
    for (const m of preview.sample) expect(expectedAny).toContain(m.memberId);
    const bySegment = (segment: string) =>
      data.members.filter((m) => expectedAny.includes(m.member_id) && m.rfm_segment === segment).length;
    for (const s of preview.rfmSegments) expect([s.segment, s.members]).toEqual([s.segment, bySegment(s.segment)]);
    expect(preview.rfmSegments).toHaveLength(11);
    expect(preview.tiers.reduce((sum: number, tier: { members: number }) => sum + tier.members, 0)).toBe(
      expectedAny.length,
    );
    const noTier = data.members.filter((m) => expectedAny.includes(m.member_id) && m.tier_id === null).length;
    expect(preview.tiers.find((tier: { tierId: string | null }) => tier.tierId === null)?.members ?? 0).toBe(noTier);

    // Tenant b sees its own members only.
    const theirs = await post('/v1/segments:preview', { definition: { all: [] } }, b);
    const bMembers = await rows<{ member_id: string }>(
      "SELECT member_id FROM marts.member_360 WHERE tenant_id = {tenant:UUID} AND status = 'active'",
      { tenant: b.id },
    );
    expect(theirs.json()).toMatchObject({ size: bMembers.length, activeMembers: bMembers.length });
    for (const m of theirs.json().sample) expect(everyone).not.toContain(m.memberId);
  });

  it("tests a campaign's arms, its variant keys and holdout, and refuses an arm it does not have", async () => {
    const campaignId = data.campaigns.find((c) => c.variant === 'holdout')?.campaign_id as string;
    for (const variant of ['treatment', 'holdout']) {
      const definition = { campaign: { id: campaignId, variant } };
      const expected = referenceMembers(definition as SegmentNode, data);
      expect(expected.length).toBeGreaterThan(0);
      const res = await post('/v1/segments:preview', { definition });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().size).toBe(expected.length);
    }
    const wrong = await post('/v1/segments:preview', {
      definition: { all: [{ campaign: { id: campaignId, variant: 'control' } }] },
    });
    expect(wrong.statusCode, wrong.body).toBe(400);
    expect(wrong.headers['content-type']).toContain('application/problem+json');
    expect(wrong.json().errors).toEqual([
      {
        path: 'body.definition.all[0].campaign.variant',
        message: 'is not an arm of the campaign; its arms: treatment, holdout',
      },
    ]);
  });

  it('pages a dynamic segment’s members, reads campaigns and attributes, and streams its ids for campaigns', async () => {
    const campaignId = data.campaigns.find((c) => c.responded === 1)?.campaign_id as string;
    const definition = {
      any: [
        { campaign: { id: campaignId, responded: true } },
        { attribute: { key: 'store', equals: "x' OR 1=1 --" } },
        { all: [{ recencyDays: { isNull: true } }, { tags: { hasAny: ['vip'] } }] },
      ],
    };
    const expected = referenceMembers(definition as SegmentNode, data);
    expect(expected.length).toBeGreaterThan(7);
    const segment = await create({ name: 'Responders and friends', kind: 'dynamic', definition });
    expect(await pagedMembers(segment.id)).toEqual(expected);
    expect(await collect(service.membersOfVersion(a.id, segment.version.id, { batchSize: 3 }))).toEqual(expected);
    await expect(collect(service.membersOfVersion(b.id, segment.version.id))).rejects.toThrow(NotFoundError);
    // Another tenant's segment is not found, on the members route too.
    expect((await get(`/v1/segments/${segment.id}/members`, b)).statusCode).toBe(404);
  });

  it('keeps a static snapshot with its version while the marts change, and snapshots again on request', async () => {
    const definition = { attribute: { key: 'store', equals: 'lyon' } };
    const before = referenceMembers(definition as SegmentNode, data);
    expect(before.length).toBeGreaterThan(1);
    const segment = await create({ name: 'Lyon', kind: 'static', definition });
    expect(segment.version.memberCount).toBe(before.length);
    const stored = await t.prisma.segmentVersionMember.findMany({ where: { segmentVersionId: segment.version.id } });
    expect(stored.map((m) => m.memberId).sort()).toEqual(before);

    // One of them moves to Paris: the snapshot keeps them, a new snapshot does not.
    const moved = before[0] as string;
    const [row] = await rows<Record<string, unknown>>(
      'SELECT * FROM raw.members FINAL WHERE tenant_id = {tenant:UUID} AND id = {id:UUID}',
      { tenant: a.id, id: moved },
    );
    await t.clickhouse.insert({
      table: 'raw.members',
      format: 'JSONEachRow',
      values: [{ ...row, attributes: '{"store":"paris-1"}', _version: Number(row?._version) + 1 }],
    });
    expect(await pagedMembers(segment.id)).toEqual(before);
    const again = await post(`/v1/segments/${segment.id}:snapshot`, {});
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toMatchObject({ currentVersion: 2, version: { version: 2, memberCount: before.length - 1 } });
    expect(await pagedMembers(segment.id)).toEqual(before.slice(1));
    expect(await pagedMembers(segment.id, '&version=1')).toEqual(before);
    const v2 = again.json().version.id as string;
    expect(await collect(service.membersOfVersion(a.id, v2, { batchSize: 2 }))).toEqual(before.slice(1));

    // Deleted, it stays readable by its versions: a campaign naming version 1 still gets its audience.
    expect(
      (await t.app.inject({ method: 'DELETE', url: `/v1/segments/${segment.id}`, headers: a.as('marketer') }))
        .statusCode,
    ).toBe(200);
    expect(await collect(service.membersOfVersion(a.id, segment.version.id))).toEqual(before);
    const log = await t.prisma.auditLog.findMany({ where: { entityId: segment.id }, orderBy: { createdAt: 'asc' } });
    expect(log.map((l) => l.action)).toEqual(['segment.create', 'segment.snapshot', 'segment.delete']);
  });

  it.each(['dynamic', 'static'])("exports a %s segment's members through the exports module", async (kind) => {
    const definition = { all: [{ rfmSegment: { in: ['Champions', 'Loyal', 'Lost'] } }, { purchases: { gte: 1 } }] };
    const expected = referenceMembers(definition as SegmentNode, data);
    expect(expected.length).toBeGreaterThan(0);
    const segment = await create({ name: `Export ${kind}`, kind, definition });
    for (const mart of ['member_360', 'member_rfm']) {
      const created = await t.app.inject({
        method: 'POST',
        url: '/v1/exports',
        headers: { ...a.as('analyst'), 'idempotency-key': `segment-${key++}` },
        payload: { mart, format: 'csv', segment: { id: segment.id } },
      });
      expect(created.statusCode, created.body).toBe(202);
      expect(created.json()).toMatchObject({ rowsTotal: expected.length, segmentVersionId: segment.version.id });
      let view = created.json();
      await expect
        .poll(
          async () => {
            view = (
              await t.app.inject({ method: 'GET', url: `/v1/exports/${view.id}`, headers: a.as('analyst') })
            ).json();
            return view.status;
          },
          { timeout: 30_000, interval: 50 },
        )
        .toBe('succeeded');
      const file = await t.app.inject({ method: 'GET', url: view.download.url, headers: a.as('analyst') });
      const records = parse(file.rawPayload, { columns: true }) as Record<string, string>[];
      expect(records.map((r) => r.member_id).sort()).toEqual(expected);
      expect(new Set(records.map((r) => r.tenant_id))).toEqual(new Set([a.id]));
    }
    const wrongMart = await t.app.inject({
      method: 'POST',
      url: '/v1/exports',
      headers: { ...a.as('analyst'), 'idempotency-key': `segment-${key++}` },
      payload: { mart: 'program_roi', format: 'csv', segment: { id: segment.id } },
    });
    expect(wrongMart.statusCode).toBe(400);
    expect(wrongMart.json().errors).toEqual([{ path: 'body.segment', message: expect.stringContaining('member_id') }]);
  });
});
