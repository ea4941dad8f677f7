import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { resolveModel } from '@loyaltystudio/ml/catalog';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiTest, TestTenant } from '../../../test/support.ts';
import { publishMemberScores, type RunRecord, type ScoreColumns } from './models.publish.ts';
import { insertPrediction, insertQuality, type ModelsApiTest, startModelsApiTest } from './models.test-marts.ts';

const SHIPPED = resolveModel('churn', { tenantId: '00000000-0000-4000-8000-000000000000' });

/**
 * The models on the api's real Postgres, gateway and Temporal: the catalog of versions with realised quality from
 * the marts, each tenant's own; scores on the member and the analytics member page; the publication's transaction.
 */
describe('models and scores', () => {
  let stack: ModelsApiTest;
  let t: ApiTest;
  let a: TestTenant;
  let b: TestTenant;

  beforeAll(async () => {
    stack = await startModelsApiTest();
    t = stack.api;
    [a, b] = await Promise.all([t.tenant(), t.tenant({ currency: 'GBP' })]);
    // Tenant a has a model of its own, a version after the shipped one.
    cpSync(SHIPPED.dir, join(stack.modelsDir, 'tenants', a.id, 'churn', '20991231T000000Z'), { recursive: true });
  }, 180_000);
  afterAll(() => stack?.stop());

  const get = (url: string, tenant: TestTenant, role: 'viewer' | 'analyst' | 'owner' = 'viewer') =>
    t.app.inject({ method: 'GET', url, headers: tenant.as(role) });

  async function member(tenant: TestTenant, externalId: string): Promise<string> {
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/members',
      headers: tenant.as('owner'),
      payload: { externalId },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id;
  }

  const run = (tenant: TestTenant, n: number, scoredAt: string): RunRecord => ({
    runId: `00000000-0000-4000-8000-00000000000${n}`,
    tenantId: tenant.id,
    asOfDate: scoredAt.slice(0, 10),
    churnModelVersion: SHIPPED.version,
    churnModelSource: 'default',
    churnHorizonDays: 90,
    clvModelVersion: SHIPPED.version,
    clvHorizonDays: 365,
    membersScored: 1,
    scoredAt: new Date(scoredAt),
  });
  const batch = (members: string[], p: number, clv: number): ScoreColumns => ({
    memberIds: members,
    churnProbability: members.map(() => p),
    churnRiskBand: members.map(() => (p >= 0.6 ? 'high' : p >= 0.3 ? 'medium' : 'low')),
    predictedClvMinor: members.map(() => clv),
    probabilityAlive: members.map(() => 0.8),
    expectedPurchases: members.map(() => 3.5),
  });
  async function* batches(...list: ScoreColumns[]) {
    yield* list;
  }

  it('lists the tenant’s own versions beside the shipped ones, with its own realised quality only', async () => {
    await insertQuality(t.clickhouse, a.id, SHIPPED.version, 'aaaaaaaa-0000-4000-8000-000000000001', 0.81);
    await insertQuality(t.clickhouse, b.id, SHIPPED.version, 'bbbbbbbb-0000-4000-8000-000000000001', 0.66);

    const mine = await get('/v1/models', a);
    expect(mine.statusCode, mine.body).toBe(200);
    const catalog = mine.json();
    expect(catalog.riskBands).toEqual({ medium: 0.3, high: 0.6 });
    expect(catalog.clvHorizonDays).toBe(365);
    expect(
      catalog.churn.map((m: { version: string; source: string; current: boolean }) => [m.version, m.source, m.current]),
    ).toEqual([
      ['20991231T000000Z', 'tenant', true],
      [SHIPPED.version, 'default', false],
    ]);
    const shipped = catalog.churn[1];
    expect(shipped.validation.chosen.rocAuc).toBeGreaterThan(0.5);
    expect(shipped.validation.baseline.rocAuc).toBeGreaterThan(0.5);
    expect(shipped.features).toHaveLength(13);
    expect(shipped.realisedQuality).toMatchObject([
      { runId: 'aaaaaaaa-0000-4000-8000-000000000001', rocAuc: 0.81, calibration: [{ bin: 0 }, { bin: 9 }] },
    ]);
    expect(catalog.clv[0]).toMatchObject({ source: 'default', current: true });
    expect(catalog.clv[0].bgnbd.params.r).toBeGreaterThan(0);

    // Tenant b sees the shipped versions and its own run, never a's model or a's quality.
    const theirs = (await get('/v1/models', b)).json();
    expect(theirs.churn.map((m: { version: string }) => m.version)).toEqual([SHIPPED.version]);
    expect(theirs.churn[0].current).toBe(true);
    expect(theirs.churn[0].realisedQuality.map((r: { runId: string }) => r.runId)).toEqual([
      'bbbbbbbb-0000-4000-8000-000000000001',
    ]);
  });

  it('shows a member’s current scores from Postgres, null before the first run, never another tenant’s', async () => {
    const [m1, m2] = [await member(a, 'ann'), await member(a, 'bob')];
    const other = await member(b, 'ann');
    const before = await get(`/v1/members/${m1}`, a);
    expect(before.statusCode, before.body).toBe(200);
    expect(before.json().scores).toBeNull();

    await publishMemberScores(t.pg.url, run(a, 1, '2026-12-01T04:00:00Z'), batches(batch([m1], 0.72, 12_345)));
    await publishMemberScores(t.pg.url, run(b, 2, '2026-12-01T04:00:00Z'), batches(batch([other], 0.1, 99)));
    const scored = (await get(`/v1/members/${m1}`, a)).json();
    expect(scored.scores).toEqual({
      churnProbability: expect.closeTo(0.72, 6),
      churnRiskBand: 'high',
      predictedClvMinor: 12_345,
      currency: 'EUR',
      probabilityAlive: 0.8,
      expectedPurchases: 3.5,
      churnModelVersion: SHIPPED.version,
      clvModelVersion: SHIPPED.version,
      churnHorizonDays: 90,
      clvHorizonDays: 365,
      asOfDate: '2026-12-01',
      scoredAt: '2026-12-01T04:00:00.000Z',
      runId: '00000000-0000-4000-8000-000000000001',
    });
    expect((await get(`/v1/members/${m2}`, a)).json().scores).toBeNull();
    expect((await get(`/v1/members/${other}`, b)).json().scores).toMatchObject({
      churnRiskBand: 'low',
      currency: 'GBP',
    });
    // Another tenant's member is not found, scores or not.
    expect((await get(`/v1/members/${m1}`, b)).statusCode).toBe(404);
    // Row-level security alone keeps b's transaction from a's scores.
    const seen = await t.prisma.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT set_config('role', 'monet_app', true), set_config('app.tenant_id', ${b.id}, true)`;
      return tx.$queryRaw<
        { n: number }[]
      >`SELECT count(*)::int AS n FROM member_scores WHERE tenant_id = ${a.id}::uuid`;
    });
    expect(seen[0]?.n).toBe(0);
  });

  it('replaces scores whole: a publication that fails keeps the previous run, an older run changes nothing', async () => {
    const [m1, m2] = [await member(a, 'cy'), await member(a, 'di')];
    await publishMemberScores(t.pg.url, run(a, 3, '2026-12-02T04:00:00Z'), batches(batch([m1, m2], 0.2, 500)));
    async function* failing() {
      yield batch([m1], 0.9, 1);
      throw new Error('worker lost');
    }
    await expect(publishMemberScores(t.pg.url, run(a, 4, '2026-12-03T04:00:00Z'), failing())).rejects.toThrow(
      'worker lost',
    );
    for (const m of [m1, m2]) {
      expect((await get(`/v1/members/${m}`, a)).json().scores).toMatchObject({
        runId: run(a, 3, '').runId,
        predictedClvMinor: 500,
      });
    }
    // A later run that scored only m2: m1 loses its scores, m2 gets the new ones.
    const later = await publishMemberScores(
      t.pg.url,
      run(a, 5, '2026-12-04T04:00:00Z'),
      batches(batch([m2], 0.45, 700)),
    );
    expect(later).toMatchObject({ published: true, members: 1 });
    expect((await get(`/v1/members/${m1}`, a)).json().scores).toBeNull();
    expect((await get(`/v1/members/${m2}`, a)).json().scores).toMatchObject({
      churnRiskBand: 'medium',
      predictedClvMinor: 700,
    });
    const older = await publishMemberScores(
      t.pg.url,
      run(a, 6, '2026-12-03T05:00:00Z'),
      batches(batch([m1, m2], 0.9, 9)),
    );
    expect(older.published).toBe(false);
    expect((await get(`/v1/members/${m2}`, a)).json().scores.runId).toBe(run(a, 5, '').runId);
  });

  it('keeps no scores for an erased member: erasure deletes them, and a run that read them before does not bring them back', async () => {
    const [kept, gone] = [await member(a, 'ed'), await member(a, 'flo')];
    await publishMemberScores(t.pg.url, run(a, 7, '2026-12-05T04:00:00Z'), batches(batch([kept, gone], 0.5, 800)));
    const erased = await t.app.inject({ method: 'POST', url: `/v1/members/${gone}/erase`, headers: a.as('admin') });
    expect(erased.statusCode, erased.body).toBe(200);
    expect(await t.prisma.memberScore.count({ where: { memberId: gone } })).toBe(0);
    // A run whose features were read before the erasure still lists the member.
    const next = await publishMemberScores(
      t.pg.url,
      run(a, 8, '2026-12-06T04:00:00Z'),
      batches(batch([kept, gone], 0.6, 900)),
    );
    expect(next).toMatchObject({ published: true, members: 1 });
    expect(await t.prisma.memberScore.count({ where: { memberId: gone } })).toBe(0);
    expect((await get(`/v1/members/${kept}`, a)).json().scores).toMatchObject({ predictedClvMinor: 900 });
  });

  it('adds the warehouse’s predictions to the analytics member page, for the tenant’s own members only', async () => {
    const memberId = 'c7300e13-4fef-4d64-a063-07feeb477024';
    await insertPrediction(t.clickhouse, a.id, memberId, 'ext-1', 0.35);
    await insertPrediction(t.clickhouse, b.id, 'd7300e13-4fef-4d64-a063-07feeb477025', 'ext-2', 0.95);
    await insertPrediction(t.clickhouse, a.id, 'e7300e13-4fef-4d64-a063-07feeb477026', 'ext-3', null);
    const page = await get('/v1/analytics/members?sort=revenueMinor&order=desc', a, 'analyst');
    expect(page.statusCode, page.body).toBe(200);
    const items = page.json().items as { memberId: string; scores: Record<string, unknown> | null }[];
    expect(items.map((i) => [i.memberId, i.scores?.churnRiskBand ?? null])).toEqual([
      ['e7300e13-4fef-4d64-a063-07feeb477026', null],
      [memberId, 'medium'],
    ]);
    expect(items[1]?.scores).toMatchObject({ predictedClvMinor: 4321, currency: 'EUR', asOfDate: '2026-12-01' });
  });

  it('starts a scoring run of the caller’s tenant on demand, once per Idempotency-Key, for roles that may', async () => {
    const post = (tenant: TestTenant, role: 'viewer' | 'analyst', key?: string) =>
      t.app.inject({
        method: 'POST',
        url: '/v1/models/scoring-runs',
        headers: { ...tenant.as(role), ...(key && { 'idempotency-key': key }) },
      });
    expect((await post(a, 'viewer', 'k1')).statusCode).toBe(403);
    const missing = await post(a, 'analyst');
    expect(missing.statusCode).toBe(400);
    expect(missing.headers['content-type']).toContain('application/problem+json');
    const first = await post(a, 'analyst', 'rescore-1');
    expect(first.statusCode, first.body).toBe(202);
    expect(first.json()).toEqual({ workflowId: `churn-scoring:${a.id}:rescore-1`, status: 'started' });
    const again = await post(a, 'analyst', 'rescore-1');
    expect(again.json().status).toBe('already-started');
    expect(again.headers['idempotent-replayed']).toBe('true');
    // The same key of another tenant is another run, of that tenant.
    expect((await post(b, 'analyst', 'rescore-1')).json()).toEqual({
      workflowId: `churn-scoring:${b.id}:rescore-1`,
      status: 'started',
    });
  });
});
