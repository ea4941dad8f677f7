import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiTest, startApiTest, type TestTenant } from '../../../test/support.ts';

/**
 * Requests refused before any query, and the answer when the warehouse is down. The test api's ClickHouse URL
 * points at a closed port, so a request that reached ClickHouse would answer 503, not 400: every 400 here was
 * decided before a query ran. Results and tenant isolation on real marts: api/test/analytics.test.ts.
 */
describe('analytics without a warehouse', () => {
  let t: ApiTest;
  let a: TestTenant;
  let b: TestTenant;
  let programA: string;
  let programB: string;

  beforeAll(async () => {
    t = await startApiTest();
    [a, b] = await Promise.all([t.tenant(), t.tenant()]);
    const program = async (tenant: TestTenant, currency: string) => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/v1/programs',
        headers: tenant.as('owner'),
        payload: { name: `Program ${currency}`, pointsName: 'Points', earningCurrency: currency },
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json().id as string;
    };
    programA = await program(a, 'EUR');
    programB = await program(b, 'EUR');
  });
  afterAll(() => t?.stop());

  const get = (url: string, tenant = a) => t.app.inject({ method: 'GET', url, headers: tenant.as('viewer') });

  it.each([
    ['/v1/analytics/overview?from=2026-01-01', 'querystring.to'],
    ['/v1/analytics/overview?from=2026-02-30&to=2026-03-01', 'querystring.from'],
    ['/v1/analytics/overview?from=2026-03-01&to=2026-01-01', 'querystring.to'],
    ['/v1/analytics/overview?from=2020-01-01&to=2026-01-01', 'querystring.to'],
    ['/v1/analytics/overview?from=2026-01-01&to=2026-01-31&programId=nope', 'querystring.programId'],
    ['/v1/analytics/overview?from=2026-01-01&to=2026-01-31&tenantId=x', 'querystring.tenantId'],
    ['/v1/analytics/cohorts?grain=day&from=2026-01-01&to=2026-01-31', 'querystring.grain'],
    ['/v1/analytics/cohorts?grain=month&from=2026-01-01', 'querystring.to'],
    ['/v1/analytics/rfm?segment=Champions', 'querystring.segment'],
    ['/v1/analytics/funnels/referral?from=2026-01-01&to=2026-01-31', 'params.kind'],
    ['/v1/analytics/funnels/enrolment', 'querystring'],
    ['/v1/analytics/funnels/enrolment?from=2026-01-01', 'querystring.to'],
    ['/v1/analytics/funnels/enrolment?cohort=2026-03-15', 'querystring.cohort'],
    ['/v1/analytics/funnels/campaign?cohort=2026-03-01', 'querystring.cohort'],
    ['/v1/analytics/points-economy?from=2026-01-01&to=2026-01-31', 'querystring.programId'],
    [
      '/v1/analytics/tiers?programId=00000000-0000-4000-8000-000000000000&from=2026-01-01&to=2029-12-31',
      'querystring.to',
    ],
    ['/v1/analytics/members?sort=email', 'querystring.sort'],
    ['/v1/analytics/members?sort=revenueMinor;DROP', 'querystring.sort'],
    ['/v1/analytics/members?segment=Whales', 'querystring.segment.0'],
    ['/v1/analytics/members?minRevenueMinor=abc', 'querystring.minRevenueMinor'],
    ['/v1/analytics/members?minRevenueMinor=500&maxRevenueMinor=100', 'querystring.maxRevenueMinor'],
    ['/v1/analytics/members?minRecencyDays=-1', 'querystring.minRecencyDays'],
    ['/v1/analytics/members?limit=201', 'querystring.limit'],
    ['/v1/analytics/members?tag=a%20b', 'querystring.tag'],
    ['/v1/analytics/members?cursor=not-a-cursor', 'querystring.cursor'],
    ['/v1/analytics/members?country=FR', 'querystring.country'],
  ])('refuses %s with problem+json 400 naming %s, before any query', async (url, path) => {
    const res = await get(url);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().errors.map((e: { path: string }) => e.path)).toContain(path);
  });

  it('refuses a cursor issued for another sort order', async () => {
    const cursor = Buffer.from(
      JSON.stringify({ sort: 'frequency', order: 'desc', value: 3, memberId: '00000000-0000-4000-8000-000000000000' }),
    ).toString('base64url');
    const res = await get(`/v1/analytics/members?sort=revenueMinor&cursor=${cursor}`);
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0]).toMatchObject({ path: 'querystring.cursor' });
  });

  it("answers 404 for another tenant's program, before any query", async () => {
    for (const url of [
      `/v1/analytics/overview?from=2026-01-01&to=2026-01-31&programId=${programB}`,
      `/v1/analytics/points-economy?programId=${programB}&from=2026-01-01&to=2026-01-31`,
      `/v1/analytics/tiers?programId=${programB}&from=2026-01-01&to=2026-01-31`,
    ]) {
      const res = await get(url);
      expect([url, res.statusCode]).toEqual([url, 404]);
    }
  });

  it('answers 422 for an overview over programs in several currencies, naming them', async () => {
    const usd = await t.app.inject({
      method: 'POST',
      url: '/v1/programs',
      headers: b.as('owner'),
      payload: { name: 'US', pointsName: 'Points', earningCurrency: 'USD' },
    });
    expect(usd.statusCode).toBe(201);
    const res = await get('/v1/analytics/overview?from=2026-01-01&to=2026-01-31', b);
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({
      type: 'https://monet.dev/problems/mixed-currencies',
      currencies: ['EUR', 'USD'],
    });
  });

  it('answers 503 problem+json on every endpoint when ClickHouse does not answer', async () => {
    for (const url of [
      `/v1/analytics/overview?from=2026-01-01&to=2026-01-31&programId=${programA}`,
      '/v1/analytics/cohorts?grain=week&from=2026-01-01&to=2026-01-31',
      '/v1/analytics/rfm',
      '/v1/analytics/funnels/enrolment?cohort=2026-01-01',
      `/v1/analytics/points-economy?programId=${programA}&from=2026-01-01&to=2026-01-31`,
      `/v1/analytics/tiers?programId=${programA}&from=2026-01-01&to=2026-01-31`,
      '/v1/analytics/members?segment=Champions&segment=Lost',
    ]) {
      const res = await get(url);
      expect([url, res.statusCode]).toEqual([url, 503]);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json()).toMatchObject({ type: 'https://monet.dev/problems/warehouse-unavailable', status: 503 });
    }
  });

  it('needs analytics:read', async () => {
    const anonymous = await t.app.inject({ method: 'GET', url: '/v1/analytics/rfm' });
    expect(anonymous.statusCode).toBe(401);
  });
});
