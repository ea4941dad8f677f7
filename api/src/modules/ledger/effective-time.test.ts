import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiTest, startApiTest, type TestTenant } from '../../../test/support.ts';
import { withTenant } from '../../infra/tenant-tx.ts';
import { expirePoints } from './expire-points.ts';
import { type BalanceKey, credit, debit, restore, reverse } from './ledger.core.ts';

// Every ledger entry records when it took effect (effective_at) beside when it was written (created_at): the marts
// date points by the first, so history sent late, or imported, lands where it happened.
describe('ledger entries and tier changes are dated when they took effect', () => {
  let t: ApiTest;
  let a: TestTenant;
  let programId: string;

  beforeAll(async () => {
    t = await startApiTest();
    a = await t.tenant();
    programId = (
      await t.prisma.program.create({
        data: { tenantId: a.id, name: 'P', pointsName: 'Points', earningCurrency: 'EUR' },
      })
    ).id;
    // 1 point per 1.00 EUR on purchases.
    const rule = await t.prisma.rule.create({ data: { tenantId: a.id, programId, currentVersion: 1 } });
    await t.prisma.ruleVersion.create({
      data: {
        tenantId: a.id,
        ruleId: rule.id,
        version: 1,
        name: 'purchases',
        conditions: { eventType: { in: ['purchase'] } },
        effects: [{ pointsPerUnit: { points: 1, unitMinor: 100 } }],
      },
    });
  });
  afterAll(() => t?.stop());

  async function member(): Promise<BalanceKey> {
    const row = await t.prisma.member.create({ data: { tenantId: a.id, externalId: randomUUID() } });
    return { tenantId: a.id, memberId: row.id, programId };
  }
  const at = (iso: string) => new Date(iso);
  const entries = (memberId: string) =>
    t.prisma.ledgerEntry.findMany({ where: { tenantId: a.id, memberId }, orderBy: { seq: 'asc' } });

  it('credits take effect when earned unless told otherwise; debits and restorations now unless told', async () => {
    const key = await member();
    const started = new Date();
    const writes = await withTenant(t.prisma, a.id, async (tx) => [
      await credit(tx, { ...key, kind: 'accrual', points: 40, earnedAt: at('2023-02-01T10:00:00Z') }),
      await credit(tx, {
        ...key,
        kind: 'adjustment',
        points: 5,
        earnedAt: at('2023-03-01T00:00:00Z'),
        effectiveAt: at('2023-03-02T00:00:00Z'),
      }),
      await debit(tx, { ...key, kind: 'redemption', points: 10 }),
      await debit(tx, { ...key, kind: 'adjustment', points: 3, reason: 'x', effectiveAt: at('2023-04-01T00:00:00Z') }),
    ]);
    const [accrual, adjustment, redemption, correction] = writes.map((w) => w!.entry);
    expect(accrual!.effectiveAt).toEqual(at('2023-02-01T10:00:00Z'));
    expect(adjustment!.effectiveAt).toEqual(at('2023-03-02T00:00:00Z'));
    // Now: the transaction's time, which is also the recorded time.
    expect(redemption!.effectiveAt).toEqual(redemption!.createdAt);
    expect(redemption!.createdAt.getTime()).toBeGreaterThanOrEqual(started.getTime() - 1000);
    expect(correction!.effectiveAt).toEqual(at('2023-04-01T00:00:00Z'));

    const [given, dated] = await withTenant(t.prisma, a.id, async (tx) => [
      await restore(tx, { tenantId: a.id, debitEntryId: redemption!.id, kind: 'reversal' }),
      await restore(tx, {
        tenantId: a.id,
        debitEntryId: correction!.id,
        kind: 'reversal',
        effectiveAt: at('2023-04-02T00:00:00Z'),
      }),
    ]);
    expect(given!.entry.effectiveAt).toEqual(given!.entry.createdAt);
    expect(dated!.entry.effectiveAt).toEqual(at('2023-04-02T00:00:00Z'));
    const reversal = await withTenant(t.prisma, a.id, (tx) =>
      reverse(tx, { ...key, points: 4, fromEntryIds: [accrual!.id], effectiveAt: at('2023-05-05T00:00:00Z') }),
    );
    expect(reversal.entry.effectiveAt).toEqual(at('2023-05-05T00:00:00Z'));

    // What the primitives returned is what Postgres holds, and created_at stays the time of writing.
    const stored = await entries(key.memberId);
    expect(stored.map((e) => e.effectiveAt.toISOString())).toEqual(
      [accrual, adjustment, redemption, correction, given!.entry, dated!.entry, reversal.entry].map((e) =>
        e!.effectiveAt.toISOString(),
      ),
    );
    for (const e of stored) expect(e.createdAt.getTime()).toBeGreaterThanOrEqual(started.getTime() - 1000);
  });

  const post = (payload: Record<string, unknown>) =>
    t.app.inject({
      method: 'POST',
      url: '/v1/events',
      headers: { ...a.as('owner'), 'idempotency-key': randomUUID() },
      payload: { programId, currency: 'EUR', ...payload },
    });

  it('dates an accrual at its purchase, a refund’s reversal at the refund, and caps future times at now', async () => {
    const customer = `cust-${randomUUID()}`;
    const old = await post({
      externalId: `o-${randomUUID()}`,
      type: 'purchase',
      memberExternalId: customer,
      occurredAt: '2024-06-10T12:00:00Z',
      amountMinor: 5000,
    });
    expect(old.statusCode).toBe(201);
    const memberId = old.json().memberId as string;
    const refund = await post({
      externalId: `r-${randomUUID()}`,
      type: 'refund',
      refundOfEventId: old.json().eventId,
      occurredAt: '2024-07-01T08:00:00Z',
      amountMinor: 2000,
    });
    expect(refund.statusCode).toBe(201);
    const before = Date.now();
    const future = await post({
      externalId: `o-${randomUUID()}`,
      type: 'purchase',
      memberId,
      occurredAt: '2999-01-01T00:00:00Z',
      amountMinor: 1000,
    });
    expect(future.statusCode).toBe(201);

    const [accrual, reversal, capped] = await entries(memberId);
    expect(accrual).toMatchObject({ kind: 'accrual', points: 50, effectiveAt: at('2024-06-10T12:00:00Z') });
    expect(reversal).toMatchObject({ kind: 'reversal', points: -20, effectiveAt: at('2024-07-01T08:00:00Z') });
    expect(capped!.effectiveAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(capped!.effectiveAt.getTime()).toBeLessThanOrEqual(Date.now());
    // The member it enrolled joined when the purchase happened.
    const row = await t.prisma.member.findUniqueOrThrow({ where: { id: memberId } });
    expect(row.enrolledAt).toEqual(at('2024-06-10T12:00:00Z'));
    expect(row.createdAt.getTime()).toBeGreaterThanOrEqual(before - 60_000);
  });

  it('dates a tier move at the entry that caused it, and counts rolling points by effective time', async () => {
    const tiered = (
      await t.prisma.program.create({
        data: { tenantId: a.id, name: 'Tiered', pointsName: 'Points', earningCurrency: 'EUR' },
      })
    ).id;
    const rule = await t.prisma.rule.create({ data: { tenantId: a.id, programId: tiered, currentVersion: 1 } });
    await t.prisma.ruleVersion.create({
      data: {
        tenantId: a.id,
        ruleId: rule.id,
        version: 1,
        name: 'purchases',
        conditions: { eventType: { in: ['purchase'] } },
        effects: [{ pointsPerUnit: { points: 1, unitMinor: 100 } }],
      },
    });
    const gold = await t.prisma.tier.create({
      data: {
        tenantId: a.id,
        programId: tiered,
        name: 'Gold',
        rank: 1,
        qualification: 'points_rolling_12_months',
        threshold: 100,
      },
    });
    const customer = `cust-${randomUUID()}`;
    const buy = (occurredAt: string) =>
      post({
        programId: tiered,
        externalId: `o-${randomUUID()}`,
        type: 'purchase',
        memberExternalId: customer,
        occurredAt,
        amountMinor: 8000,
      });
    // 80 points two years ago no longer count towards the rolling 12 months, though recorded today.
    const first = await buy('2024-01-15T09:00:00Z');
    expect(first.statusCode).toBe(201);
    const memberId = first.json().memberId as string;
    const recent = new Date(Date.now() - 3 * 86_400_000).toISOString();
    expect((await buy(recent)).statusCode).toBe(201);
    expect(await t.prisma.tierChange.count({ where: { memberId } })).toBe(0);
    expect((await buy(recent)).statusCode).toBe(201);
    const [change] = await t.prisma.tierChange.findMany({ where: { memberId } });
    expect(change).toMatchObject({ toTierId: gold.id, reason: 'upgrade', effectiveAt: at(recent) });
    expect(change!.createdAt.getTime()).toBeGreaterThan(change!.effectiveAt.getTime());

    const history = await t.app.inject({
      method: 'GET',
      url: `/v1/members/${memberId}/tier-history`,
      headers: a.as('owner'),
    });
    expect(history.statusCode).toBe(200);
    expect(history.json().items[0]).toMatchObject({ effectiveAt: recent, createdAt: change!.createdAt.toISOString() });
  });

  it('lists tier history by when each move took effect, paging by that order, whatever order it was recorded in', async () => {
    const { memberId } = await member();
    const recordedAt = new Date();
    // An imported history: written in one moment, newest move first.
    const effective = ['2025-06-01T00:00:00.000Z', '2024-06-01T00:00:00.000Z', '2023-06-01T00:00:00.000Z'];
    for (const effectiveAt of [...effective].reverse()) {
      await t.prisma.tierChange.create({
        data: { tenantId: a.id, memberId, programId, reason: 'upgrade', effectiveAt, createdAt: recordedAt },
      });
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: Awaited<ReturnType<typeof t.app.inject>> = await t.app.inject({
        method: 'GET',
        url: `/v1/members/${memberId}/tier-history?limit=1${cursor ? `&cursor=${cursor}` : ''}`,
        headers: a.as('owner'),
      });
      expect(res.statusCode).toBe(200);
      seen.push(...res.json().items.map((i: { effectiveAt: string }) => i.effectiveAt));
      cursor = res.json().nextCursor;
    } while (cursor);
    expect(seen).toEqual(effective);
  });

  it('expires, as of a past instant, the lots due then, each entry dated at its lots’ expiry', async () => {
    const key = await member();
    await withTenant(t.prisma, a.id, async (tx) => {
      await credit(tx, {
        ...key,
        kind: 'accrual',
        points: 10,
        earnedAt: at('2022-01-01T00:00:00Z'),
        expiresAt: at('2023-01-01T00:00:00Z'),
      });
      await credit(tx, {
        ...key,
        kind: 'accrual',
        points: 20,
        earnedAt: at('2022-02-01T00:00:00Z'),
        expiresAt: at('2023-02-01T00:00:00Z'),
      });
      await credit(tx, {
        ...key,
        kind: 'accrual',
        points: 5,
        earnedAt: at('2022-02-01T00:00:00Z'),
        expiresAt: at('2023-02-01T00:00:00Z'),
      });
      await credit(tx, {
        ...key,
        kind: 'accrual',
        points: 40,
        earnedAt: at('2022-03-01T00:00:00Z'),
        expiresAt: at('2024-03-01T00:00:00Z'),
      });
      await credit(tx, { ...key, kind: 'accrual', points: 7, earnedAt: at('2022-03-01T00:00:00Z') });
    });

    // As of mid-2023: the first three lots were due, at two instants; the fourth was not.
    expect(await expirePoints(t.prisma, { asOf: at('2023-06-01T00:00:00Z'), tenantId: a.id })).toMatchObject({
      members: 1,
      points: 35,
    });
    let expiries = (await entries(key.memberId)).filter((e) => e.kind === 'expiry');
    expect(expiries.map((e) => [e.points, e.effectiveAt.toISOString()])).toEqual([
      [-10, '2023-01-01T00:00:00.000Z'],
      [-25, '2023-02-01T00:00:00.000Z'],
    ]);
    // Each lot's allocation belongs to the entry of its own instant.
    const allocations = await t.prisma.lotAllocation.findMany({
      where: { ledgerEntryId: { in: expiries.map((e) => e.id) } },
    });
    const lots = await t.prisma.pointLot.findMany({ where: { memberId: key.memberId } });
    expect(allocations).toHaveLength(3);
    for (const allocation of allocations) {
      const entry = expiries.find((e) => e.id === allocation.ledgerEntryId)!;
      expect(lots.find((l) => l.id === allocation.lotId)!.expiresAt).toEqual(entry.effectiveAt);
    }
    // Running again as of the same instant expires nothing; as of today, the fourth lot, dated 2024-03-01.
    expect(await expirePoints(t.prisma, { asOf: at('2023-06-01T00:00:00Z'), tenantId: a.id })).toMatchObject({
      points: 0,
    });
    expect(await expirePoints(t.prisma, { tenantId: a.id })).toMatchObject({ points: 40 });
    expiries = (await entries(key.memberId)).filter((e) => e.kind === 'expiry');
    expect(expiries.at(-1)).toMatchObject({ points: -40, effectiveAt: at('2024-03-01T00:00:00Z') });

    const balance = await t.prisma.balance.findFirstOrThrow({ where: { memberId: key.memberId } });
    const all = await entries(key.memberId);
    expect(balance).toMatchObject({ available: 7, expired: 75, seq: all.length });
    expect(all.map((e) => e.seq)).toEqual(all.map((_, i) => i + 1));
    expect(all.reduce((s, e) => s + e.points, 0)).toBe(7);
    const outbox = await t.prisma.outboxEvent.findMany({
      where: { tenantId: a.id, type: 'points.expired', payload: { path: ['memberId'], equals: key.memberId } },
      orderBy: { createdAt: 'asc' },
    });
    expect(outbox.map((e) => (e.payload as { points: number }).points).sort()).toEqual([10, 25, 40].sort());
  });
});
