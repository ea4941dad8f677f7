import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiTest, startApiTest, type TestTenant } from '../../../test/support.ts';
import { withTenant } from '../../infra/tenant-tx.ts';
import { type BalanceKey, credit, debit, lockBalance, restore, reverse } from './ledger.core.ts';

describe('ledger core', () => {
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
  });
  afterAll(() => t?.stop());

  async function member(): Promise<BalanceKey> {
    const row = await t.prisma.member.create({ data: { tenantId: a.id, externalId: crypto.randomUUID() } });
    return { tenantId: a.id, memberId: row.id, programId };
  }

  /** The invariants of the ledger, checked from the tables themselves. */
  async function state(key: BalanceKey) {
    const balance = await t.prisma.balance.findUniqueOrThrow({
      where: { memberId_programId: { memberId: key.memberId, programId: key.programId } },
    });
    const entries = await t.prisma.ledgerEntry.findMany({ where: { memberId: key.memberId }, orderBy: { seq: 'asc' } });
    const lots = await t.prisma.pointLot.findMany({ where: { memberId: key.memberId }, orderBy: { earnedAt: 'asc' } });
    expect(entries.map((e) => e.seq)).toEqual(entries.map((_, i) => i + 1));
    expect(balance.seq).toBe(entries.length);
    expect(entries.reduce((s, e) => s + e.points, 0)).toBe(balance.available);
    expect(lots.reduce((s, l) => s + l.remaining, 0)).toBe(balance.available);
    return { balance, entries, lots };
  }

  const day = (d: number) => new Date(Date.UTC(2026, 0, d));

  it('creates and locks a balance row once', async () => {
    const key = await member();
    const [first, second] = await Promise.all([
      withTenant(t.prisma, a.id, (tx) => lockBalance(tx, key)),
      withTenant(t.prisma, a.id, (tx) => lockBalance(tx, key)),
    ]);
    expect(first).toMatchObject({ ...key, available: 0, pending: 0, seq: 0 });
    expect(second).toMatchObject({ ...key, available: 0, seq: 0 });
  });

  it('credits into lots and debits them first in, first out, with allocations', async () => {
    const key = await member();
    const [older, newer] = await withTenant(t.prisma, a.id, async (tx) => [
      await credit(tx, { ...key, kind: 'accrual', points: 30, earnedAt: day(1), ruleVersionIds: [] }),
      await credit(tx, { ...key, kind: 'bonus', points: 50, earnedAt: day(2), expiresAt: day(300) }),
    ]);
    expect(older!.entry).toMatchObject({ seq: 1, kind: 'accrual', points: 30 });
    expect(newer!.balance).toMatchObject({ available: 80, lifetimeEarned: 80, seq: 2 });

    const spent = await withTenant(t.prisma, a.id, (tx) =>
      debit(tx, { ...key, kind: 'redemption', points: 45, hold: true }),
    );
    expect(spent.entry).toMatchObject({ seq: 3, kind: 'redemption', points: -45 });
    expect(spent.balance).toMatchObject({ available: 35, pending: 45, redeemed: 45, lifetimeEarned: 80 });
    const allocations = await t.prisma.lotAllocation.findMany({ where: { ledgerEntryId: spent.entry.id } });
    const { lots } = await state(key);
    expect(lots.map((l) => l.remaining)).toEqual([0, 35]);
    expect(allocations.map((x) => [x.lotId, x.points]).sort((x, y) => Number(x[1]) - Number(y[1]))).toEqual([
      [lots[1]!.id, 15],
      [lots[0]!.id, 30],
    ]);

    const back = await withTenant(t.prisma, a.id, (tx) =>
      restore(tx, { tenantId: a.id, debitEntryId: spent.entry.id, kind: 'reversal', releaseHold: true }),
    );
    expect(back.entry).toMatchObject({ seq: 4, kind: 'reversal', points: 45 });
    expect(back.balance).toMatchObject({ available: 80, pending: 0, redeemed: 0 });
    expect((await state(key)).lots.map((l) => l.remaining)).toEqual([30, 50]);
  });

  it('refuses a debit beyond the available balance and writes nothing', async () => {
    const key = await member();
    await withTenant(t.prisma, a.id, (tx) => credit(tx, { ...key, kind: 'accrual', points: 10, earnedAt: day(1) }));
    await expect(
      withTenant(t.prisma, a.id, (tx) => debit(tx, { ...key, kind: 'adjustment', points: 11, reason: 'x' })),
    ).rejects.toMatchObject({ status: 422, type: 'insufficient-points' });
    const { balance, entries } = await state(key);
    expect(balance.available).toBe(10);
    expect(entries).toHaveLength(1);
  });

  it("reverses from the refunded purchase's own lot first and records what was already spent", async () => {
    const key = await member();
    const purchase = await withTenant(t.prisma, a.id, async (tx) => {
      await credit(tx, { ...key, kind: 'accrual', points: 20, earnedAt: day(1) });
      const p = await credit(tx, { ...key, kind: 'accrual', points: 100, earnedAt: day(2) });
      await debit(tx, { ...key, kind: 'redemption', points: 90 });
      return p;
    });
    // Lots: 0 and 30 left; available 30. Reversing 60 takes the purchase's 30, and 30 is shortfall.
    const reversal = await withTenant(t.prisma, a.id, (tx) =>
      reverse(tx, { ...key, points: 60, fromEntryIds: [purchase.entry.id] }),
    );
    expect(reversal.entry).toMatchObject({ kind: 'reversal', points: -30, shortfallPoints: 30 });
    expect(reversal.balance).toMatchObject({ available: 0, lifetimeEarned: 60 });
    const { lots } = await state(key);
    expect(lots.map((l) => l.remaining)).toEqual([0, 0]);
  });

  it('serialises concurrent writers on one member without losing an update', async () => {
    const key = await member();
    await withTenant(t.prisma, a.id, (tx) => credit(tx, { ...key, kind: 'accrual', points: 100, earnedAt: day(1) }));
    const results = await Promise.allSettled(
      Array.from({ length: 40 }, (_, i) =>
        withTenant(t.prisma, a.id, (tx) =>
          i % 2
            ? credit(tx, { ...key, kind: 'accrual', points: 3, earnedAt: day(2) })
            : debit(tx, { ...key, kind: 'adjustment', points: 7, reason: 'x' }),
        ),
      ),
    );
    const failed = results.filter((r) => r.status === 'rejected');
    for (const f of failed) expect((f as PromiseRejectedResult).reason).toMatchObject({ type: 'insufficient-points' });
    const { balance } = await state(key);
    const ok = results.map((r, i): number => (r.status === 'fulfilled' ? (i % 2 ? 3 : -7) : 0));
    expect(balance.available).toBe(100 + ok.reduce((s, p) => s + p, 0));
    expect(balance.available).toBeGreaterThanOrEqual(0);
  });
});
