import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiTest, startApiTest, type TestTenant } from '../../../test/support.ts';
import type { Role } from '../../auth/permissions.ts';
import { withTenant } from '../../infra/tenant-tx.ts';
import { credit, lockBalance } from '../ledger/ledger.core.ts';
import { expireRedemptionHolds } from './redemptions.service.ts';

/** The problem type's name, without the base URL of problem types. */
const problem = (res: { json(): { type?: string } }) => res.json().type?.split('/').at(-1);
const day = (d: number) => new Date(Date.UTC(2026, 0, d));

describe('rewards and redemptions', () => {
  let t: ApiTest;
  let a: TestTenant;
  let b: TestTenant;
  let programId: string;

  beforeAll(async () => {
    t = await startApiTest();
    [a, b] = await Promise.all([t.tenant(), t.tenant()]);
    programId = await program(a);
  });
  afterAll(() => t?.stop());

  async function program(tenant: TestTenant, minRedemption = 0): Promise<string> {
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/programs',
      headers: tenant.as('owner'),
      payload: { name: 'Café', pointsName: 'Beans', earningCurrency: 'EUR', minRedemption },
    });
    return res.json().id;
  }

  /** A member holding one lot per entry of `lots`, earned on consecutive days. */
  async function member(tenant: TestTenant, lots: number[], inProgram = programId): Promise<string> {
    const row = await t.prisma.member.create({ data: { tenantId: tenant.id, externalId: randomUUID() } });
    const key = { tenantId: tenant.id, memberId: row.id, programId: inProgram };
    await withTenant(t.prisma, tenant.id, async (tx) => {
      await lockBalance(tx, key);
      for (const [i, points] of lots.entries()) {
        await credit(tx, { ...key, kind: 'accrual', points, earnedAt: day(i + 1) });
      }
    });
    return row.id;
  }

  async function reward(tenant: TestTenant, body: Record<string, unknown>, inProgram = programId) {
    const res = await t.app.inject({
      method: 'POST',
      url: `/v1/programs/${inProgram}/rewards`,
      headers: tenant.as('marketer'),
      payload: { name: 'Reward', kind: 'custom', costPoints: 400, ...body },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string; inventory: number | null };
  }

  const redeem = (tenant: TestTenant, body: Record<string, unknown>, key = randomUUID(), role: Role = 'marketer') =>
    t.app.inject({
      method: 'POST',
      url: '/v1/redemptions',
      headers: { ...tenant.as(role), 'idempotency-key': key },
      payload: body,
    });
  const act = (tenant: TestTenant, id: string, verb: 'fulfil' | 'cancel') =>
    t.app.inject({ method: 'POST', url: `/v1/redemptions/${id}/${verb}`, headers: tenant.as('marketer') });

  const balance = (memberId: string, inProgram = programId) =>
    t.prisma.balance.findUniqueOrThrow({ where: { memberId_programId: { memberId, programId: inProgram } } });
  const lots = async (memberId: string) =>
    (await t.prisma.pointLot.findMany({ where: { memberId }, orderBy: { earnedAt: 'asc' } })).map((l) => l.remaining);
  const outbox = async (tenant: TestTenant, type: string) =>
    (await t.prisma.outboxEvent.findMany({ where: { tenantId: tenant.id, type } })).map(
      (e) => e.payload as Record<string, unknown>,
    );

  describe('catalog', () => {
    it('creates every kind of reward, checks kind-specific fields with paths, and audits changes', async () => {
      const tier = await t.prisma.tier.create({
        data: {
          tenantId: a.id,
          programId,
          name: 'Gold',
          rank: 50,
          qualification: 'lifetime_points',
          threshold: 10_000,
        },
      });
      const discount = await reward(a, {
        name: '€5 off',
        kind: 'discount_amount',
        discountAmountMinor: 500,
        currency: 'EUR',
        inventory: 10,
        perMemberLimit: 1,
        tierIds: [tier.id],
        availableFrom: '2026-01-01T00:00:00.000Z',
        availableTo: '2027-01-01T00:00:00.000Z',
        costMinor: 480,
      });
      expect(discount).toMatchObject({
        kind: 'discount_amount',
        discountAmountMinor: 500,
        currency: 'EUR',
        discountPercent: null,
        sku: null,
        inventory: 10,
        perMemberLimit: 1,
        tierIds: [tier.id],
        availableFrom: '2026-01-01T00:00:00.000Z',
        costMinor: 480,
        status: 'active',
      });
      await reward(a, { kind: 'discount_percent', discountPercent: 10 });
      await reward(a, { kind: 'free_item', sku: 'LATTE' });
      await reward(a, { kind: 'voucher' });

      const bad = await t.app.inject({
        method: 'POST',
        url: `/v1/programs/${programId}/rewards`,
        headers: a.as('owner'),
        payload: {
          name: 'x',
          kind: 'discount_amount',
          costPoints: 10,
          currency: 'USD',
          sku: 'NOPE',
          tierIds: [randomUUID()],
          availableFrom: '2026-02-01T00:00:00Z',
          availableTo: '2026-01-01T00:00:00Z',
        },
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().errors).toEqual([
        { path: 'body.discountAmountMinor', message: 'is required for a discount_amount reward' },
        { path: 'body.sku', message: 'must be absent for a discount_amount reward' },
        { path: 'body.currency', message: "must be the program's earning currency, EUR" },
        { path: 'body.availableTo', message: 'must be after availableFrom' },
        { path: 'body.tierIds.0', message: 'is not a tier of this program' },
      ]);
      const schemaBad = await t.app.inject({
        method: 'POST',
        url: `/v1/programs/${programId}/rewards`,
        headers: a.as('owner'),
        payload: { name: '', kind: 'gift', costPoints: 1.5, discountPercent: 101, colour: 'red' },
      });
      expect(schemaBad.statusCode).toBe(400);
      const paths = new Set(schemaBad.json().errors.map((e: { path: string }) => e.path));
      expect(paths).toEqual(
        new Set(['body.name', 'body.kind', 'body.costPoints', 'body.discountPercent', 'body.colour']),
      );

      const patched = await t.app.inject({
        method: 'PATCH',
        url: `/v1/programs/${programId}/rewards/${discount.id}`,
        headers: a.as('marketer'),
        payload: { costPoints: 450, status: 'archived' },
      });
      expect(patched.json()).toMatchObject({ costPoints: 450, status: 'archived', discountAmountMinor: 500 });
      const noKindChange = await t.app.inject({
        method: 'PATCH',
        url: `/v1/programs/${programId}/rewards/${discount.id}`,
        headers: a.as('marketer'),
        payload: { discountPercent: 5 },
      });
      expect(noKindChange.json().errors).toEqual([
        { path: 'body.discountPercent', message: 'must be absent for a discount_amount reward' },
      ]);
      const log = await t.prisma.auditLog.findMany({ where: { entityId: discount.id }, orderBy: { createdAt: 'asc' } });
      expect(log.map((e) => e.action)).toEqual(['reward.create', 'reward.update']);

      const archived = await t.app.inject({
        method: 'GET',
        url: `/v1/programs/${programId}/rewards?status=archived`,
        headers: a.as('viewer'),
      });
      expect(archived.json().items.map((r: { id: string }) => r.id)).toEqual([discount.id]);
    });

    it('uploads voucher codes as JSON or CSV, counting duplicates, and counts the pool by status', async () => {
      const voucher = await reward(a, { kind: 'voucher' });
      const url = `/v1/rewards/${voucher.id}/codes`;
      const json = await t.app.inject({
        method: 'POST',
        url,
        headers: a.as('marketer'),
        payload: ['A-1', 'A-2', 'A-1'],
      });
      expect(json.json()).toEqual({ received: 3, accepted: 2, duplicates: 1 });
      const csv = await t.app.inject({
        method: 'POST',
        url,
        headers: { ...a.as('marketer'), 'content-type': 'text/csv' },
        payload: 'code\r\nA-2\r\n"A-3",first batch\r\n\r\nA-4\r\n',
      });
      expect(csv.json()).toEqual({ received: 3, accepted: 2, duplicates: 1 });
      const counts = await t.app.inject({ method: 'GET', url, headers: a.as('viewer') });
      expect(counts.json()).toEqual({ available: 4, reserved: 0, issued: 0, total: 4 });

      const bad = await t.app.inject({ method: 'POST', url, headers: a.as('marketer'), payload: ['ok', 'has space'] });
      expect(bad.json().errors.map((e: { path: string }) => e.path)).toEqual(['body.1']);
      const custom = await reward(a, {});
      const notVoucher = await t.app.inject({
        method: 'POST',
        url: `/v1/rewards/${custom.id}/codes`,
        headers: a.as('marketer'),
        payload: ['X'],
      });
      expect([notVoucher.statusCode, problem(notVoucher)]).toEqual([422, 'not-a-voucher-reward']);
    });
  });

  describe('redemptions', () => {
    it('reserves from the oldest lots, then fulfils with a code, spending the held points once', async () => {
      const memberId = await member(a, [300, 500]);
      const r = await reward(a, { inventory: 3 });
      const reserved = await redeem(a, { memberId, rewardId: r.id });
      expect(reserved.statusCode, reserved.body).toBe(201);
      const redemption = reserved.json();
      expect(redemption).toMatchObject({ memberId, rewardId: r.id, programId, points: 400, status: 'reserved' });
      expect(Date.parse(redemption.holdExpiresAt) - Date.parse(redemption.createdAt)).toBe(15 * 60_000);
      expect(await balance(memberId)).toMatchObject({ available: 400, pending: 400, redeemed: 400 });
      expect(await lots(memberId)).toEqual([0, 400]);
      expect((await t.prisma.reward.findUniqueOrThrow({ where: { id: r.id } })).inventory).toBe(2);

      const fulfilled = await act(a, redemption.id, 'fulfil');
      expect(fulfilled.statusCode).toBe(200);
      expect(fulfilled.json()).toMatchObject({
        status: 'fulfilled',
        code: expect.stringMatching(/^RDM-[0-9A-Z]{12}$/),
      });
      expect(await balance(memberId)).toMatchObject({ available: 400, pending: 0, redeemed: 400 });
      const again = await act(a, redemption.id, 'fulfil');
      expect(again.json()).toEqual(fulfilled.json());
      const cancelAfter = await act(a, redemption.id, 'cancel');
      expect(cancelAfter.statusCode).toBe(409);
      // The redemption's own status beside the problem's, which stays the HTTP status.
      expect(cancelAfter.json()).toMatchObject({ status: 409, redemptionStatus: 'fulfilled' });
      expect(await balance(memberId)).toMatchObject({ available: 400, pending: 0 });

      expect((await outbox(a, 'reward.redeemed')).find((p) => p.redemptionId === redemption.id)).toMatchObject({
        memberId,
        points: 400,
      });
      expect((await outbox(a, 'redemption.fulfilled')).find((p) => p.redemptionId === redemption.id)).toMatchObject({
        code: fulfilled.json().code,
      });
      const got = await t.app.inject({
        method: 'GET',
        url: `/v1/redemptions/${redemption.id}`,
        headers: a.as('viewer'),
      });
      expect(got.json()).toEqual(fulfilled.json());
    });

    it('cancels by giving the points back to the same lots and releasing the unit, once', async () => {
      const memberId = await member(a, [300, 500]);
      const r = await reward(a, { inventory: 1 });
      const redemption = (await redeem(a, { memberId, rewardId: r.id })).json();
      const cancelled = await act(a, redemption.id, 'cancel');
      expect(cancelled.json()).toMatchObject({ status: 'cancelled', code: null });
      expect(await balance(memberId)).toMatchObject({ available: 800, pending: 0, redeemed: 0 });
      expect(await lots(memberId)).toEqual([300, 500]);
      expect((await t.prisma.reward.findUniqueOrThrow({ where: { id: r.id } })).inventory).toBe(1);
      expect((await act(a, redemption.id, 'cancel')).json()).toEqual(cancelled.json());
      expect((await act(a, redemption.id, 'fulfil')).json()).toMatchObject({
        status: 409,
        redemptionStatus: 'cancelled',
      });
      const entries = await t.prisma.ledgerEntry.findMany({ where: { memberId }, orderBy: { seq: 'asc' } });
      expect(entries.map((e) => [e.kind, e.points])).toEqual([
        ['accrual', 300],
        ['accrual', 500],
        ['redemption', -400],
        ['reversal', 400],
      ]);
      expect((await outbox(a, 'redemption.cancelled')).find((p) => p.redemptionId === redemption.id)).toMatchObject({
        reason: 'cancelled',
      });
    });

    it('expires holds that ran out, like a cancel, and returns voucher codes to the pool', async () => {
      const memberId = await member(a, [1000]);
      const voucher = await reward(a, { kind: 'voucher', costPoints: 250 });
      await t.app.inject({
        method: 'POST',
        url: `/v1/rewards/${voucher.id}/codes`,
        headers: a.as('owner'),
        payload: ['V-1'],
      });
      const short = (await redeem(a, { memberId, rewardId: voucher.id, holdMinutes: 1 })).json();
      const long = await redeem(a, { memberId, rewardId: voucher.id, holdMinutes: 60 });
      expect([long.statusCode, problem(long)]).toEqual([422, 'out-of-stock']);
      expect(await balance(memberId)).toMatchObject({ available: 750, pending: 250 });

      expect(await expireRedemptionHolds(t.prisma, { now: new Date(Date.now() + 30_000) })).toEqual({ expired: 0 });
      expect(await expireRedemptionHolds(t.prisma, { now: new Date(Date.now() + 120_000) })).toMatchObject({
        expired: expect.any(Number),
      });
      const after = (
        await t.app.inject({ method: 'GET', url: `/v1/redemptions/${short.id}`, headers: a.as('viewer') })
      ).json();
      expect(after).toMatchObject({ status: 'expired', cancelledAt: expect.any(String) });
      expect(await balance(memberId)).toMatchObject({ available: 1000, pending: 0, redeemed: 0 });
      const codes = await t.app.inject({
        method: 'GET',
        url: `/v1/rewards/${voucher.id}/codes`,
        headers: a.as('viewer'),
      });
      expect(codes.json()).toEqual({ available: 1, reserved: 0, issued: 0, total: 1 });
      const fulfilLate = await act(a, short.id, 'fulfil');
      expect(fulfilLate.statusCode).toBe(409);

      // The freed code goes to the next redemption, and is issued on fulfilment.
      const next = (await redeem(a, { memberId, rewardId: voucher.id })).json();
      expect((await act(a, next.id, 'fulfil')).json().code).toBe('V-1');
    });

    it('replays the first answer for the same key and body, and refuses the key with another body', async () => {
      const memberId = await member(a, [1000]);
      const r = await reward(a, {});
      const key = randomUUID();
      const first = await redeem(a, { memberId, rewardId: r.id }, key);
      const second = await redeem(a, { memberId, rewardId: r.id }, key);
      expect(second.statusCode).toBe(201);
      expect(second.json()).toEqual(first.json());
      expect(second.headers['idempotent-replayed']).toBe('true');
      expect(first.headers['idempotent-replayed']).toBeUndefined();
      expect(await balance(memberId)).toMatchObject({ available: 600, pending: 400 });
      const other = await redeem(a, { memberId, rewardId: r.id, holdMinutes: 5 }, key);
      expect([other.statusCode, problem(other)]).toEqual([422, 'idempotency-key-reused']);

      const noKey = await t.app.inject({
        method: 'POST',
        url: '/v1/redemptions',
        headers: a.as('marketer'),
        payload: { memberId, rewardId: r.id },
      });
      expect(noKey.statusCode).toBe(400);
      expect(noKey.json().errors).toEqual([{ path: 'headers.idempotency-key', message: expect.any(String) }]);
    });

    it('refuses what the member may not redeem, each with its own problem type', async () => {
      const poor = await member(a, [100]);
      const r = await reward(a, {});
      const insufficient = await redeem(a, { memberId: poor, rewardId: r.id });
      expect(insufficient.statusCode).toBe(422);
      expect(problem(insufficient)).toBe('insufficient-points');
      expect(insufficient.json()).toMatchObject({ available: 100, requested: 400 });
      expect(await balance(poor)).toMatchObject({ available: 100, pending: 0 });

      const rich = await member(a, [5000]);
      const gold = await t.prisma.tier.create({
        data: { tenantId: a.id, programId, name: 'Top', rank: 90, qualification: 'lifetime_points', threshold: 1e6 },
      });
      const cases: [Record<string, unknown>, string][] = [
        [{ tierIds: [gold.id] }, 'tier-not-eligible'],
        [{ availableFrom: '2999-01-01T00:00:00Z' }, 'reward-unavailable'],
        [{ availableTo: '2000-01-01T00:00:00Z' }, 'reward-unavailable'],
        [{ inventory: 0 }, 'out-of-stock'],
      ];
      for (const [body, type] of cases) {
        const res = await redeem(a, { memberId: rich, rewardId: (await reward(a, body)).id });
        expect([body, res.statusCode, problem(res)]).toEqual([body, 422, type]);
      }
      const minProgram = await program(a, 1000);
      const richer = await member(a, [5000], minProgram);
      const cheap = await reward(a, { costPoints: 10 }, minProgram);
      const below = await redeem(a, { memberId: richer, rewardId: cheap.id });
      expect(problem(below)).toBe('below-minimum-redemption');
      await t.prisma.member.update({ where: { id: rich }, data: { status: 'erased' } });
      expect(problem(await redeem(a, { memberId: rich, rewardId: r.id }))).toBe('member-erased');
      expect(await balance(rich)).toMatchObject({ available: 5000, pending: 0 });
    });

    it('never takes the inventory below zero under 50 concurrent redemptions of the last units', async () => {
      const r = await reward(a, { inventory: 5, costPoints: 100 });
      const members = await Promise.all(Array.from({ length: 50 }, () => member(a, [100])));
      const results = await Promise.all(members.map((memberId) => redeem(a, { memberId, rewardId: r.id })));
      const statuses = results.map((res) => (res.statusCode === 201 ? 201 : `${res.statusCode} ${problem(res)}`));
      expect(statuses.filter((s) => s === 201)).toHaveLength(5);
      expect(statuses.filter((s) => s === '422 out-of-stock')).toHaveLength(45);
      expect((await t.prisma.reward.findUniqueOrThrow({ where: { id: r.id } })).inventory).toBe(0);
      expect(await t.prisma.redemption.count({ where: { rewardId: r.id } })).toBe(5);
      const pending = await t.prisma.balance.aggregate({
        where: { memberId: { in: members } },
        _sum: { pending: true, available: true },
      });
      expect(pending._sum).toEqual({ pending: 500, available: 4500 });
    });

    it('never issues a voucher code twice under concurrent redemptions', async () => {
      const voucher = await reward(a, { kind: 'voucher', costPoints: 10 });
      const pool = Array.from({ length: 10 }, (_, i) => `CODE-${i}`);
      await t.app.inject({
        method: 'POST',
        url: `/v1/rewards/${voucher.id}/codes`,
        headers: a.as('owner'),
        payload: pool,
      });
      const members = await Promise.all(Array.from({ length: 25 }, () => member(a, [10])));
      const results = await Promise.all(members.map((memberId) => redeem(a, { memberId, rewardId: voucher.id })));
      const reserved = results.filter((res) => res.statusCode === 201).map((res) => res.json().id as string);
      expect(reserved).toHaveLength(10);
      expect(results.filter((res) => res.statusCode === 422).every((res) => problem(res) === 'out-of-stock')).toBe(
        true,
      );
      const fulfilled = await Promise.all(reserved.map((id) => act(a, id, 'fulfil')));
      const codes = fulfilled.map((res) => res.json().code as string);
      expect(new Set(codes)).toEqual(new Set(pool));
      const counts = await t.app.inject({
        method: 'GET',
        url: `/v1/rewards/${voucher.id}/codes`,
        headers: a.as('viewer'),
      });
      expect(counts.json()).toEqual({ available: 0, reserved: 0, issued: 10, total: 10 });
    });

    it('holds the per-member limit under concurrent redemptions by one member', async () => {
      const memberId = await member(a, [10_000]);
      const r = await reward(a, { perMemberLimit: 2, costPoints: 100 });
      const results = await Promise.all(Array.from({ length: 10 }, () => redeem(a, { memberId, rewardId: r.id })));
      expect(results.filter((res) => res.statusCode === 201)).toHaveLength(2);
      expect(results.filter((res) => problem(res) === 'per-member-limit-reached')).toHaveLength(8);
      expect(await balance(memberId)).toMatchObject({ available: 9_800, pending: 200 });
      // A cancelled redemption no longer counts against the limit.
      const [one] = results.filter((res) => res.statusCode === 201);
      await act(a, one!.json().id, 'cancel');
      expect((await redeem(a, { memberId, rewardId: r.id })).statusCode).toBe(201);

      const listed = await t.app.inject({
        method: 'GET',
        url: `/v1/members/${memberId}/redemptions?limit=2`,
        headers: a.as('viewer'),
      });
      expect(listed.json().items).toHaveLength(2);
      expect(listed.json().items[0].status).toBe('reserved');
      const rest = await t.app.inject({
        method: 'GET',
        url: `/v1/members/${memberId}/redemptions?limit=2&cursor=${listed.json().nextCursor}`,
        headers: a.as('viewer'),
      });
      expect(rest.json()).toMatchObject({ items: [{ status: expect.any(String) }], nextCursor: null });
    });
  });

  it("answers 404 for another tenant's rewards, codes, members and redemptions, on every route", async () => {
    const theirProgram = await program(b);
    const theirMember = await member(b, [1000], theirProgram);
    const theirReward = await reward(b, { kind: 'voucher' }, theirProgram);
    const theirRedemption = (
      await (async () => {
        await t.app.inject({
          method: 'POST',
          url: `/v1/rewards/${theirReward.id}/codes`,
          headers: b.as('owner'),
          payload: ['B-1'],
        });
        return redeem(b, { memberId: theirMember, rewardId: theirReward.id });
      })()
    ).json();
    const ourMember = await member(a, [1000]);
    const ourReward = await reward(a, {});

    const requests: [string, string, unknown?][] = [
      ['GET', `/v1/programs/${theirProgram}/rewards`],
      ['POST', `/v1/programs/${theirProgram}/rewards`, { name: 'x', kind: 'custom', costPoints: 1 }],
      ['GET', `/v1/programs/${theirProgram}/rewards/${theirReward.id}`],
      ['GET', `/v1/programs/${programId}/rewards/${theirReward.id}`],
      ['PATCH', `/v1/programs/${theirProgram}/rewards/${theirReward.id}`, { name: 'hijacked' }],
      ['POST', `/v1/rewards/${theirReward.id}/codes`, ['HIJACK']],
      ['GET', `/v1/rewards/${theirReward.id}/codes`],
      ['POST', `/v1/redemptions/${theirRedemption.id}/fulfil`],
      ['POST', `/v1/redemptions/${theirRedemption.id}/cancel`],
      ['GET', `/v1/redemptions/${theirRedemption.id}`],
      ['GET', `/v1/members/${theirMember}/redemptions`],
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
    for (const body of [
      { memberId: ourMember, rewardId: theirReward.id },
      { memberId: theirMember, rewardId: ourReward.id },
    ]) {
      expect((await redeem(a, body, randomUUID(), 'owner')).statusCode).toBe(404);
    }
    expect(await t.prisma.redemption.findUniqueOrThrow({ where: { id: theirRedemption.id } })).toMatchObject({
      status: 'reserved',
    });
    expect((await t.prisma.reward.findUniqueOrThrow({ where: { id: theirReward.id } })).name).toBe('Reward');
    expect(await t.prisma.voucherCode.count({ where: { rewardId: theirReward.id } })).toBe(1);
  });

  it('gives each role exactly its access', async () => {
    const memberId = await member(a, [10_000]);
    const r = await reward(a, { costPoints: 1 });
    const write = { owner: 201, admin: 201, marketer: 201, analyst: 403, viewer: 403 } as const;
    for (const [role, status] of Object.entries(write) as [Role, number][]) {
      const created = await t.app.inject({
        method: 'POST',
        url: `/v1/programs/${programId}/rewards`,
        headers: a.as(role),
        payload: { name: 'r', kind: 'custom', costPoints: 1 },
      });
      const redeemed = await redeem(a, { memberId, rewardId: r.id }, randomUUID(), role);
      expect([role, created.statusCode, redeemed.statusCode]).toEqual([role, status, status]);
      const listed = await t.app.inject({
        method: 'GET',
        url: `/v1/programs/${programId}/rewards`,
        headers: a.as(role),
      });
      expect([role, listed.statusCode]).toEqual([role, 200]);
    }
    const anonymous = await t.app.inject({ method: 'GET', url: `/v1/programs/${programId}/rewards` });
    expect(anonymous.statusCode).toBe(401);
  });
});
