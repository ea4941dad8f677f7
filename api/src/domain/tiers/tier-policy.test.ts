import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addMonths,
  decideTier,
  lastPeriodEnd,
  type QualificationFigures,
  qualifyingTier,
  TIER_QUALIFICATIONS,
  type TierDefinition,
} from './tier-policy.ts';

const silver: TierDefinition = {
  id: 'silver',
  rank: 1,
  qualification: 'points_rolling_12_months',
  threshold: 1_000,
  graceDays: 30,
};
const gold: TierDefinition = {
  id: 'gold',
  rank: 2,
  qualification: 'points_rolling_12_months',
  threshold: 5_000,
  graceDays: 30,
};
const vip: TierDefinition = {
  id: 'vip',
  rank: 3,
  qualification: 'orders_rolling_12_months',
  threshold: 50,
  graceDays: 0,
};
const tiers = [gold, vip, silver];

const figures = (over: Partial<QualificationFigures> = {}): QualificationFigures => ({
  lifetime_points: 0,
  points_rolling_12_months: 0,
  spend_rolling_12_months: 0,
  orders_rolling_12_months: 0,
  ...over,
});
const at = (iso: string) => new Date(iso);
const since = at('2025-03-10T12:00:00Z');

describe('addMonths and periods', () => {
  it('adds calendar months in UTC and clamps to the end of shorter months', () => {
    expect(addMonths(at('2025-01-31T08:00:00Z'), 1)).toEqual(at('2025-02-28T08:00:00Z'));
    expect(addMonths(at('2024-01-31T08:00:00Z'), 1)).toEqual(at('2024-02-29T08:00:00Z'));
    expect(addMonths(at('2025-03-10T12:00:00Z'), -12)).toEqual(at('2024-03-10T12:00:00Z'));
    expect(addMonths(at('2025-11-30T00:00:00Z'), 3)).toEqual(at('2026-02-28T00:00:00Z'));
  });

  it('finds the latest period end not after now', () => {
    expect(lastPeriodEnd(since, at('2026-03-10T11:59:59Z'))).toBeNull();
    expect(lastPeriodEnd(since, at('2026-03-10T12:00:00Z'))).toEqual(at('2026-03-10T12:00:00Z'));
    expect(lastPeriodEnd(since, at('2028-01-01T00:00:00Z'))).toEqual(at('2027-03-10T12:00:00Z'));
  });
});

describe('qualifyingTier', () => {
  it('picks the highest rank whose threshold is met, whatever the order of the list', () => {
    expect(qualifyingTier(tiers, figures())).toBeNull();
    expect(qualifyingTier(tiers, figures({ points_rolling_12_months: 1_000 }))?.id).toBe('silver');
    expect(qualifyingTier(tiers, figures({ points_rolling_12_months: 9_000 }))?.id).toBe('gold');
    expect(qualifyingTier(tiers, figures({ points_rolling_12_months: 10, orders_rolling_12_months: 50 }))?.id).toBe(
      'vip',
    );
  });
});

describe('decideTier', () => {
  const none = { tierId: null, periodStart: null };

  it('upgrades at once, even mid-period and by several ranks', () => {
    const now = at('2025-06-01T00:00:00Z');
    expect(decideTier({ tiers, current: none, figures: figures({ points_rolling_12_months: 1_200 }), now })).toEqual({
      kind: 'upgrade',
      toTierId: 'silver',
      periodStart: now,
    });
    expect(
      decideTier({
        tiers,
        current: { tierId: 'silver', periodStart: at('2025-05-31T00:00:00Z') },
        figures: figures({ orders_rolling_12_months: 60 }),
        now,
      }),
    ).toEqual({ kind: 'upgrade', toTierId: 'vip', periodStart: now });
  });

  it('never downgrades before the period ends, however low the figures', () => {
    expect(
      decideTier({
        tiers,
        current: { tierId: 'gold', periodStart: since },
        figures: figures(),
        now: at('2026-03-10T11:00:00Z'),
      }),
    ).toEqual({ kind: 'keep' });
  });

  it('renews from the period end when the member still qualifies', () => {
    expect(
      decideTier({
        tiers,
        current: { tierId: 'gold', periodStart: since },
        figures: figures({ points_rolling_12_months: 5_000 }),
        now: at('2026-04-01T00:00:00Z'),
      }),
    ).toEqual({ kind: 'renew', periodStart: at('2026-03-10T12:00:00Z') });
  });

  it('keeps the tier through its grace days, then downgrades to the tier the figures still meet', () => {
    const current = { tierId: 'gold', periodStart: since };
    const low = figures({ points_rolling_12_months: 1_500 });
    const inGrace = at('2026-04-09T11:59:59Z');
    expect(decideTier({ tiers, current, figures: low, now: inGrace })).toEqual({ kind: 'keep' });
    const graceOver = at('2026-04-09T12:00:00Z');
    expect(decideTier({ tiers, current, figures: low, now: graceOver })).toEqual({
      kind: 'downgrade',
      toTierId: 'silver',
      periodStart: graceOver,
    });
    expect(decideTier({ tiers, current, figures: figures(), now: graceOver })).toEqual({
      kind: 'downgrade',
      toTierId: null,
      periodStart: graceOver,
    });
  });

  it('treats a tier that no longer exists as no tier', () => {
    expect(
      decideTier({
        tiers,
        current: { tierId: 'gone', periodStart: since },
        figures: figures(),
        now: at('2030-01-01T00:00:00Z'),
      }),
    ).toEqual({ kind: 'keep' });
  });
});

// ─── Properties ─────────────────────────────────────────────────────────────────────────────────────────────────

const arbTiers = fc.uniqueArray(fc.integer({ min: 1, max: 8 }), { minLength: 1, maxLength: 6 }).chain((ranks) =>
  fc.tuple(
    ...ranks.map((rank) =>
      fc.record({
        id: fc.constant(`tier-${rank}`),
        rank: fc.constant(rank),
        qualification: fc.constantFrom(...TIER_QUALIFICATIONS),
        threshold: fc.integer({ min: 0, max: 10_000 }),
        graceDays: fc.integer({ min: 0, max: 120 }),
      }),
    ),
  ),
);
const arbFigures = fc.record({
  lifetime_points: fc.integer({ min: 0, max: 20_000 }),
  points_rolling_12_months: fc.integer({ min: 0, max: 20_000 }),
  spend_rolling_12_months: fc.integer({ min: 0, max: 20_000 }),
  orders_rolling_12_months: fc.integer({ min: 0, max: 20_000 }),
});
const arbDate = fc.date({ min: at('2020-01-01T00:00:00Z'), max: at('2030-01-01T00:00:00Z'), noInvalidDate: true });
const arbCase = fc
  .record({ tiers: arbTiers, figures: arbFigures, now: arbDate, start: arbDate, pick: fc.nat() })
  .map(({ tiers, figures, now, start, pick }) => {
    const tierId = pick % (tiers.length + 1) === tiers.length ? null : tiers[pick % (tiers.length + 1)]!.id;
    const periodStart = tierId && start.getTime() <= now.getTime() ? start : tierId ? now : null;
    return { tiers, figures, now, current: { tierId, periodStart } };
  });

const rankOf = (tiers: TierDefinition[], id: string | null) => tiers.find((t) => t.id === id)?.rank ?? 0;

describe('decideTier properties', () => {
  it('moves only up on an upgrade, only down on a downgrade, and only to a tier of the program or none', () => {
    fc.assert(
      fc.property(arbCase, ({ tiers, figures, now, current }) => {
        const d = decideTier({ tiers, figures, now, current });
        if (d.kind === 'upgrade') expect(rankOf(tiers, d.toTierId)).toBeGreaterThan(rankOf(tiers, current.tierId));
        if (d.kind === 'downgrade') expect(rankOf(tiers, d.toTierId)).toBeLessThan(rankOf(tiers, current.tierId));
        if (d.kind === 'upgrade' || d.kind === 'downgrade') {
          expect(d.toTierId === null || tiers.some((t) => t.id === d.toTierId)).toBe(true);
        }
      }),
    );
  });

  it('upgrades whenever a higher tier qualifies, at any time', () => {
    fc.assert(
      fc.property(arbCase, ({ tiers, figures, now, current }) => {
        const target = qualifyingTier(tiers, figures);
        const d = decideTier({ tiers, figures, now, current });
        const higher = target !== null && target.rank > rankOf(tiers, current.tierId);
        expect(d.kind === 'upgrade').toBe(higher);
      }),
    );
  });

  it('never downgrades before the end of the period plus the grace days', () => {
    fc.assert(
      fc.property(arbCase, ({ tiers, figures, now, current }) => {
        const d = decideTier({ tiers, figures, now, current });
        if (d.kind !== 'downgrade') return;
        const held = tiers.find((t) => t.id === current.tierId)!;
        const end = addMonths(current.periodStart!, 12);
        expect(now.getTime()).toBeGreaterThanOrEqual(end.getTime() + held.graceDays * 86_400_000);
      }),
    );
  });

  it('is settled after applying its own decision: deciding again at the same moment keeps', () => {
    fc.assert(
      fc.property(arbCase, ({ tiers, figures, now, current }) => {
        const d = decideTier({ tiers, figures, now, current });
        if (d.kind === 'keep') return;
        const next =
          d.kind === 'renew'
            ? { tierId: current.tierId, periodStart: d.periodStart }
            : { tierId: d.toTierId, periodStart: d.periodStart };
        expect(decideTier({ tiers, figures, now, current: next })).toEqual({ kind: 'keep' });
      }),
    );
  });

  it('gives no lower a tier for figures at least as high in every qualification', () => {
    fc.assert(
      fc.property(arbTiers, arbFigures, arbFigures, (tiers, a, b) => {
        const higher = Object.fromEntries(
          TIER_QUALIFICATIONS.map((q) => [q, Math.max(a[q], b[q])]),
        ) as QualificationFigures;
        expect(rankOf(tiers, qualifyingTier(tiers, higher)?.id ?? null)).toBeGreaterThanOrEqual(
          rankOf(tiers, qualifyingTier(tiers, a)?.id ?? null),
        );
      }),
    );
  });
});
