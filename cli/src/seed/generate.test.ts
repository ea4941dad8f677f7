import { describe, expect, it } from 'vitest';
import { CAMPAIGN_MODEL, campaignStatus } from './campaigns.ts';
import { campaignsOf, type SeedMember, seedGuests, seedMembers, seedPeriod } from './generate.ts';
import { GUEST_MODEL } from './guests.ts';

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

  const campaigns = campaignsOf(params);
  const DAY = 86_400_000;

  it('runs a two-week double-points campaign every quarter inside the period; the last one may still run', () => {
    expect(campaigns.map((c) => c.startsAt.toISOString().slice(0, 10))).toEqual([
      '2025-02-15',
      '2025-05-17',
      '2025-08-16',
      '2025-11-15',
    ]);
    for (const c of campaigns) expect(c.endsAt.getTime() - c.startsAt.getTime()).toBe(14 * DAY);
    expect(campaigns.map((c) => campaignStatus(c, end))).toEqual(['completed', 'completed', 'completed', 'completed']);
    expect(campaignStatus(campaigns[3]!, new Date('2025-11-20T00:00:00Z'))).toBe('running');
  });

  it('seats half of the members enrolled before a campaign in its audience, a fifth of them held out', () => {
    let eligible = 0;
    const seats = members.flatMap((m) => m.seats.map((s) => ({ m, s })));
    for (const c of campaigns) eligible += members.filter((m) => m.enrolledAt < c.startsAt).length;
    for (const { m, s } of seats)
      expect(m.enrolledAt.getTime()).toBeLessThan(campaigns[s.campaign]!.startsAt.getTime());
    expect(seats.length / eligible).toBeGreaterThan(0.45);
    expect(seats.length / eligible).toBeLessThan(0.55);
    const holdout = seats.filter(({ s }) => s.variant === 'holdout').length / seats.length;
    expect(holdout).toBeGreaterThan(0.15);
    expect(holdout).toBeLessThan(0.25);
  });

  it('lifts visits of the treatment group in the window above those of the holdout', () => {
    const perSeat = (variant: string) => {
      const seated = members.flatMap((m) => m.seats.filter((s) => s.variant === variant).map((s) => ({ m, s })));
      const inWindow = seated.map(({ m, s }) => {
        const c = campaigns[s.campaign]!;
        return m.activities.filter((a) => a.type === 'purchase' && a.at >= c.startsAt && a.at < c.endsAt).length;
      });
      return inWindow.reduce((a, b) => a + b, 0) / seated.length;
    };
    expect(perSeat('treatment') / perSeat('holdout')).toBeGreaterThan(1.2);
    expect(CAMPAIGN_MODEL.lift).toBe(1.5);
  });

  it('gives some members guest orders before enrolling, under their external id, inside the period', () => {
    const known = members.filter((m) => m.guestOrders.length > 0);
    expect(known.length / members.length).toBeGreaterThan(GUEST_MODEL.knownBeforeShare - 0.1);
    expect(known.length / members.length).toBeLessThan(GUEST_MODEL.knownBeforeShare + 0.05);
    for (const m of known) {
      for (const o of m.guestOrders) {
        expect(o.customerRef).toBe(m.externalId);
        expect(o.at.getTime()).toBeLessThan(m.enrolledAt.getTime());
        expect(o.at.getTime()).toBeGreaterThanOrEqual(Math.max(start.getTime(), m.enrolledAt.getTime() - 365 * DAY));
        expect(Number.isInteger(o.amountMinor) && o.amountMinor > 0).toBe(true);
      }
    }
  });

  it('adds identified non-members and anonymous orders, deterministically, never under a member id', () => {
    const guests = [...seedGuests(params)].flat();
    expect(JSON.stringify([...seedGuests(params)].flat())).toBe(JSON.stringify(guests));
    const anonymous = guests.filter((g) => g.customerRef === null);
    expect(anonymous).toHaveLength(2_000 * GUEST_MODEL.anonymousPerMemberYear);
    const refs = new Set(guests.flatMap((g) => (g.customerRef ? [g.customerRef] : [])));
    expect(refs.size).toBe(2_000 * GUEST_MODEL.identifiedPerMember);
    const memberIds = new Set(members.map((m) => m.externalId));
    expect([...refs].filter((r) => memberIds.has(r))).toEqual([]);
    // Identified non-members come back: more orders than customers.
    expect(guests.length - anonymous.length).toBeGreaterThan(refs.size * 2);
    const ids = [...guests, ...members.flatMap((m) => m.guestOrders)].map((g) => g.externalId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const g of guests) {
      expect(g.at.getTime()).toBeGreaterThanOrEqual(start.getTime());
      expect(g.at.getTime()).toBeLessThan(end.getTime());
    }
  });
});
