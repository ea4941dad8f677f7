import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiTest, startApiTest, type TestTenant } from '../../../test/support.ts';
import type { Role } from '../../auth/permissions.ts';
import { addMonths } from '../../domain/tiers/tier-policy.ts';
import { withTenant } from '../../infra/tenant-tx.ts';
import { credit, lockBalance } from '../ledger/ledger.core.ts';
import { applyTierDowngrades, reevaluateTier, tierMultiplierPct } from './tiers.core.ts';

const DAY = 86_400_000;

describe('tiers', () => {
  let t: ApiTest;
  let a: TestTenant;
  let b: TestTenant;

  beforeAll(async () => {
    t = await startApiTest();
    [a, b] = await Promise.all([t.tenant(), t.tenant()]);
  });
  afterAll(() => t?.stop());

  async function program(tenant: TestTenant): Promise<string> {
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/programs',
      headers: tenant.as('owner'),
      payload: { name: 'Café', pointsName: 'Beans', earningCurrency: 'EUR' },
    });
    return res.json().id;
  }

  async function tier(tenant: TestTenant, programId: string, body: Record<string, unknown>) {
    const res = await t.app.inject({
      method: 'POST',
      url: `/v1/programs/${programId}/tiers`,
      headers: tenant.as('admin'),
      payload: body,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string };
  }

  async function member(tenant: TestTenant): Promise<string> {
    return (await t.prisma.member.create({ data: { tenantId: tenant.id, externalId: randomUUID() } })).id;
  }

  /** Credits points (as an accrual would) and re-evaluates the tier in the same transaction. */
  function earn(tenant: TestTenant, programId: string, memberId: string, points: number, now = new Date()) {
    return withTenant(t.prisma, tenant.id, async (tx) => {
      const key = { tenantId: tenant.id, memberId, programId };
      await lockBalance(tx, key);
      await credit(tx, { ...key, kind: 'accrual', points, earnedAt: now });
      return reevaluateTier(tx, { ...key, now });
    });
  }

  const balance = (memberId: string, programId: string) =>
    t.prisma.balance.findUniqueOrThrow({ where: { memberId_programId: { memberId, programId } } });

  it('creates, lists, changes and deletes tiers, with unique ranks, auditing each change', async () => {
    const programId = await program(a);
    const silver = await tier(a, programId, {
      name: 'Silver',
      rank: 1,
      qualification: 'lifetime_points',
      threshold: 1000,
    });
    expect(silver).toMatchObject({ programId, earnMultiplierPct: 100, graceDays: 0, benefits: [] });
    const gold = await tier(a, programId, {
      name: 'Gold',
      rank: 2,
      qualification: 'spend_rolling_12_months',
      threshold: 100_000,
      earnMultiplierPct: 150,
      graceDays: 30,
      benefits: ['Free delivery'],
    });
    const clash = await t.app.inject({
      method: 'POST',
      url: `/v1/programs/${programId}/tiers`,
      headers: a.as('owner'),
      payload: { name: 'Bronze', rank: 1, qualification: 'lifetime_points', threshold: 10 },
    });
    expect(clash.statusCode).toBe(409);
    const moveClash = await t.app.inject({
      method: 'PATCH',
      url: `/v1/programs/${programId}/tiers/${gold.id}`,
      headers: a.as('owner'),
      payload: { rank: 1 },
    });
    expect(moveClash.statusCode).toBe(409);
    const renamed = await t.app.inject({
      method: 'PATCH',
      url: `/v1/programs/${programId}/tiers/${gold.id}`,
      headers: a.as('marketer'),
      payload: { name: 'Gold+', rank: 3 },
    });
    expect(renamed.json()).toMatchObject({ name: 'Gold+', rank: 3, earnMultiplierPct: 150 });

    const listed = await t.app.inject({
      method: 'GET',
      url: `/v1/programs/${programId}/tiers`,
      headers: a.as('viewer'),
    });
    expect(listed.json().items.map((x: { name: string }) => x.name)).toEqual(['Silver', 'Gold+']);

    // A tier held by a member or restricting a reward cannot be deleted.
    const holder = await member(a);
    await earn(a, programId, holder, 1000);
    const held = await t.app.inject({
      method: 'DELETE',
      url: `/v1/programs/${programId}/tiers/${silver.id}`,
      headers: a.as('owner'),
    });
    expect([held.statusCode, held.json().members, held.json().rewards]).toEqual([409, 1, 0]);
    const deleted = await t.app.inject({
      method: 'DELETE',
      url: `/v1/programs/${programId}/tiers/${gold.id}`,
      headers: a.as('owner'),
    });
    expect(deleted.statusCode).toBe(204);
    const log = await t.prisma.auditLog.findMany({
      where: { tenantId: a.id, entityType: 'tier', entityId: gold.id },
      orderBy: { createdAt: 'asc' },
    });
    expect(log.map((e) => e.action)).toEqual(['tier.create', 'tier.update', 'tier.delete']);
  });

  it('upgrades at once on accrual, records the history and emits tier.changed; the multiplier follows the tier', async () => {
    const programId = await program(a);
    const silver = await tier(a, programId, {
      name: 'Silver',
      rank: 1,
      qualification: 'lifetime_points',
      threshold: 1000,
      earnMultiplierPct: 120,
    });
    const gold = await tier(a, programId, {
      name: 'Gold',
      rank: 2,
      qualification: 'points_rolling_12_months',
      threshold: 5000,
      earnMultiplierPct: 150,
    });
    const memberId = await member(a);
    const multiplier = async () =>
      withTenant(t.prisma, a.id, async (tx) => tierMultiplierPct(tx, await balance(memberId, programId)));

    expect(await earn(a, programId, memberId, 999)).toEqual({ decision: 'keep', change: null });
    expect(await multiplier()).toBe(100);
    const first = await earn(a, programId, memberId, 1);
    expect(first).toMatchObject({ decision: 'upgrade', change: { fromTierId: null, toTierId: silver.id } });
    expect(await multiplier()).toBe(120);
    const second = await earn(a, programId, memberId, 4000);
    expect(second).toMatchObject({ decision: 'upgrade', change: { fromTierId: silver.id, toTierId: gold.id } });
    expect(await balance(memberId, programId)).toMatchObject({ tierId: gold.id, lifetimeEarned: 5000 });
    expect(await multiplier()).toBe(150);

    const events = await t.prisma.outboxEvent.findMany({
      where: { tenantId: a.id, type: 'tier.changed' },
      orderBy: { createdAt: 'asc' },
    });
    expect(
      events.filter((e) => (e.payload as { memberId: string }).memberId === memberId).map((e) => e.payload),
    ).toEqual([
      expect.objectContaining({ fromTierId: null, toTierId: silver.id, direction: 'upgrade' }),
      expect.objectContaining({ fromTierId: silver.id, toTierId: gold.id, direction: 'upgrade' }),
    ]);

    const history = await t.app.inject({
      method: 'GET',
      url: `/v1/members/${memberId}/tier-history?limit=1`,
      headers: a.as('viewer'),
    });
    expect(history.json().items).toEqual([
      expect.objectContaining({ programId, fromTierId: silver.id, toTierId: gold.id, reason: 'upgrade' }),
    ]);
    const older = await t.app.inject({
      method: 'GET',
      url: `/v1/members/${memberId}/tier-history?limit=1&cursor=${history.json().nextCursor}`,
      headers: a.as('viewer'),
    });
    expect(older.json()).toEqual({
      items: [expect.objectContaining({ fromTierId: null, toTierId: silver.id })],
      nextCursor: null,
    });
  });

  it('moves a member up through POST /v1/events, and the next purchase earns at the new multiplier', async () => {
    const own = await t.tenant();
    const programId = await program(own);
    const rule = await t.prisma.rule.create({ data: { tenantId: own.id, programId, currentVersion: 1 } });
    await t.prisma.ruleVersion.create({
      data: {
        tenantId: own.id,
        ruleId: rule.id,
        version: 1,
        name: '1 point per euro',
        conditions: { eventType: { in: ['purchase'] } },
        effects: [{ pointsPerUnit: { points: 1, unitMinor: 100 } }],
      },
    });
    const silver = await tier(own, programId, {
      name: 'Silver',
      rank: 1,
      qualification: 'orders_rolling_12_months',
      threshold: 1,
      earnMultiplierPct: 200,
    });
    const purchase = (amountMinor: number) =>
      t.app.inject({
        method: 'POST',
        url: '/v1/events',
        headers: { ...own.as('owner'), 'idempotency-key': randomUUID() },
        payload: {
          externalId: randomUUID(),
          type: 'purchase',
          programId,
          memberExternalId: 'cust-1',
          occurredAt: new Date().toISOString(),
          amountMinor,
          currency: 'EUR',
        },
      });
    expect((await purchase(15_000)).statusCode).toBe(201);
    const memberId = (await t.prisma.member.findFirstOrThrow({ where: { tenantId: own.id } })).id;
    expect(await balance(memberId, programId)).toMatchObject({ available: 150, tierId: silver.id });
    expect(await t.prisma.tierChange.count({ where: { memberId } })).toBe(1);
    await purchase(1_000);
    expect(await balance(memberId, programId)).toMatchObject({ available: 170, tierId: silver.id });
  });

  it('qualifies on rolling spend and order count from purchase events, less refunds', async () => {
    const programId = await program(a);
    const spender = await tier(a, programId, {
      name: 'Spender',
      rank: 1,
      qualification: 'spend_rolling_12_months',
      threshold: 10_000,
    });
    const regular = await tier(a, programId, {
      name: 'Regular',
      rank: 2,
      qualification: 'orders_rolling_12_months',
      threshold: 3,
    });
    const memberId = await member(a);
    const now = new Date();
    const event = (type: 'purchase' | 'refund', amountMinor: number, ageDays: number) => ({
      tenantId: a.id,
      programId,
      memberId,
      externalId: randomUUID(),
      type,
      amountMinor,
      currency: 'EUR',
      occurredAt: new Date(now.getTime() - ageDays * DAY),
    });
    await t.prisma.event.createMany({
      data: [event('purchase', 6000, 400), event('purchase', 6000, 10), event('purchase', 6000, 5)],
    });
    await t.prisma.event.create({ data: event('refund', 3000, 1) });
    // 12,000 spent in the last 12 months less a 3,000 refund: not yet a spender; two orders.
    expect((await earn(a, programId, memberId, 1, now)).decision).toBe('keep');
    await t.prisma.event.create({ data: event('purchase', 1000, 0) });
    const upgraded = await earn(a, programId, memberId, 1, now);
    expect(upgraded.change).toMatchObject({ toTierId: regular.id });
    expect(spender.id).not.toBe(regular.id);
  });

  it('downgrades only after the qualification period and its grace days, renews members who still qualify', async () => {
    // A tenant of its own: the pass counts every member of the tenant whose period has ended.
    const a = await t.tenant();
    const programId = await program(a);
    const gold = await tier(a, programId, {
      name: 'Gold',
      rank: 2,
      qualification: 'points_rolling_12_months',
      threshold: 5000,
      graceDays: 30,
    });
    const loyal = await tier(a, programId, {
      name: 'Loyal',
      rank: 1,
      qualification: 'lifetime_points',
      threshold: 100,
    });
    const lapsing = await member(a);
    const start = new Date();
    expect((await earn(a, programId, lapsing, 6000, start)).change).toMatchObject({ toTierId: gold.id });
    const since = (await balance(lapsing, programId)).tierSince!;
    const periodEnd = addMonths(since, 12);

    // Mid-period nothing moves; the pass does not even look at the member.
    expect(await applyTierDowngrades(t.prisma, { now: new Date(periodEnd.getTime() - DAY), tenantId: a.id })).toEqual({
      examined: 0,
      upgraded: 0,
      renewed: 0,
      downgraded: 0,
    });
    // The period ended and the 6,000 points are older than 12 months, but grace keeps Gold for 30 days.
    const inGrace = new Date(periodEnd.getTime() + 29 * DAY);
    expect(await applyTierDowngrades(t.prisma, { now: inGrace, tenantId: a.id })).toMatchObject({
      examined: 1,
      downgraded: 0,
    });
    expect((await balance(lapsing, programId)).tierId).toBe(gold.id);
    // Grace over: down to the tier the figures still meet (lifetime points keep Loyal).
    const graceOver = new Date(periodEnd.getTime() + 30 * DAY);
    expect(await applyTierDowngrades(t.prisma, { now: graceOver, tenantId: a.id })).toMatchObject({
      examined: 1,
      downgraded: 1,
    });
    expect(await balance(lapsing, programId)).toMatchObject({ tierId: loyal.id, tierSince: graceOver });
    const change = await t.prisma.tierChange.findFirstOrThrow({
      where: { memberId: lapsing, reason: 'downgrade' },
    });
    expect(change).toMatchObject({ fromTierId: gold.id, toTierId: loyal.id, effectiveAt: graceOver });
    const event = await t.prisma.outboxEvent.findFirstOrThrow({
      where: { tenantId: a.id, type: 'tier.changed', payload: { path: ['direction'], equals: 'downgrade' } },
    });
    expect(event.payload).toMatchObject({ memberId: lapsing, fromTierId: gold.id, toTierId: loyal.id });
    // Running the pass again changes nothing.
    expect(await applyTierDowngrades(t.prisma, { now: graceOver, tenantId: a.id })).toMatchObject({ downgraded: 0 });

    // A member whose lifetime tier still qualifies at the period end is renewed from that end.
    const steady = await member(a);
    const other = await program(a);
    await tier(a, other, { name: 'Loyal', rank: 1, qualification: 'lifetime_points', threshold: 100 });
    await earn(a, other, steady, 500, start);
    const steadySince = (await balance(steady, other)).tierSince!;
    const renewAt = new Date(addMonths(steadySince, 12).getTime() + DAY);
    expect(await applyTierDowngrades(t.prisma, { now: renewAt, tenantId: a.id })).toMatchObject({ renewed: 1 });
    expect((await balance(steady, other)).tierSince).toEqual(addMonths(steadySince, 12));
  });

  it("answers 404 for another tenant's programs, tiers and members, on every route", async () => {
    const theirProgram = await program(b);
    const theirTier = await tier(b, theirProgram, {
      name: 'Theirs',
      rank: 1,
      qualification: 'lifetime_points',
      threshold: 1,
    });
    const theirMember = await member(b);
    const ourProgram = await program(a);
    const requests: [string, string, unknown?][] = [
      ['GET', `/v1/programs/${theirProgram}/tiers`],
      [
        'POST',
        `/v1/programs/${theirProgram}/tiers`,
        { name: 'x', rank: 2, qualification: 'lifetime_points', threshold: 1 },
      ],
      ['PATCH', `/v1/programs/${theirProgram}/tiers/${theirTier.id}`, { name: 'hijacked' }],
      ['PATCH', `/v1/programs/${ourProgram}/tiers/${theirTier.id}`, { name: 'hijacked' }],
      ['DELETE', `/v1/programs/${theirProgram}/tiers/${theirTier.id}`],
      ['GET', `/v1/members/${theirMember}/tier-history`],
    ];
    for (const [method, url, payload] of requests) {
      const res = await t.app.inject({
        method: method as 'GET',
        url,
        headers: a.as('owner'),
        payload: payload as object,
      });
      expect([method, url, res.statusCode]).toEqual([method, url, 404]);
    }
    expect((await t.prisma.tier.findUniqueOrThrow({ where: { id: theirTier.id } })).name).toBe('Theirs');
  });

  it('gives each role exactly its access, and refuses bad input with paths', async () => {
    const programId = await program(a);
    const write = { owner: 201, admin: 201, marketer: 201, analyst: 403, viewer: 403 } as const;
    let rank = 1;
    for (const [role, status] of Object.entries(write) as [Role, number][]) {
      const created = await t.app.inject({
        method: 'POST',
        url: `/v1/programs/${programId}/tiers`,
        headers: a.as(role),
        payload: { name: role, rank: rank++, qualification: 'lifetime_points', threshold: rank * 100 },
      });
      const listed = await t.app.inject({ method: 'GET', url: `/v1/programs/${programId}/tiers`, headers: a.as(role) });
      const history = await t.app.inject({
        method: 'GET',
        url: `/v1/members/${await member(a)}/tier-history`,
        headers: a.as(role),
      });
      expect([role, created.statusCode, listed.statusCode, history.statusCode]).toEqual([role, status, 200, 200]);
    }
    expect((await t.app.inject({ method: 'GET', url: `/v1/programs/${programId}/tiers` })).statusCode).toBe(401);

    const bad = await t.app.inject({
      method: 'POST',
      url: `/v1/programs/${programId}/tiers`,
      headers: a.as('owner'),
      payload: { name: 'x', rank: 0, qualification: 'vibes', threshold: -1, earnMultiplierPct: 1.5, extra: true },
    });
    expect(bad.statusCode).toBe(400);
    expect(new Set(bad.json().errors.map((e: { path: string }) => e.path))).toEqual(
      new Set(['body.rank', 'body.qualification', 'body.threshold', 'body.earnMultiplierPct', 'body.extra']),
    );
    const emptyPatch = await t.app.inject({
      method: 'PATCH',
      url: `/v1/programs/${programId}/tiers/${randomUUID()}`,
      headers: a.as('owner'),
      payload: {},
    });
    expect(emptyPatch.statusCode).toBe(400);
  });
});
