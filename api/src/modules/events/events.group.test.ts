import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiTest, expectLedgerAgrees, startApiTest, type TestTenant } from '../../../test/support.ts';
import type { AppError } from '../../errors.ts';
import type { EventResult, RecordEvent } from './events.schemas.ts';
import { createEventsService } from './events.service.ts';

// Group commit (events.group.ts): concurrent accruals share transactions, and each keeps its own answer.

/** 1 point per 1.00 EUR on purchases. */
async function setUp(t: ApiTest, tenant: TestTenant) {
  const program = await t.prisma.program.create({
    data: { tenantId: tenant.id, name: 'P', pointsName: 'Points', earningCurrency: 'EUR' },
  });
  const rule = await t.prisma.rule.create({ data: { tenantId: tenant.id, programId: program.id, currentVersion: 1 } });
  await t.prisma.ruleVersion.create({
    data: {
      tenantId: tenant.id,
      ruleId: rule.id,
      version: 1,
      name: 'r',
      conditions: { eventType: { in: ['purchase'] } },
      effects: [{ pointsPerUnit: { points: 1, unitMinor: 100 } }],
    },
  });
  return program.id;
}

describe('accruals in groups', () => {
  let t: ApiTest;
  let a: TestTenant;
  let b: TestTenant;

  beforeAll(async () => {
    t = await startApiTest();
    [a, b] = await Promise.all([t.tenant(), t.tenant()]);
    await Promise.all([setUp(t, a), setUp(t, b)]);
  });
  afterAll(() => t?.stop());

  const purchase = (over: Record<string, unknown> = {}) => ({
    externalId: `order-${randomUUID()}`,
    type: 'purchase',
    occurredAt: new Date().toISOString(),
    amountMinor: 1_000,
    currency: 'EUR',
    ...over,
  });
  const post = (tenant: TestTenant, payload: object, key = randomUUID()) =>
    t.app.inject({
      method: 'POST',
      url: '/v1/events',
      headers: { ...tenant.as('owner'), 'idempotency-key': key },
      payload,
    });
  /** Members enrolled by a first purchase of 10 points each. */
  const enrol = async (tenant: TestTenant, n: number) =>
    Promise.all(
      Array.from({ length: n }, async () => {
        const externalId = `cust-${randomUUID()}`;
        const res = await post(tenant, purchase({ memberExternalId: externalId }));
        expect(res.statusCode).toBe(201);
        return { externalId, id: res.json().memberId as string };
      }),
    );

  /** How many transactions wrote these events (rows written in a savepoint carry its own id). */
  const transactionsOf = async (ids: string[]) =>
    (
      await t.prisma.$queryRaw<{ n: number }[]>`
        SELECT count(DISTINCT xmin::text)::int AS n FROM events WHERE id = ANY (${ids}::uuid[])`
    )[0]!.n;

  const invariants = (memberId: string) => expectLedgerAgrees(t.prisma, memberId);

  it('writes concurrent accruals of different members in shared transactions, each with its own answer', async () => {
    const members = await enrol(a, 40);
    const answers = await Promise.all(members.map((m) => post(a, purchase({ memberId: m.id, amountMinor: 2_500 }))));
    expect(answers.map((r) => r.statusCode)).toEqual(members.map(() => 201));
    for (const [i, r] of answers.entries()) {
      expect(r.json()).toMatchObject({ memberId: members[i]!.id, pointsEarned: 25, balance: { available: 35 } });
    }
    const ids = answers.map((r) => r.json().eventId as string);
    expect(await transactionsOf(ids)).toBeLessThan(ids.length);
    const outbox = await t.prisma.outboxEvent.count({ where: { tenantId: a.id, type: 'points.earned' } });
    expect(outbox).toBe(80);
    for (const m of members) expect((await invariants(m.id)).available).toBe(35);
  });

  it('fails one accrual of a group alone, with its own problem, and frees its key', async () => {
    const [ok1, ok2, ok3, erased] = await enrol(a, 4);
    const erase = await t.app.inject({
      method: 'POST',
      url: `/v1/members/${erased!.id}/erase`,
      headers: a.as('owner'),
    });
    expect(erase.statusCode).toBe(200);
    const taken = purchase({ memberId: ok1!.id });
    expect((await post(a, taken)).statusCode).toBe(201);
    const keys = Array.from({ length: 7 }, () => randomUUID());
    const bodies = [
      purchase({ memberId: ok1!.id }),
      purchase({ memberId: erased!.id }),
      purchase({ memberId: ok2!.id, externalId: taken.externalId }),
      { ...purchase({ memberExternalId: `nobody-${randomUUID()}` }), type: 'custom', customType: 'visit' },
      purchase({ memberId: randomUUID() }),
      purchase({ memberExternalId: ok3!.externalId }),
      purchase({ memberExternalId: `new-${randomUUID()}` }),
    ];
    // Called in one turn of the event loop, all seven form one group.
    const events = createEventsService({ prisma: t.prisma });
    const settled = await Promise.allSettled(
      bodies.map((body, i) => events.record(a.auth('owner'), body as RecordEvent, keys[i]!)),
    );
    const outcome = (r: (typeof settled)[number]) =>
      r.status === 'fulfilled' ? r.value : { status: (r.reason as AppError).status, body: r.reason as AppError };
    expect(settled.map((r) => outcome(r).status)).toEqual([201, 422, 409, 404, 404, 201, 201]);
    expect((outcome(settled[1]!).body as AppError).type).toBe('member-erased');
    expect((outcome(settled[2]!).body as AppError).extensions).toMatchObject({ eventId: expect.any(String) });
    const enrolled = outcome(settled[6]!).body as EventResult;
    expect(enrolled).toMatchObject({ memberEnrolled: true, pointsEarned: 10 });
    // Those written by the group's write statement committed in one transaction, the failed ones beside them (the
    // enrolment ran in a savepoint: its rows carry the savepoint's transaction id).
    const ids = [settled[0], settled[5]].map((r) => (outcome(r!).body as EventResult).eventId);
    expect(await transactionsOf(ids)).toBe(1);
    // Over HTTP, a failed accrual answers problem+json.
    const alone = await post(a, purchase({ memberId: erased!.id }));
    expect(alone.statusCode).toBe(422);
    expect(alone.headers['content-type']).toMatch(/application\/problem\+json/);
    // The failed ones wrote nothing: no event, and their keys are free for another request.
    const failed = [bodies[1], bodies[3], bodies[4]].map((body) => (body as { externalId: string }).externalId);
    expect(await t.prisma.event.count({ where: { tenantId: a.id, externalId: { in: failed } } })).toBe(0);
    const retry = await post(a, purchase({ memberId: ok2!.id }), keys[2]);
    expect(retry.statusCode).toBe(201);
    for (const m of [ok1!, ok2!, ok3!]) await invariants(m.id);
    expect((await invariants(ok2!.id)).available).toBe(20);
  });

  it('keeps one member’s concurrent accruals in order, by id and by external id alike', async () => {
    const [m] = await enrol(a, 1);
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        post(a, purchase(i % 2 ? { memberId: m!.id } : { memberExternalId: m!.externalId })),
      ),
    );
    expect(answers.every((r) => r.statusCode === 201)).toBe(true);
    const after = answers.map((r) => r.json().balance.available as number).sort((x, y) => x - y);
    expect(after).toEqual(Array.from({ length: 30 }, (_, i) => 10 * (i + 2)));
    expect((await invariants(m!.id)).available).toBe(310);
  });

  it('keeps tenants apart: concurrent accruals of two tenants never share a member or a group', async () => {
    const [inA] = await enrol(a, 1);
    const answers = await Promise.all([
      post(a, purchase({ memberExternalId: inA!.externalId })),
      post(b, purchase({ memberExternalId: inA!.externalId })),
      post(b, purchase({ memberId: inA!.id })),
    ]);
    expect(answers.map((r) => r.statusCode)).toEqual([201, 201, 404]);
    expect(answers[0]!.json()).toMatchObject({ memberId: inA!.id, balance: { available: 20 } });
    // Tenant B enrolled a member of its own under the same external id.
    expect(answers[1]!.json()).toMatchObject({ memberEnrolled: true, balance: { available: 10 } });
    expect(answers[1]!.json().memberId).not.toBe(inA!.id);
    const ids = [answers[0]!.json().eventId, answers[1]!.json().eventId];
    const [row] = await t.prisma.$queryRaw<{ tenants: number }[]>`
      SELECT count(DISTINCT tenant_id)::int AS tenants FROM events WHERE id = ANY (${ids}::uuid[])`;
    expect(row!.tenants).toBe(2);
    await invariants(inA!.id);
  });

  it('answers 503 to an accrual that waited in the queue past its deadline, writes nothing and keeps its key free', async () => {
    // A deadline of 0 ms: every accrual has waited past it by the time a group would take it, as under overload.
    const overloaded = createEventsService({ prisma: t.prisma, groupCommit: { maxWaitMs: 0 } });
    const [m] = await enrol(a, 1);
    const body = purchase({ memberId: m!.id }) as RecordEvent;
    const key = randomUUID();
    const refused = await overloaded.record(a.auth('owner'), body, key).catch((err: AppError) => err);
    expect(refused).toMatchObject({ status: 503, type: 'service-unavailable' });
    expect((refused as AppError).message).toMatch(/Send it again with the same Idempotency-Key/);
    expect(await t.prisma.event.count({ where: { tenantId: a.id, externalId: body.externalId } })).toBe(0);
    const retried = await post(a, body, key);
    expect(retried.statusCode).toBe(201);
    expect((await invariants(m!.id)).available).toBe(20);
  });

  it('records the same accruals one transaction each without group commit (the path of a failed group)', async () => {
    const events = createEventsService({ prisma: t.prisma, groupCommit: false });
    const [m] = await enrol(a, 1);
    const key = randomUUID();
    const body = purchase({ memberId: m!.id }) as RecordEvent;
    const answers = await Promise.all([
      ...Array.from({ length: 20 }, () =>
        events.record(a.auth('owner'), purchase({ memberId: m!.id }) as RecordEvent, randomUUID()),
      ),
      events.record(a.auth('owner'), body, key),
      events.record(a.auth('owner'), body, key),
    ]);
    expect(answers.map((r) => r.status)).toEqual(answers.map(() => 201));
    expect(answers.filter((r) => r.replayed)).toHaveLength(1);
    expect(answers.at(-1)!.body).toEqual(answers.at(-2)!.body);
    expect((await invariants(m!.id)).available).toBe(10 + 21 * 10);
  });
});
