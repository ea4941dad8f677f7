import { describe, expect, it } from 'vitest';
import { type SeedMember, seedMembers, seedPeriod } from './generate.ts';

const params = { members: 2_000, months: 12, seed: 42, until: new Date('2026-01-01T00:00:00Z') };
const all = (p = params): SeedMember[] => [...seedMembers(p)];

describe('seedMembers', () => {
  it('gives byte-identical members for the same seed, and others for another seed', () => {
    expect(JSON.stringify(all())).toBe(JSON.stringify(all()));
    expect(JSON.stringify(all({ ...params, seed: 43 }))).not.toBe(JSON.stringify(all()));
  });

  it('gives member i the same history whatever the number of members', () => {
    const few = all({ ...params, members: 10 });
    expect(few[3]?.activities.length).toBeGreaterThan(0);
    expect(all({ ...params, members: 10 })[3]).toEqual(few[3]);
  });

  const members = all();
  const { start, end } = seedPeriod(params);
  const activities = members.flatMap((m) => m.activities.map((a) => ({ member: m, a })));

  it('enrols every member inside the period, in order, with more in the second half (growth)', () => {
    expect(members).toHaveLength(2_000);
    for (const [i, m] of members.entries()) {
      expect(m.enrolledAt.getTime()).toBeGreaterThanOrEqual(start.getTime());
      expect(m.enrolledAt.getTime()).toBeLessThan(end.getTime());
      if (i > 0)
        expect(m.enrolledAt.getTime()).toBeGreaterThanOrEqual(members[i - 1]!.enrolledAt.getTime() - 86_400_000);
    }
    const middle = (start.getTime() + end.getTime()) / 2;
    const late = members.filter((m) => m.enrolledAt.getTime() >= middle).length;
    expect(late / members.length).toBeGreaterThan(0.55);
    expect(late / members.length).toBeLessThan(0.8);
  });

  it('starts each history with the sign-up and keeps every activity in the period, after enrolment, in order', () => {
    for (const m of members) {
      expect(m.activities[0]).toMatchObject({ type: 'signup', at: m.enrolledAt });
      for (const [i, a] of m.activities.entries()) {
        expect(a.at.getTime()).toBeGreaterThanOrEqual(m.enrolledAt.getTime());
        expect(a.at.getTime()).toBeLessThan(end.getTime());
        if (i > 0) expect(a.at.getTime()).toBeGreaterThanOrEqual(m.activities[i - 1]!.at.getTime());
      }
    }
  });

  it('prices orders in whole minor units from their lines, and refunds only earlier purchases in full', () => {
    const purchases = new Map<string, { at: Date; amountMinor: number }>();
    for (const { a } of activities) {
      if (a.type === 'purchase') {
        expect(Number.isInteger(a.amountMinor)).toBe(true);
        expect(a.amountMinor).toBe(a.lineItems.reduce((s, l) => s + l.quantity * l.unitAmountMinor, 0));
        expect(a.amountMinor).toBeGreaterThan(0);
        purchases.set(a.externalId, a);
      }
      if (a.type === 'refund') {
        const purchase = purchases.get(a.refundOf);
        expect(purchase?.amountMinor).toBe(a.amountMinor);
        expect(a.at.getTime()).toBeGreaterThan(purchase!.at.getTime());
      }
    }
    const count = (type: string) => activities.filter(({ a }) => a.type === type).length;
    // About one visit a week for a few months on average, 2 % refunded, 15 % followed by a wish to redeem.
    expect(count('purchase') / members.length).toBeGreaterThan(5);
    expect(count('purchase') / members.length).toBeLessThan(40);
    expect(count('refund') / count('purchase')).toBeGreaterThan(0.01);
    expect(count('refund') / count('purchase')).toBeLessThan(0.03);
    expect(count('redeem') / count('purchase')).toBeGreaterThan(0.12);
    expect(count('redeem') / count('purchase')).toBeLessThan(0.18);
    const mean = [...purchases.values()].reduce((s, p) => s + p.amountMinor, 0) / purchases.size;
    expect(mean).toBeGreaterThan(400);
    expect(mean).toBeLessThan(1_000);
  });

  it('lets members drop out: a share enrolled early have not bought in the last 90 days', () => {
    const early = members.filter((m) => m.enrolledAt.getTime() < start.getTime() + 90 * 86_400_000);
    const lapsed = early.filter((m) => m.activities.at(-1)!.at.getTime() < end.getTime() - 90 * 86_400_000);
    expect(lapsed.length / early.length).toBeGreaterThan(0.2);
    expect(lapsed.length / early.length).toBeLessThan(0.9);
  });
});
