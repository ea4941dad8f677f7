import type { GatewayHandle } from '@loyaltystudio/engines';
import { startTestGateway, tempDir } from '@loyaltystudio/engines/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiTest, createProgram, startApiTest, startFixtureMarts, type TestTenant } from './support.ts';

/**
 * Every analytics endpoint on marts that dbt built from the proven fixture, with the fixture's two merchants mapped
 * onto tenants a and b of the api, and a third tenant c without data. Each answer is the tenant's own: it agrees
 * with the marts read directly for that tenant, and c sees nothing of a's or b's.
 */
describe('analytics on real marts', () => {
  let gateway: GatewayHandle;
  let t: ApiTest;
  let a: TestTenant;
  let b: TestTenant;
  let c: TestTenant;
  let program: { a: string; b: string };
  let programC: string;
  const work = tempDir('analytics-dbt');

  beforeAll(async () => {
    gateway = await startTestGateway();
    t = await startApiTest({ clickhouseUrl: gateway.url });
    ({ a, b, programs: program } = await startFixtureMarts(t, gateway.url, work.path));
    c = await t.tenant();
    programC = await createProgram(t, c, 'EUR');
  }, 180_000);

  afterAll(async () => {
    await t?.stop();
    await gateway?.stop();
    work.remove();
  });

  const get = async (url: string, tenant: TestTenant) => {
    const res = await t.app.inject({ method: 'GET', url, headers: tenant.as('analyst') });
    expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
    return res.json();
  };

  async function mart<T>(query: string, tenant: TestTenant): Promise<T[]> {
    const result = await t.clickhouse.query({
      query,
      query_params: { tenant: tenant.id },
      format: 'JSONEachRow',
      clickhouse_settings: { output_format_json_quote_64bit_integers: 0 },
    });
    return result.json<T>();
  }

  it('overview: active members, revenue and points of the tenant alone, against the previous period', async () => {
    const url = (p: string) => `/v1/analytics/overview?from=2026-04-01&to=2026-06-30&programId=${p}`;
    const [mine] = await mart<{ active: number; revenue: number }>(
      `SELECT toUInt32(uniqExactIf(member_id, purchases > 0)) AS active, toInt64(sum(net_revenue_minor)) AS revenue
       FROM marts.daily_activity WHERE tenant_id = {tenant:UUID} AND day BETWEEN '2026-04-01' AND '2026-06-30'`,
      a,
    );
    const [liability] = await mart<{ points: number }>(
      `SELECT outstanding_points AS points FROM marts.points_economy
       WHERE tenant_id = {tenant:UUID} AND day = '2026-06-30'`,
      a,
    );
    const overview = await get(url(program.a), a);
    expect(overview.metrics.activeMembers.current).toBe(mine?.active);
    expect(overview.metrics.activeMembers.current).toBeGreaterThan(0);
    expect(overview.metrics.memberRevenueMinor.current).toBe(mine?.revenue);
    expect(overview.metrics.outstandingPoints.current).toBe(liability?.points);
    expect(overview.metrics.activeMembers.previous).not.toBeNull();

    const other = await get(url(program.b), b);
    expect(other.metrics.activeMembers.current).not.toBe(overview.metrics.activeMembers.current);
    const empty = await get(url(programC), c);
    expect(empty.metrics.activeMembers.current).toBe(0);
    expect(empty.metrics.memberRevenueMinor.current).toBe(0);
  });

  it('overview: its months, one by one, equal the overview of each month alone, for the tenant alone', async () => {
    const range = 'from=2026-04-10&to=2026-06-30';
    const overview = await get(`/v1/analytics/overview?${range}`, a);
    expect(overview.monthly.map((m: { month: string }) => m.month)).toEqual(['2026-04-01', '2026-05-01', '2026-06-01']);
    const ends: Record<string, string> = {
      '2026-04-01': '2026-04-30',
      '2026-05-01': '2026-05-31',
      '2026-06-01': '2026-06-30',
    };
    for (const month of overview.monthly) {
      const alone = await get(`/v1/analytics/overview?from=${month.month}&to=${ends[month.month]}`, a);
      expect(month, month.month).toEqual({
        month: month.month,
        memberRevenueMinor: alone.metrics.memberRevenueMinor.current,
        guestRevenueMinor: alone.metrics.guestRevenueMinor.current,
        incrementalRevenueMinor: alone.metrics.incrementalRevenueMinor.current,
        totalCostMinor: alone.metrics.totalCostMinor.current,
        roi: alone.metrics.roi.current,
      });
    }
    expect(overview.monthly.some((m: { memberRevenueMinor: number }) => m.memberRevenueMinor > 0)).toBe(true);
    const sum = (o: { monthly: { memberRevenueMinor: number }[] }) =>
      o.monthly.reduce((total, m) => total + m.memberRevenueMinor, 0);
    expect(sum(overview)).toBe(overview.metrics.memberRevenueMinor.current);
    // Another tenant's months are its own; a tenant without data has every month at zero.
    const ofB = await get(`/v1/analytics/overview?${range}`, b);
    expect(sum(ofB)).toBe(ofB.metrics.memberRevenueMinor.current);
    expect(sum(ofB)).not.toBe(sum(overview));
    const ofC = await get(`/v1/analytics/overview?${range}`, c);
    expect(ofC.monthly).toHaveLength(3);
    expect(
      ofC.monthly.every(
        (m: { memberRevenueMinor: number; roi: number | null }) => m.memberRevenueMinor === 0 && m.roi === null,
      ),
    ).toBe(true);
  });

  it('cohorts: the tenant’s own cohorts with their sizes', async () => {
    const url = '/v1/analytics/cohorts?grain=month&from=2025-07-01&to=2026-06-30';
    const sizes = await mart<{ cohort_start: string; cohort_size: number }>(
      `SELECT cohort_start, toUInt32(cohort_size) AS cohort_size FROM marts.cohort_retention
       WHERE tenant_id = {tenant:UUID} AND cohort_grain = 'month' AND period_index = 0 ORDER BY cohort_start`,
      a,
    );
    const body = JSON.stringify(await get(url, a));
    expect(sizes.length).toBeGreaterThan(3);
    for (const { cohort_start, cohort_size } of sizes) {
      expect(body).toContain(`"cohortStart":"${cohort_start}"`);
      expect(body).toContain(`"cohortSize":${cohort_size}`);
    }
    expect(JSON.stringify(await get(url, c))).not.toContain('cohortSize');
  });

  it('rfm: segment sizes add up to the tenant’s members', async () => {
    const [count] = await mart<{ n: number }>(
      'SELECT toUInt32(count()) AS n FROM marts.member_rfm WHERE tenant_id = {tenant:UUID}',
      a,
    );
    const rfm = await get('/v1/analytics/rfm', a);
    const segments = rfm.segments as { members: number }[];
    expect(segments.reduce((sum, s) => sum + s.members, 0)).toBe(count?.n);
    const cells = rfm.grid as { members: number }[];
    expect(cells.reduce((sum, s) => sum + s.members, 0)).toBe(count?.n);
    const none = await get('/v1/analytics/rfm', c);
    expect((none.segments as { members: number }[]).reduce((sum, s) => sum + s.members, 0)).toBe(0);
  });

  it('funnels: enrolment and campaign funnels of the tenant alone', async () => {
    const enrolment = await get('/v1/analytics/funnels/enrolment?from=2025-07-01&to=2026-06-30', a);
    const [signedUp] = await mart<{ n: number }>(
      `SELECT toUInt32(sum(members)) AS n FROM marts.funnels
       WHERE tenant_id = {tenant:UUID} AND funnel = 'enrolment' AND step_index = 1`,
      a,
    );
    type Funnel = { cohorts: { steps: { step: string; members: number }[] }[] };
    const steps = (enrolment as Funnel).cohorts.flatMap((cohort) => cohort.steps);
    expect(steps.filter((s) => s.step === 'signed_up').reduce((sum, s) => sum + s.members, 0)).toBe(signedUp?.n);
    expect(steps.some((s) => s.step === 'first_redemption' && s.members > 0)).toBe(true);
    const campaign = await get('/v1/analytics/funnels/campaign?from=2025-01-01&to=2026-06-30', a);
    expect(JSON.stringify(campaign)).toContain('earned_in_window');
    expect(JSON.stringify(await get('/v1/analytics/funnels/campaign?from=2025-01-01&to=2026-06-30', b))).not.toContain(
      'earned_in_window',
    );
    expect(JSON.stringify(await get('/v1/analytics/funnels/enrolment?from=2025-07-01&to=2026-06-30', c))).not.toContain(
      'signed_up',
    );
  });

  it('points economy and tiers: the program’s own days and months', async () => {
    const economy = await get(`/v1/analytics/points-economy?programId=${program.a}&from=2026-06-01&to=2026-06-30`, a);
    const [june] = await mart<{ issued: number }>(
      `SELECT toInt64(sum(issued_points)) AS issued FROM marts.points_economy
       WHERE tenant_id = {tenant:UUID} AND day BETWEEN '2026-06-01' AND '2026-06-30'`,
      a,
    );
    expect(JSON.stringify(economy)).toContain(`"issuedPoints":${june?.issued}`);
    const tiers = await get(`/v1/analytics/tiers?programId=${program.a}&from=2026-01-01&to=2026-06-30`, a);
    expect(JSON.stringify(tiers)).toContain('Gold');
    // Each part equals its mart read alone, in month and rank order.
    const inRange = `tenant_id = {tenant:UUID} AND month BETWEEN '2026-01-01' AND '2026-06-30'`;
    const distribution = await mart<{ month: string; tierName: string; members: number; share: number | null }>(
      `SELECT month, tier_name AS tierName, members, share FROM marts.tier_distribution
       WHERE ${inRange} ORDER BY month, tier_rank`,
      a,
    );
    const tierMonths = tiers.distribution as { month: string; tiers: { tierName: string; members: number }[] }[];
    expect(
      tierMonths.flatMap((m) => m.tiers.map((r) => ({ month: m.month, tierName: r.tierName, members: r.members }))),
    ).toEqual(distribution.map(({ month, tierName, members }) => ({ month, tierName, members })));
    const movements = await mart<{ month: string; from: string; to: string; direction: string; changes: number }>(
      `SELECT month, from_tier_name AS from, to_tier_name AS to, toString(direction) AS direction, changes
       FROM marts.tier_movements WHERE ${inRange} ORDER BY month, from_tier_rank, to_tier_rank`,
      a,
    );
    expect(movements.length).toBeGreaterThan(0);
    expect(
      (
        tiers.movements as {
          month: string;
          from: { tierName: string };
          to: { tierName: string };
          direction: string;
          changes: number;
        }[]
      ).map((m) => ({
        month: m.month,
        from: m.from.tierName,
        to: m.to.tierName,
        direction: m.direction,
        changes: m.changes,
      })),
    ).toEqual(movements);
    const noTiers = await get(`/v1/analytics/tiers?programId=${programC}&from=2026-01-01&to=2026-06-30`, c);
    expect(JSON.stringify(noTiers)).not.toContain('Gold');
  });

  it('members: every row is the tenant’s, sorted and filtered in ClickHouse', async () => {
    const own = new Set(
      (
        await mart<{ member_id: string }>('SELECT member_id FROM marts.member_360 WHERE tenant_id = {tenant:UUID}', a)
      ).map((r) => r.member_id),
    );
    const page = await get('/v1/analytics/members?sort=revenueMinor&order=desc&limit=200', a);
    const items = page.items as { memberId: string; revenueMinor: number }[];
    expect(items.length).toBe(own.size);
    for (const item of items) expect(own.has(item.memberId)).toBe(true);
    const revenues = items.map((i) => i.revenueMinor);
    expect(revenues).toEqual([...revenues].sort((x, y) => y - x));
    const champions = await get('/v1/analytics/members?segment=Champions&limit=200', a);
    for (const item of champions.items as { rfmSegment: string }[]) expect(item.rfmSegment).toBe('Champions');
    // One cell of the RFM grid, and a lookup by the start of an external id.
    const top = items[0] as unknown as { rScore: number; fScore: number; externalId: string; memberId: string };
    const cell = (await get(`/v1/analytics/members?rScore=${top.rScore}&fScore=${top.fScore}&limit=200`, a)).items as {
      rScore: number;
      fScore: number;
      memberId: string;
    }[];
    expect(cell.map((m) => m.memberId)).toContain(top.memberId);
    for (const m of cell) expect([m.rScore, m.fScore]).toEqual([top.rScore, top.fScore]);
    const prefix = top.externalId.slice(0, -1);
    const found = (await get(`/v1/analytics/members?externalIdPrefix=${encodeURIComponent(prefix)}&limit=200`, a))
      .items as { externalId: string }[];
    expect(found.map((m) => m.externalId)).toContain(top.externalId);
    for (const m of found) expect(m.externalId.startsWith(prefix)).toBe(true);
    expect((await get('/v1/analytics/members?limit=200', c)).items).toEqual([]);
    const theirs = (await get('/v1/analytics/members?limit=200', b)).items as { memberId: string }[];
    expect(theirs.length).toBeGreaterThan(0);
    for (const item of theirs) expect(own.has(item.memberId)).toBe(false);
  });
});
