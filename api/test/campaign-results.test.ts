import type { GatewayHandle } from '@loyaltystudio/engines';
import { startTestGateway, tempDir } from '@loyaltystudio/engines/testing';
import { runDbt } from '@loyaltystudio/warehouse';
import { readMartsFixture } from '@loyaltystudio/warehouse/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyseExperiment } from '../src/domain/experiments/index.ts';
import { type ApiTest, startApiTest, startFixtureMarts, type TestTenant } from './support.ts';

/**
 * GET /v1/campaigns/{id}/results on marts dbt built from the proven fixture. The fixture seats a fifth of each
 * campaign's audience as `control`; a later version of those seats renames them `holdout`, as the campaigns service
 * seats them, and the fixture's campaigns of tenant a exist in Postgres with a 20% holdout.
 */
describe('campaign results on real marts', () => {
  let gateway: GatewayHandle;
  let t: ApiTest;
  let a: TestTenant;
  let b: TestTenant;
  const work = tempDir('campaign-results-dbt');
  let started: string;
  let draft: string;

  beforeAll(async () => {
    gateway = await startTestGateway();
    t = await startApiTest({ clickhouseUrl: gateway.url });
    const built = await startFixtureMarts(t, gateway.url, work.path);
    ({ a, b } = built);
    const fixture = readMartsFixture();
    const seats = (fixture.tables.campaign_members ?? []).filter((m) => m.variant === 'control');
    const ids = new Map(
      (fixture.tables.tenants ?? []).map((tenant, i) => [String(tenant.id), i === 0 ? a.id : b.id] as const),
    );
    await t.clickhouse.insert({
      table: 'raw.campaign_members',
      format: 'JSONEachRow',
      values: seats.map((m) => ({
        ...m,
        tenant_id: ids.get(String(m.tenant_id)),
        variant: 'holdout',
        _version: Number(m._version) + 1_000_000,
      })),
    });
    await runDbt({
      args: ['run', '--select', '+campaign_results'],
      clickhouseUrl: gateway.url,
      username: 'monet',
      password: 'monet',
      workDir: work.path,
      vars: { as_of_date: fixture.as_of_date },
    });
    const campaigns = (fixture.tables.campaigns ?? []).filter((c) => ids.get(String(c.tenant_id)) === a.id);
    for (const c of campaigns) {
      await t.prisma.campaign.create({
        data: {
          id: String(c.id),
          tenantId: a.id,
          programId: built.programs.a,
          name: String(c.name),
          type: 'multiplier',
          status: 'completed',
          config: { percent: 200 },
          variants: [{ key: 'treatment', name: 'Treatment', percent: 100 }],
          holdoutPercent: 20,
          startsAt: new Date(`${c.starts_at}Z`),
          endsAt: new Date(`${c.ends_at}Z`),
          startedAt: new Date(`${c.starts_at}Z`),
        },
      });
    }
    started = String(campaigns[1]?.id);
    const later = await t.prisma.campaign.create({
      data: {
        tenantId: a.id,
        programId: built.programs.a,
        name: 'Not yet',
        type: 'multiplier',
        config: { percent: 200 },
        variants: [{ key: 'treatment', name: 'Treatment', percent: 100 }],
        holdoutPercent: 10,
        startsAt: new Date('2027-01-01T00:00:00Z'),
        endsAt: new Date('2027-02-01T00:00:00Z'),
      },
    });
    draft = later.id;
  }, 900_000);

  afterAll(async () => {
    await t?.stop();
    await gateway?.stop();
    work.remove();
  });

  const get = (id: string, tenant: TestTenant) =>
    t.app.inject({ method: 'GET', url: `/v1/campaigns/${id}/results`, headers: tenant.as('viewer') });

  interface MartRow {
    arm: string;
    members: number;
    participants: number;
    redeemers: number;
    sum_revenue: number;
    sum_revenue_squared: string;
    sum_revenue_times_pre: string;
    sum_pre: number;
    sum_pre_squared: string;
    sum_points: number;
    sum_points_squared: string;
    sum_points_times_pre: string;
  }

  it('answers what the experiments module gives for the mart’s sums, arm against holdout', async () => {
    const rows = await (
      await t.clickhouse.query({
        query: `SELECT arm, members, participants, redeemers, sum_revenue, toString(sum_revenue_squared) AS sum_revenue_squared,
                  toString(sum_revenue_times_pre) AS sum_revenue_times_pre, sum_pre,
                  toString(sum_pre_squared) AS sum_pre_squared, sum_points,
                  toString(sum_points_squared) AS sum_points_squared,
                  toString(sum_points_times_pre) AS sum_points_times_pre
                FROM marts.campaign_results WHERE tenant_id = {tenant:UUID} AND campaign_id = {campaign:UUID}
                ORDER BY arm`,
        query_params: { tenant: a.id, campaign: started },
        format: 'JSONEachRow',
        clickhouse_settings: { output_format_json_quote_64bit_integers: 0 },
      })
    ).json<MartRow>();
    expect(rows.map((r) => r.arm)).toEqual(['holdout', 'treatment']);
    const weights: Record<string, number> = { treatment: 100 * 80, holdout: 100 * 20 };
    const expected = analyseExperiment({
      arms: rows.map((r) => ({
        arm: r.arm,
        weight: weights[r.arm]!,
        sums: {
          n: r.members,
          sumPre: r.sum_pre,
          sumPreSquared: r.sum_pre_squared,
          sumRevenue: r.sum_revenue,
          sumRevenueSquared: r.sum_revenue_squared,
          sumRevenueTimesPre: r.sum_revenue_times_pre,
          sumPoints: r.sum_points,
          sumPointsSquared: r.sum_points_squared,
          sumPointsTimesPre: r.sum_points_times_pre,
        },
      })),
      holdout: 'holdout',
      plannedMembers: rows.reduce((sum, r) => sum + r.members, 0),
    });

    const res = await get(started, a);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.plannedMembers).toBe(32);
    expect(body.currency).toBe('EUR');
    expect(body.asOfDate).toBe('2026-06-30');
    expect(Date.parse(body.asOf)).toBeGreaterThan(0);
    expect(body.holdout).toMatchObject({ arm: 'holdout', members: 7, weight: 2000, ...expectedFigures('holdout') });
    const [treatment] = body.comparisons;
    const comparison = expected.comparisons[0]!;
    expect(treatment).toMatchObject({
      arm: 'treatment',
      members: 25,
      weight: 8000,
      revenuePerMember: comparison.revenuePerMember,
      pointsCostPerMember: comparison.pointsCostPerMember,
      incrementalRevenue: comparison.incrementalRevenue,
      incrementalPointsCost: comparison.incrementalPointsCost,
      revenuePerPoint: comparison.revenuePerPoint,
      returnOnPointsSpent: null,
      established: comparison.incrementalRevenue.sequential?.excludesZero ?? false,
    });
    expect(treatment.incrementalRevenue.cuped.varianceReduction).toBeTypeOf('number');
    expect(treatment.incrementalPointsCost.estimate).toBeGreaterThan(0);
    expect(treatment.summary).toMatch(/^(Established|Not established)/);
    expect(body.sampleRatio).toMatchObject({
      chiSquared: expected.sampleRatio.chiSquared,
      pValue: expected.sampleRatio.pValue,
      mismatch: false,
    });

    function expectedFigures(arm: string) {
      const r = rows.find((row) => row.arm === arm)!;
      return {
        participants: r.participants,
        participation: r.participants / r.members,
        redemptionRate: r.redeemers / r.members,
        revenuePerMember: expected.holdout.revenuePerMember,
      };
    }
  });

  it('accounts for every bonus point naming the campaign: in its arms, or outside its audience', async () => {
    const [ledger] = await (
      await t.clickhouse.query({
        query: `SELECT sum(points) AS points,
                  uniqExactIf(member_id, (tenant_id, campaign_id, member_id) NOT IN (
                    SELECT tenant_id, campaign_id, member_id FROM raw.campaign_members FINAL WHERE _deleted = 0
                  )) AS outside
                FROM raw.ledger_entries FINAL
                WHERE _deleted = 0 AND kind = 'bonus' AND tenant_id = {tenant:UUID} AND campaign_id = {campaign:UUID}`,
        query_params: { tenant: a.id, campaign: started },
        format: 'JSONEachRow',
        clickhouse_settings: { output_format_json_quote_64bit_integers: 0 },
      })
    ).json<{ points: number; outside: number }>();
    const body = (await get(started, a)).json();
    const arms = [body.holdout, ...body.comparisons];
    // The proof's fixture credits bonuses to purchasers outside the audience too: they are shown, in no arm.
    expect(body.outsideAudience.members).toBe(ledger?.outside);
    expect(body.outsideAudience.members).toBeGreaterThan(0);
    expect(body.outsideAudience.bonusPoints).toBeGreaterThan(0);
    expect(body.outsideAudience.rewardPoints).toBe(0);
    expect(arms.reduce((sum, arm) => sum + arm.bonusPoints, 0) + body.outsideAudience.bonusPoints).toBe(ledger?.points);
  });

  it("answers 404 for another tenant's campaign, and 409 for one not started", async () => {
    const other = await get(started, b);
    expect(other.statusCode).toBe(404);
    expect(other.headers['content-type']).toContain('application/problem+json');
    const early = await get(draft, a);
    expect(early.statusCode, early.body).toBe(409);
    expect(early.json()).toMatchObject({ type: 'https://monet.dev/problems/campaign-not-started' });
  });

  it('answers 503 problem+json when the mart is not built', async () => {
    await t.clickhouse.command({ query: 'DROP TABLE marts.campaign_results' });
    const res = await get(started, a);
    expect(res.statusCode, res.body).toBe(503);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ type: 'https://monet.dev/problems/warehouse-unavailable' });
  });
});
