import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiTest, startApiTest, type TestTenant } from '../../../test/support.ts';

// A merchant bringing customers over from another platform gives each one the date they joined; a member enrolled by
// an event joins when the event happened. Cohorts, tenure and retention are computed from that date.
describe('members enrolled at the time they joined', () => {
  let t: ApiTest;
  let a: TestTenant;
  let b: TestTenant;

  beforeAll(async () => {
    t = await startApiTest();
    [a, b] = await Promise.all([t.tenant(), t.tenant()]);
    for (const tenant of [a, b]) {
      await t.prisma.program.create({
        data: { tenantId: tenant.id, name: 'P', pointsName: 'Points', earningCurrency: 'EUR' },
      });
    }
  });
  afterAll(() => t?.stop());

  const post = (tenant: TestTenant, payload: object) =>
    t.app.inject({ method: 'POST', url: '/v1/members', headers: tenant.as('owner'), payload });

  it('takes enrolledAt from the body and lists the member in its enrolment month', async () => {
    const externalId = `cust-${randomUUID()}`;
    const res = await post(a, { externalId, enrolledAt: '2021-05-14T10:00:00+02:00' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().enrolledAt).toBe('2021-05-14T08:00:00.000Z');
    const row = await t.prisma.member.findFirstOrThrow({ where: { tenantId: a.id, externalId } });
    expect(row.enrolledAt).toEqual(new Date('2021-05-14T08:00:00Z'));

    const listed = await t.app.inject({
      method: 'GET',
      url: '/v1/members?enrolledAfter=2021-05-01T00:00:00Z&enrolledBefore=2021-06-01T00:00:00Z',
      headers: a.as('viewer'),
    });
    expect(listed.json().items.map((m: { externalId: string }) => m.externalId)).toEqual([externalId]);

    // Without it, the member joins now.
    const before = Date.now();
    const now = await post(a, { externalId: `cust-${randomUUID()}` });
    expect(new Date(now.json().enrolledAt).getTime()).toBeGreaterThanOrEqual(before - 1000);
  });

  it('refuses an enrolment in the future or before 1900 as problem+json, creating nothing', async () => {
    const cases: [string, string][] = [
      ['2999-01-01T00:00:00Z', 'must not be in the future'],
      [new Date(Date.now() + 3_600_000).toISOString(), 'must not be in the future'],
      ['1899-12-31T23:59:59Z', 'must not be before 1900'],
      ['2016-12-31T23:59:60Z', 'must match format "date-time"'],
    ];
    for (const [enrolledAt, message] of cases) {
      const externalId = `cust-${randomUUID()}`;
      const res = await post(a, { externalId, enrolledAt });
      expect(res.statusCode, enrolledAt).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.json()).toMatchObject({ status: 400, errors: [{ path: 'body.enrolledAt', message }] });
      expect(await t.prisma.member.count({ where: { externalId } })).toBe(0);
    }
    const malformed = await post(a, { externalId: `cust-${randomUUID()}`, enrolledAt: 'last tuesday' });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().errors[0].path).toBe('body.enrolledAt');
  });

  it('takes a time a few seconds ahead (a client clock running fast) as now', async () => {
    const res = await post(a, {
      externalId: `cust-${randomUUID()}`,
      enrolledAt: new Date(Date.now() + 20_000).toISOString(),
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(new Date(res.json().enrolledAt).getTime()).toBeLessThanOrEqual(Date.now());
  });

  it('enrols a member brought by an event at the event’s time, capped at now', async () => {
    const event = (externalId: string, type: string, occurredAt: string) =>
      t.app.inject({
        method: 'POST',
        url: '/v1/events',
        headers: { ...a.as('owner'), 'idempotency-key': randomUUID() },
        payload: {
          externalId: `e-${randomUUID()}`,
          type,
          memberExternalId: externalId,
          occurredAt,
          ...(type === 'purchase' && { amountMinor: 1000, currency: 'EUR' }),
        },
      });
    const old = `cust-${randomUUID()}`;
    expect((await event(old, 'signup', '2022-11-03T07:30:00Z')).statusCode).toBe(201);
    const member = await t.prisma.member.findFirstOrThrow({ where: { tenantId: a.id, externalId: old } });
    expect(member.enrolledAt).toEqual(new Date('2022-11-03T07:30:00Z'));
    // A later event does not move the enrolment.
    expect((await event(old, 'purchase', '2023-01-01T00:00:00Z')).statusCode).toBe(201);
    expect((await t.prisma.member.findUniqueOrThrow({ where: { id: member.id } })).enrolledAt).toEqual(
      member.enrolledAt,
    );

    const future = `cust-${randomUUID()}`;
    const before = Date.now();
    expect((await event(future, 'purchase', '2999-01-01T00:00:00Z')).statusCode).toBe(201);
    const capped = await t.prisma.member.findFirstOrThrow({ where: { tenantId: a.id, externalId: future } });
    expect(capped.enrolledAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(capped.enrolledAt.getTime()).toBeLessThanOrEqual(Date.now());
  });

  it('keeps each tenant’s enrolment to itself', async () => {
    const externalId = `cust-${randomUUID()}`;
    const mine = await post(a, { externalId, enrolledAt: '2020-01-01T00:00:00Z' });
    // The same external id in another tenant is another member, with its own date.
    const theirs = await post(b, { externalId, enrolledAt: '2024-02-02T00:00:00Z' });
    expect([mine.statusCode, theirs.statusCode]).toEqual([201, 201]);
    expect(theirs.json().id).not.toBe(mine.json().id);

    const read = await t.app.inject({ method: 'GET', url: `/v1/members/${mine.json().id}`, headers: b.as('owner') });
    expect(read.statusCode).toBe(404);
    const listed = await t.app.inject({
      method: 'GET',
      url: '/v1/members?enrolledBefore=2020-01-02T00:00:00Z',
      headers: b.as('viewer'),
    });
    expect(listed.json().items.map((m: { id: string }) => m.id)).not.toContain(mine.json().id);
    const row = await t.prisma.member.findUniqueOrThrow({ where: { id: mine.json().id } });
    expect(row.enrolledAt).toEqual(new Date('2020-01-01T00:00:00Z'));
  });
});
