import { randomUUID } from 'node:crypto';
import { Prisma } from '@loyaltystudio/prisma';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiTest, expectLedgerAgrees, startApiTest, type TestTenant } from '../../../test/support.ts';
import { withTenantFirst } from '../../infra/tenant-tx.ts';
import { expirePoints } from '../ledger/expire-points.ts';

/** 1 point per 1.00 EUR on purchases, +10 on sign-up: the program every test here earns in. */
async function setUp(t: ApiTest, tenant: TestTenant, program: Record<string, unknown> = {}) {
  const row = await t.prisma.program.create({
    data: { tenantId: tenant.id, name: 'P', pointsName: 'Points', earningCurrency: 'EUR', ...program },
  });
  const rules = [
    { conditions: { eventType: { in: ['purchase'] } }, effects: [{ pointsPerUnit: { points: 1, unitMinor: 100 } }] },
    { conditions: { eventType: { in: ['signup'] } }, effects: [{ fixedPoints: { points: 10 } }] },
  ];
  for (const [i, r] of rules.entries()) {
    const rule = await t.prisma.rule.create({ data: { tenantId: tenant.id, programId: row.id, currentVersion: 1 } });
    await t.prisma.ruleVersion.create({
      data: { tenantId: tenant.id, ruleId: rule.id, version: 1, name: `r${i}`, ...r },
    });
  }
  return row.id;
}

describe('events and the ledger', () => {
  let t: ApiTest;
  let a: TestTenant;
  let b: TestTenant;
  let programA: string;

  beforeAll(async () => {
    t = await startApiTest();
    [a, b] = await Promise.all([t.tenant(), t.tenant()]);
    programA = await setUp(t, a);
    await setUp(t, b);
  });
  afterAll(() => t?.stop());

  const purchase = (over: Record<string, unknown> = {}) => ({
    externalId: `order-${randomUUID()}`,
    type: 'purchase',
    memberExternalId: 'cust-1',
    occurredAt: new Date().toISOString(),
    amountMinor: 12_345,
    currency: 'EUR',
    ...over,
  });
  const post = (tenant: TestTenant, payload: unknown, key: string | null = randomUUID(), role = 'owner' as const) =>
    t.app.inject({
      method: 'POST',
      url: '/v1/events',
      headers: { ...tenant.as(role), ...(key === null ? {} : { 'idempotency-key': key }) },
      payload: payload as object,
    });

  const invariants = (memberId: string) => expectLedgerAgrees(t.prisma, memberId);

  it('enrols an unknown member on a purchase and credits the rules’ points in one transaction', async () => {
    const res = await post(a, purchase({ memberExternalId: 'new-cust' }));
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({
      programId: programA,
      memberEnrolled: true,
      pointsEarned: 123,
      balance: { available: 123, pending: 0, lifetimeEarned: 123 },
      expiresAt: null,
    });
    expect(body.rules).toHaveLength(1);
    const entries = await t.prisma.ledgerEntry.findMany({ where: { eventId: body.eventId } });
    expect(entries).toMatchObject([{ kind: 'accrual', points: 123, ruleVersionIds: [body.rules[0].versionId] }]);
    const outbox = await t.prisma.outboxEvent.findMany({ where: { tenantId: a.id }, orderBy: { createdAt: 'asc' } });
    expect(outbox.map((o) => o.type)).toEqual(expect.arrayContaining(['member.created', 'points.earned']));
    await invariants(body.memberId);
  });

  it('replays the same key and body, refuses the same key with another body, and a reused external id', async () => {
    const event = purchase();
    const key = randomUUID();
    const first = await post(a, event, key);
    const again = await post(a, event, key);
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
    expect(await t.prisma.event.count({ where: { externalId: event.externalId } })).toBe(1);

    const other = await post(a, { ...event, amountMinor: 1 }, key);
    expect(other.statusCode).toBe(422);
    expect(other.json().type).toMatch(/idempotency-key-reused$/);

    const duplicate = await post(a, event, randomUUID());
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json()).toMatchObject({ eventId: first.json().eventId });
  });

  it('reverses refunds in proportion, never more than earned, and records the spent part as shortfall', async () => {
    const member = `cust-${randomUUID()}`;
    const p = (await post(a, purchase({ memberExternalId: member, amountMinor: 10_000 }))).json(); // 100 points
    const refund = (amountMinor: number) => ({
      externalId: `refund-${randomUUID()}`,
      type: 'refund',
      refundOfEventId: p.eventId,
      occurredAt: new Date().toISOString(),
      amountMinor,
      currency: 'EUR',
    });
    // 33.33 € then 33.33 € then 33.34 €: floor(100 × 3333/10000) = 33, floor(100 × 6666/10000) = 66, then 100.
    const r1 = (await post(a, refund(3_333))).json();
    const r2 = (await post(a, refund(3_333))).json();
    expect([r1.pointsReversed, r2.pointsReversed]).toEqual([33, 33]);
    // Spend what is left but 4 points, then refund the rest: 34 to reverse, 4 available.
    const adjust = await t.app.inject({
      method: 'POST',
      url: `/v1/members/${p.memberId}/adjustments`,
      headers: { ...a.as('admin'), 'idempotency-key': randomUUID() },
      payload: { points: -30, reason: 'spent at the till' },
    });
    expect(adjust.statusCode).toBe(201);
    const r3 = (await post(a, refund(3_334))).json();
    expect(r3).toMatchObject({ pointsReversed: 4, shortfallPoints: 30, balance: { available: 0, lifetimeEarned: 0 } });
    const over = await post(a, refund(1));
    expect(over.statusCode).toBe(422);
    expect(over.json().type).toMatch(/refund-exceeds-purchase$/);
    await invariants(p.memberId);
  });

  it('expires lots past their date exactly once, even when runs overlap', async () => {
    const tenant = await t.tenant();
    await setUp(t, tenant, { expiryPolicy: 'days_after_earning', expiryValue: 30 });
    const earned = (await post(tenant, purchase({ occurredAt: '2025-01-01T00:00:00Z' }))).json();
    expect(earned.expiresAt).toBe('2025-01-31T00:00:00.000Z');
    const runs = await Promise.all([
      expirePoints(t.prisma, { now: new Date(), tenantId: tenant.id }),
      expirePoints(t.prisma, { now: new Date(), tenantId: tenant.id }),
    ]);
    expect(runs.reduce((s, r) => s + r.points, 0)).toBe(123);
    expect((await expirePoints(t.prisma, { now: new Date(), tenantId: tenant.id })).points).toBe(0);
    const balance = await invariants(earned.memberId);
    expect(balance).toMatchObject({ available: 0, expired: 123, lifetimeEarned: 123 });
    expect(await t.prisma.outboxEvent.count({ where: { tenantId: tenant.id, type: 'points.expired' } })).toBe(1);
  });

  it('gives one effect to 20 concurrent requests with one key on one member, and the same answer to each', async () => {
    const member = `cust-${randomUUID()}`;
    await post(a, purchase({ memberExternalId: member, amountMinor: 100 }));
    const event = purchase({ memberExternalId: member, amountMinor: 2_500 });
    const key = randomUUID();
    const answers = await Promise.all(Array.from({ length: 20 }, () => post(a, event, key)));
    expect(answers.map((r) => r.statusCode)).toEqual(Array(20).fill(201));
    expect(answers.filter((r) => r.headers['idempotent-replayed'] === 'true')).toHaveLength(19);
    for (const r of answers) expect(r.json()).toEqual(answers[0]!.json());
    expect(answers[0]!.json()).toMatchObject({ pointsEarned: 25, balance: { available: 26, lifetimeEarned: 26 } });
    const balance = await invariants(answers[0]!.json().memberId);
    expect(balance).toMatchObject({ available: 26, seq: 2 });
  });

  it('refuses a first statement of a tenant transaction that does not set the tenant', async () => {
    const unset = withTenantFirst(
      t.prisma,
      a.id,
      (tenant) => Prisma.sql`WITH ${tenant} SELECT ${a.id}::text AS "tenantSet"`,
      async () => 'ran',
    );
    await expect(unset).rejects.toThrow(/must set the tenant/);
    const set = withTenantFirst(
      t.prisma,
      a.id,
      (tenant) => Prisma.sql`WITH ${tenant} SELECT tenant."tenantSet", current_user AS role FROM tenant`,
      async (tx) => (await tx.$queryRaw<{ role: string }[]>`SELECT current_user AS role`)[0]!.role,
    );
    await expect(set).resolves.toBe('monet_app');
  });

  it('keeps the balance equal to the ledger under 200 concurrent accruals and debits on one member', async () => {
    const member = `cust-${randomUUID()}`;
    const seed = (await post(a, purchase({ memberExternalId: member, amountMinor: 5_000 }))).json();
    // One member's accruals go one per group, so on a busy machine some wait past the queue's deadline and are
    // answered 503 with nothing written: each is retried with its key, as a client does.
    const untilAnswered = async (send: () => ReturnType<typeof post>) => {
      for (;;) {
        const res = await send();
        if (res.statusCode !== 503) return res;
      }
    };
    const requests = Array.from({ length: 200 }, (_, i) => {
      const key = randomUUID();
      const order = purchase({ memberExternalId: member, amountMinor: 700 });
      return untilAnswered(() =>
        i % 2
          ? post(a, order, key)
          : t.app.inject({
              method: 'POST',
              url: `/v1/members/${seed.memberId}/adjustments`,
              headers: { ...a.as('admin'), 'idempotency-key': key },
              payload: { points: -9, reason: 'concurrent debit' },
            }),
      );
    });
    const answers = await Promise.all(requests);
    const statuses = answers.map((r) => r.statusCode);
    expect(
      statuses.filter((s) => s !== 201 && s !== 422),
      JSON.stringify(answers.find((r) => r.statusCode >= 500)?.json()),
    ).toEqual([]);
    for (const r of answers.filter((x) => x.statusCode === 422)) expect(r.json().type).toMatch(/insufficient-points$/);
    const credited = answers.filter((r, i) => i % 2 && r.statusCode === 201).length * 7;
    const debited = answers.filter((r, i) => !(i % 2) && r.statusCode === 201).length * 9;
    const balance = await invariants(seed.memberId);
    expect(balance.available).toBe(50 + credited - debited);
    expect(balance.seq).toBe(await t.prisma.ledgerEntry.count({ where: { memberId: seed.memberId } }));
  });

  it('records a batch with a result per item; a bad item fails alone', async () => {
    const events = [purchase(), { ...purchase(), amountMinor: 1.5 }, purchase({ memberExternalId: undefined })];
    const key = randomUUID();
    const send = () =>
      t.app.inject({
        method: 'POST',
        url: '/v1/events:batch',
        headers: { ...a.as('owner'), 'idempotency-key': key },
        payload: { events },
      });
    const res = await send();
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ succeeded: 1, failed: 2 });
    expect(body.items.map((i: { status: number }) => i.status)).toEqual([201, 400, 400]);
    expect(body.items[1].problem.errors).toEqual([{ path: 'body.events.1.amountMinor', message: 'must be integer' }]);
    const replay = await send();
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.json().items[0]).toEqual(body.items[0]);
    const tooMany = await t.app.inject({
      method: 'POST',
      url: '/v1/events:batch',
      headers: { ...a.as('owner'), 'idempotency-key': randomUUID() },
      payload: { events: Array.from({ length: 1001 }, () => purchase()) },
    });
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().errors[0].path).toBe('body.events');
  });

  it('answers an unexpected failure in its own slot with 500: that event writes nothing, a retry runs it again', async () => {
    // A real database error, not a mock: Postgres refuses this one external id (a check constraint of this test).
    const boom = `boom-${randomUUID()}`;
    await t.prisma.$executeRawUnsafe(`ALTER TABLE events ADD CONSTRAINT no_boom CHECK (external_id <> '${boom}')`);
    const member = `cust-${randomUUID()}`;
    const events = [
      purchase({ memberExternalId: `cust-${randomUUID()}` }),
      purchase({ externalId: boom, memberExternalId: member }),
      { ...purchase(), amountMinor: -1 },
      purchase(),
    ];
    const key = randomUUID();
    const send = () =>
      t.app.inject({
        method: 'POST',
        url: '/v1/events:batch',
        headers: { ...a.as('owner'), 'idempotency-key': key },
        payload: { events },
      });
    const first = await send();
    expect(first.statusCode, first.body).toBe(200);
    const body = first.json();
    expect(body).toMatchObject({ succeeded: 2, failed: 2 });
    expect(body.items.map((i: { status: number }) => i.status)).toEqual([201, 500, 400, 201]);
    expect(body.items[1].problem).toMatchObject({ type: 'internal', title: 'Internal Server Error' });
    expect(body.items[1].problem.detail).not.toMatch(/no_boom|constraint/);
    // The event at fault wrote nothing: no event, no enrolment, no ledger entry, no outbox event, no stored answer.
    expect(await t.prisma.event.count({ where: { externalId: boom } })).toBe(0);
    expect(await t.prisma.member.count({ where: { tenantId: a.id, externalId: member } })).toBe(0);
    expect(await t.prisma.idempotencyKey.count({ where: { tenantId: a.id, key: `${key}:1` } })).toBe(0);
    const outbox = await t.prisma.outboxEvent.findMany({ where: { tenantId: a.id } });
    expect(outbox.filter((o) => JSON.stringify(o.payload).includes(boom))).toEqual([]);
    // The others were written, and their answer says so.
    for (const i of [0, 3]) {
      expect(await t.prisma.event.count({ where: { id: body.items[i].result.eventId } })).toBe(1);
    }

    // While the fault lasts, a retry replays the events that succeeded and fails the same one again.
    const again = await send();
    expect(again.statusCode).toBe(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(body);
    expect(
      await t.prisma.event.count({ where: { externalId: { in: [events[0]!.externalId, events[3]!.externalId] } } }),
    ).toBe(2);

    // Once it is gone, the retry records it; the others are still replayed, not recorded twice.
    await t.prisma.$executeRawUnsafe('ALTER TABLE events DROP CONSTRAINT no_boom');
    const retried = (await send()).json();
    expect(retried.items.map((i: { status: number }) => i.status)).toEqual([201, 201, 400, 201]);
    expect(retried.items[0]).toEqual(body.items[0]);
    expect(retried.items[3]).toEqual(body.items[3]);
    expect(retried.items[1].result).toMatchObject({ memberEnrolled: true, pointsEarned: 123 });
    expect(await t.prisma.event.count({ where: { externalId: boom } })).toBe(1);
  });

  it('lists the ledger newest first with a cursor, and the balances per program', async () => {
    const member = `cust-${randomUUID()}`;
    const first = (await post(a, purchase({ memberExternalId: member }))).json();
    await post(a, purchase({ memberExternalId: member }));
    await post(a, purchase({ memberExternalId: member }));
    const url = `/v1/members/${first.memberId}/ledger?programId=${programA}&limit=2`;
    const one = (await t.app.inject({ method: 'GET', url, headers: a.as('viewer') })).json();
    expect(one.items.map((e: { seq: number }) => e.seq)).toEqual([3, 2]);
    const two = (
      await t.app.inject({ method: 'GET', url: `${url}&cursor=${one.nextCursor}`, headers: a.as('viewer') })
    ).json();
    expect(two).toMatchObject({ items: [{ seq: 1, kind: 'accrual', points: 123 }], nextCursor: null });
    const balances = (
      await t.app.inject({ method: 'GET', url: `/v1/members/${first.memberId}/balances`, headers: a.as('analyst') })
    ).json();
    expect(balances.items).toMatchObject([{ programId: programA, available: 369, lifetimeEarned: 369, tierId: null }]);
  });

  it('audits adjustments with the balance before and after and refuses debits beyond the balance', async () => {
    const m = (await post(a, purchase({ memberExternalId: `cust-${randomUUID()}`, amountMinor: 1_000 }))).json();
    const adjust = (points: number, role: 'owner' | 'admin' | 'marketer' = 'admin') =>
      t.app.inject({
        method: 'POST',
        url: `/v1/members/${m.memberId}/adjustments`,
        headers: { ...a.as(role), 'idempotency-key': randomUUID() },
        payload: { points, reason: 'goodwill' },
      });
    const ok = await adjust(5);
    expect(ok.json()).toMatchObject({
      entry: { kind: 'adjustment', points: 5, reason: 'goodwill' },
      balance: { available: 15 },
    });
    const log = await t.prisma.auditLog.findFirstOrThrow({
      where: { tenantId: a.id, action: 'ledger.adjust', entityId: { startsWith: m.memberId } },
    });
    expect(log).toMatchObject({ actorId: a.users.admin.id, before: { available: 10 }, after: { available: 15 } });
    const tooMuch = await adjust(-16);
    expect(tooMuch.statusCode).toBe(422);
    expect(tooMuch.json()).toMatchObject({ available: 15, requested: 16 });
    expect((await adjust(1, 'marketer')).statusCode).toBe(403);
  });

  it('gives each role exactly its access', async () => {
    const m = (await post(a, purchase({ memberExternalId: `cust-${randomUUID()}` }))).json();
    const expected = {
      owner: [201, 201, 200],
      admin: [201, 201, 200],
      marketer: [403, 403, 200],
      analyst: [403, 403, 200],
      viewer: [403, 403, 200],
    } as const;
    for (const [role, codes] of Object.entries(expected)) {
      const as = a.as(role as keyof typeof expected);
      const got = [
        (await post(a, purchase(), randomUUID(), role as 'owner')).statusCode,
        (
          await t.app.inject({
            method: 'POST',
            url: `/v1/members/${m.memberId}/adjustments`,
            headers: { ...as, 'idempotency-key': randomUUID() },
            payload: { points: 1, reason: 'role check' },
          })
        ).statusCode,
        (await t.app.inject({ method: 'GET', url: `/v1/members/${m.memberId}/ledger`, headers: as })).statusCode,
      ];
      expect([role, got]).toEqual([role, codes]);
    }
    expect((await t.app.inject({ method: 'POST', url: '/v1/events', payload: purchase() })).statusCode).toBe(401);
  });

  it("answers 404 for another tenant's member, program and purchase on every route", async () => {
    const theirs = (await post(b, purchase({ memberExternalId: 'theirs' }))).json();
    for (const url of [`/v1/members/${theirs.memberId}/ledger`, `/v1/members/${theirs.memberId}/balances`]) {
      expect((await t.app.inject({ method: 'GET', url, headers: a.as('owner') })).statusCode).toBe(404);
    }
    const adjust = await t.app.inject({
      method: 'POST',
      url: `/v1/members/${theirs.memberId}/adjustments`,
      headers: { ...a.as('owner'), 'idempotency-key': randomUUID() },
      payload: { points: 1, reason: 'cross tenant' },
    });
    expect(adjust.statusCode).toBe(404);
    expect((await post(a, purchase({ memberExternalId: undefined, memberId: theirs.memberId }))).statusCode).toBe(404);
    expect((await post(a, purchase({ programId: theirs.programId }))).statusCode).toBe(404);
    const refund = await post(a, {
      externalId: `refund-${randomUUID()}`,
      type: 'refund',
      refundOfEventId: theirs.eventId,
      occurredAt: new Date().toISOString(),
      amountMinor: 1,
      currency: 'EUR',
    });
    expect(refund.statusCode).toBe(404);
    expect(await t.prisma.ledgerEntry.count({ where: { memberId: theirs.memberId } })).toBe(1);
  });

  it('refuses bad input with the path of each bad field', async () => {
    const bad = await post(a, { ...purchase(), amountMinor: 12.5, currency: 'euro', colour: 'blue' });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort(),
    ).toEqual(['body.amountMinor', 'body.colour', 'body.currency']);
    const noKey = await post(a, purchase(), null);
    expect(noKey.json().errors).toEqual([{ path: 'headers.idempotency-key', message: expect.any(String) }]);
    const half = await post(a, purchase({ currency: undefined }));
    expect(half.json().errors).toEqual([{ path: 'body.currency', message: 'amountMinor and currency go together' }]);
    const huge = await post(a, purchase({ attributes: { blob: 'x'.repeat(1_100_000) } }));
    expect(huge.statusCode).toBe(413);
  });
});
