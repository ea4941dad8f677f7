import { describe, expect, it } from 'vitest';
import { compileRules, type EvaluationInput, evaluate, InvalidRuleSetError, type ProgramSettings } from './evaluate.ts';
import type { RuleEvent, RuleMember } from './event-context.ts';
import type { Condition, Effect, RuleDefinition } from './rules.schemas.ts';

const program: ProgramSettings = { rounding: 'floor', earningCurrency: 'EUR', maxPointsPerEvent: null };
const purchase: RuleEvent = {
  type: 'purchase',
  occurredAt: '2026-06-03T10:00:00.000Z', // a Wednesday, 12:00 in Paris
  amountMinor: 4_599,
  currency: 'EUR',
  channel: 'web',
  lineItems: [
    { sku: 'COF-1', category: 'coffee', quantity: 2, amountMinor: 1_200 },
    { sku: 'MUG-9', category: 'mugs', quantity: 1, amountMinor: 3_399 },
  ],
  attributes: { store: 'paris-1', basketSize: 3 },
};
const member: RuleMember = {
  tierId: 'gold',
  tierMultiplierPct: 100,
  attributes: { city: 'Paris', age: 34, vip: true },
  tags: ['newsletter', 'b2b'],
  enrolledAt: '2026-05-20T08:00:00.000Z',
  priorPurchaseCount: 4,
  earnedThisPeriodByRule: {},
};

let nextId = 0;
function rule(conditions: Condition, effects: Effect[], extra: Partial<RuleDefinition> = {}): RuleDefinition {
  const id = extra.id ?? `r${String(nextId++).padStart(3, '0')}`;
  return {
    id,
    versionId: `${id}-v1`,
    version: 1,
    name: id,
    priority: 0,
    stacking: 'stackable',
    conditions,
    effects,
    ...extra,
  };
}
const fixed = (points: number): Effect => ({ fixedPoints: { points } });
const perEuro: Effect = { pointsPerUnit: { points: 1, unitMinor: 100 } };

function run(
  rules: RuleDefinition[],
  changes: {
    event?: Partial<RuleEvent>;
    member?: Partial<RuleMember>;
    program?: Partial<ProgramSettings>;
    timeZone?: string;
  } = {},
) {
  const input: EvaluationInput = {
    program: { ...program, ...changes.program },
    event: { ...purchase, ...changes.event },
    member: { ...member, ...changes.member },
    timeZone: changes.timeZone ?? 'Europe/Paris',
  };
  return evaluate(compileRules(rules), input);
}
/** Whether a single-rule program matches the event. */
const matches = (conditions: Condition, changes: Parameters<typeof run>[1] = {}) =>
  run([rule(conditions, [fixed(1)])], changes).totalPoints === 1;

describe('conditions', () => {
  it('event type and custom type', () => {
    expect(matches({ eventType: { in: ['purchase', 'refund'] } })).toBe(true);
    expect(matches({ eventType: { in: ['signup'] } })).toBe(false);
    const review = { event: { type: 'custom' as const, customType: 'review.posted' } };
    expect(matches({ customType: { in: ['review.posted'] } }, review)).toBe(true);
    expect(matches({ customType: { in: ['quiz.done'] } }, review)).toBe(false);
    expect(matches({ customType: { in: ['review.posted'] } })).toBe(false);
  });

  it('amount bounds are inclusive or exclusive as written, and a missing amount never matches', () => {
    expect(matches({ amount: { gte: 4_599 } })).toBe(true);
    expect(matches({ amount: { gt: 4_599 } })).toBe(false);
    expect(matches({ amount: { lt: 4_600, gt: 4_598 } })).toBe(true);
    expect(matches({ amount: { eq: 4_599 } })).toBe(true);
    expect(matches({ amount: { lte: 100 } }, { event: { amountMinor: null } })).toBe(false);
  });

  it('currency and channel', () => {
    expect(matches({ currency: { in: ['EUR'] } })).toBe(true);
    expect(matches({ currency: { in: ['USD'] } })).toBe(false);
    expect(matches({ channel: { in: ['app', 'web'] } })).toBe(true);
    expect(matches({ channel: { in: ['store'] } })).toBe(false);
    expect(matches({ channel: { in: ['web'] } }, { event: { channel: null } })).toBe(false);
  });

  it('line items: one item must meet every criterion', () => {
    expect(matches({ lineItem: { skuIn: ['COF-1'] } })).toBe(true);
    expect(matches({ lineItem: { categoryIn: ['mugs'], minQuantity: 1 } })).toBe(true);
    expect(matches({ lineItem: { categoryIn: ['mugs'], minQuantity: 2 } })).toBe(false);
    expect(matches({ lineItem: { skuIn: ['COF-1'], minAmountMinor: 1_200 } })).toBe(true);
    expect(matches({ lineItem: { skuIn: ['COF-1'], minAmountMinor: 1_201 } })).toBe(false);
    // quantity 2 is on the coffee, the category mugs on another item
    expect(matches({ lineItem: { categoryIn: ['mugs'], minQuantity: 2, skuIn: ['COF-1', 'MUG-9'] } })).toBe(false);
    expect(matches({ lineItem: { skuIn: ['TEA-3'] } })).toBe(false);
    expect(matches({ lineItem: { minQuantity: 1 } }, { event: { lineItems: [] } })).toBe(false);
  });

  it('local day, hours and dates in the tenant time zone', () => {
    // 2026-06-03T22:30Z is Thursday 00:30 in Paris but still Wednesday 18:30 in New York.
    const late = { event: { occurredAt: '2026-06-03T22:30:00Z' } };
    expect(matches({ dayOfWeek: { in: ['thu'] } }, late)).toBe(true);
    expect(matches({ dayOfWeek: { in: ['wed'] } }, { ...late, timeZone: 'America/New_York' })).toBe(true);
    expect(matches({ hours: { from: '18:00', to: '22:00' } }, { ...late, timeZone: 'America/New_York' })).toBe(true);
    expect(matches({ hours: { from: '18:00', to: '22:00' } }, late)).toBe(false);
    expect(matches({ hours: { from: '22:00', to: '01:00' } }, late)).toBe(true); // across midnight
    expect(matches({ hours: { from: '12:00', to: '13:00' } })).toBe(true); // from is inclusive
    expect(matches({ hours: { from: '11:00', to: '12:00' } })).toBe(false); // to is exclusive
    expect(matches({ hours: { from: '00:00', to: '24:00' } })).toBe(true);
    expect(matches({ dates: { from: '2026-06-04' } }, late)).toBe(true);
    expect(matches({ dates: { to: '2026-06-03' } }, late)).toBe(false);
    expect(matches({ dates: { from: '2026-06-01', to: '2026-06-03' } })).toBe(true);
  });

  it('first and nth purchase count only purchases', () => {
    expect(matches({ firstPurchase: true }, { member: { priorPurchaseCount: 0 } })).toBe(true);
    expect(matches({ firstPurchase: true })).toBe(false);
    expect(matches({ firstPurchase: true }, { member: { priorPurchaseCount: 0 }, event: { type: 'signup' } })).toBe(
      false,
    );
    expect(matches({ purchaseNumber: { eq: 5 } })).toBe(true); // four before this one
    expect(matches({ purchaseNumber: { gte: 6 } })).toBe(false);
  });

  it('tier, tags and days since enrolment', () => {
    expect(matches({ tier: { in: ['gold', 'platinum'] } })).toBe(true);
    expect(matches({ tier: { in: ['gold'] } }, { member: { tierId: null } })).toBe(false);
    expect(matches({ tags: { hasAny: ['vip', 'b2b'] } })).toBe(true);
    expect(matches({ tags: { hasAll: ['b2b', 'newsletter'] } })).toBe(true);
    expect(matches({ tags: { hasAll: ['b2b', 'vip'] } })).toBe(false);
    expect(matches({ tags: { hasAny: ['b2b'], hasAll: ['vip'] } })).toBe(false);
    // enrolled 2026-05-20, event 2026-06-03: 14 local days
    expect(matches({ daysSinceEnrolment: { eq: 14 } })).toBe(true);
    expect(matches({ daysSinceEnrolment: { lt: 14 } })).toBe(false);
  });

  it('member and event attributes', () => {
    expect(matches({ memberAttribute: { key: 'city', equals: 'Paris' } })).toBe(true);
    expect(matches({ memberAttribute: { key: 'city', in: ['Lyon', 'Lille'] } })).toBe(false);
    expect(matches({ memberAttribute: { key: 'vip', equals: true } })).toBe(true);
    expect(matches({ memberAttribute: { key: 'age', gte: 18, lt: 35 } })).toBe(true);
    expect(matches({ memberAttribute: { key: 'city', gte: 0 } })).toBe(false); // not a number
    expect(matches({ memberAttribute: { key: 'score', exists: false } })).toBe(true);
    expect(matches({ memberAttribute: { key: 'toString', exists: true } })).toBe(false); // own keys only
    expect(matches({ eventAttribute: { key: 'store', in: ['paris-1'] } })).toBe(true);
    expect(matches({ eventAttribute: { key: 'basketSize', equals: '3' } })).toBe(false); // strict equality
  });

  it('all, any and not, and the trace names the node that failed', () => {
    const conditions: Condition = {
      all: [
        { eventType: { in: ['purchase'] } },
        { any: [{ channel: { in: ['app'] } }, { not: { tier: { in: ['gold'] } } }] },
      ],
    };
    const result = run([rule(conditions, [fixed(1)], { id: 'combo' })]);
    expect(result.totalPoints).toBe(0);
    expect(result.trace).toEqual([
      {
        ruleId: 'combo',
        versionId: 'combo-v1',
        outcome: 'not_matched',
        path: 'conditions.all[1].any',
        reason: 'none of its 2 conditions holds',
      },
    ]);
    expect(matches({ all: [] })).toBe(true);
    expect(matches({ not: { channel: { in: ['web'] } } })).toBe(false);
    const miss = run([rule({ all: [{ amount: { gte: 1 } }, { hours: { from: '18:00', to: '22:00' } }] }, [fixed(1)])]);
    expect(miss.trace[0]).toMatchObject({
      outcome: 'not_matched',
      path: 'conditions.all[1].hours',
      reason: 'the local time is not between 18:00 and 22:00',
    });
  });
});

describe('daylight saving time', () => {
  const window = { hours: { from: '01:00', to: '02:00' } };
  it('01:30 happens twice when New York falls back, and both match', () => {
    // 2026-11-01: 01:30 EDT is 05:30Z, then 01:30 EST is 06:30Z
    const ny = { timeZone: 'America/New_York' };
    expect(matches(window, { ...ny, event: { occurredAt: '2026-11-01T05:30:00Z' } })).toBe(true);
    expect(matches(window, { ...ny, event: { occurredAt: '2026-11-01T06:30:00Z' } })).toBe(true);
    expect(matches(window, { ...ny, event: { occurredAt: '2026-11-01T07:30:00Z' } })).toBe(false); // 02:30 EST
  });
  it('Paris skips 02:00–03:00 in spring: 01:30 still matches, the next UTC hour reads 03:30', () => {
    const paris = { timeZone: 'Europe/Paris' };
    expect(matches(window, { ...paris, event: { occurredAt: '2026-03-29T00:30:00Z' } })).toBe(true);
    expect(matches(window, { ...paris, event: { occurredAt: '2026-03-29T01:30:00Z' } })).toBe(false);
    expect(
      matches({ hours: { from: '03:00', to: '04:00' } }, { ...paris, event: { occurredAt: '2026-03-29T01:30:00Z' } }),
    ).toBe(true);
  });
  it('Paris repeats 02:00–03:00 in autumn', () => {
    const paris = { timeZone: 'Europe/Paris' };
    const twoThirty = { hours: { from: '02:00', to: '03:00' } };
    expect(matches(twoThirty, { ...paris, event: { occurredAt: '2026-10-25T00:30:00Z' } })).toBe(true);
    expect(matches(twoThirty, { ...paris, event: { occurredAt: '2026-10-25T01:30:00Z' } })).toBe(true);
  });
});

describe('effects', () => {
  it('points per currency unit with the program rounding', () => {
    const r = [rule({ all: [] }, [perEuro])];
    expect(run(r).totalPoints).toBe(45);
    expect(run(r, { program: { rounding: 'round' } }).totalPoints).toBe(46);
    expect(run(r, { program: { rounding: 'ceil' } }).totalPoints).toBe(46);
    expect(run(r, { event: { amountMinor: 4_550 }, program: { rounding: 'round' } }).totalPoints).toBe(46); // half up
    expect(run(r, { event: { amountMinor: 4_549 }, program: { rounding: 'round' } }).totalPoints).toBe(45);
    const threePer10 = [rule({ all: [] }, [{ pointsPerUnit: { points: 3, unitMinor: 1_000 } }])];
    expect(run(threePer10, { event: { amountMinor: 9_999 } }).totalPoints).toBe(29);
  });

  it('other currencies earn nothing per unit, and the trace says why', () => {
    const result = run([rule({ all: [] }, [perEuro, fixed(5)], { id: 'base' })], { event: { currency: 'USD' } });
    expect(result.totalPoints).toBe(5);
    expect(result.trace[0]).toEqual({
      ruleId: 'base',
      versionId: 'base-v1',
      outcome: 'applied',
      notes: ['pointsPerUnit earns nothing: the event currency USD is not the program’s earning currency EUR'],
    });
  });

  it('amounts that are huge stay exact, and no line exceeds the 32-bit points limit', () => {
    const r = [rule({ all: [] }, [{ pointsPerUnit: { points: 1, unitMinor: 100 } }])];
    expect(run(r, { event: { amountMinor: 9_007_199_254_740_991 } }).totalPoints).toBe(2_147_483_647);
    expect(run(r, { event: { amountMinor: 214_748_364_700 } }).lines[0]).toEqual({
      ruleId: r[0]!.id,
      versionId: r[0]!.versionId,
      points: 2_147_483_647,
    });
  });

  it('a multiplier scales the points of the rules before it, and its own earlier effects', () => {
    const base = rule({ all: [] }, [perEuro], { id: 'a', priority: 10 }); // 45
    const bonus = rule({ all: [] }, [fixed(10), { multiplier: { percent: 200 } }], { id: 'b', priority: 5 });
    const early = rule({ all: [] }, [{ multiplier: { percent: 300 } }], { id: 'c', priority: 20 });
    const result = run([base, bonus, early]);
    expect(result.lines.map((l) => [l.ruleId, l.points])).toEqual([
      ['c', 0], // nothing earned before it
      ['a', 45],
      ['b', 10 + 55], // (45 + 10) × 100 % extra
    ]);
    expect(result.totalPoints).toBe(110);
  });

  it('grants rewards when the rule applies', () => {
    const result = run([rule({ all: [] }, [{ grantReward: { rewardId: 'mug' } }], { id: 'gift' })]);
    expect(result.rewards).toEqual([{ ruleId: 'gift', versionId: 'gift-v1', rewardId: 'mug' }]);
    expect(result.lines).toEqual([]);
  });
});

describe('caps', () => {
  it('per event caps the rule’s line', () => {
    const result = run([rule({ all: [] }, [perEuro, { capPerEvent: { points: 20 } }], { id: 'capped' })]);
    expect(result.lines).toEqual([
      {
        ruleId: 'capped',
        versionId: 'capped-v1',
        points: 20,
        capped: { uncappedPoints: 45, by: [{ cap: 'perEvent', limit: 20 }] },
      },
    ]);
  });

  it('per period counts what the member already earned from the rule', () => {
    const r = [rule({ all: [] }, [perEuro, { capPerPeriod: { period: 'week', points: 100 } }], { id: 'weekly' })];
    const earned = (week: number) => ({
      member: { earnedThisPeriodByRule: { weekly: { day: 0, week, month: 0, year: 0 } } },
    });
    expect(run(r, earned(0)).totalPoints).toBe(45);
    expect(run(r, earned(70)).lines[0]).toEqual({
      ruleId: 'weekly',
      versionId: 'weekly-v1',
      points: 30,
      capped: { uncappedPoints: 45, by: [{ cap: 'perPeriod', period: 'week', limit: 100, earnedBefore: 70 }] },
    });
    expect(run(r, earned(150)).totalPoints).toBe(0);
  });

  it('the tier multiplier applies to the sum of lines, then the program cap', () => {
    const r = [rule({ all: [] }, [perEuro])];
    const gold = run(r, { member: { tierMultiplierPct: 150 } });
    expect([gold.basePoints, gold.tierPoints, gold.totalPoints]).toEqual([45, 67, 67]);
    const capped = run(r, { member: { tierMultiplierPct: 150 }, program: { maxPointsPerEvent: 50 } });
    expect(capped.totalPoints).toBe(50);
    expect(capped.programCap).toEqual({ maxPointsPerEvent: 50, uncappedPoints: 67 });
  });
});

describe('order and stacking', () => {
  it('runs by priority, then rule id, whatever the input order', () => {
    const rules = [
      rule({ all: [] }, [fixed(1)], { id: 'b', priority: 1 }),
      rule({ all: [] }, [fixed(1)], { id: 'a', priority: 1 }),
      rule({ all: [] }, [fixed(1)], { id: 'z', priority: 9 }),
    ];
    expect(run(rules).trace.map((t) => t.ruleId)).toEqual(['z', 'a', 'b']);
    expect(run([...rules].reverse())).toEqual(run(rules));
  });

  it('an exclusive rule keeps what higher rules earned and stops every rule after it', () => {
    const rules = [
      rule({ all: [] }, [fixed(1)], { id: 'high', priority: 9 }),
      rule({ channel: { in: ['store'] } }, [fixed(1000)], { id: 'miss', priority: 6, stacking: 'exclusive' }),
      rule({ all: [] }, [fixed(10)], { id: 'excl', priority: 5, stacking: 'exclusive' }),
      rule({ all: [] }, [fixed(100)], { id: 'same', priority: 5 }),
      rule({ all: [] }, [fixed(100)], { id: 'low', priority: 1, stacking: 'exclusive' }),
    ];
    const result = run(rules);
    expect(result.totalPoints).toBe(11);
    expect(result.trace.map((t) => [t.ruleId, t.outcome])).toEqual([
      ['high', 'applied'],
      ['miss', 'not_matched'], // an exclusive rule that does not match stops nothing
      ['excl', 'applied'],
      ['same', 'skipped'], // same priority, later id
      ['low', 'skipped'],
    ]);
    expect(result.trace[3]).toMatchObject({ reason: 'exclusive rule excl applied' });
  });

  it('rules outside their active dates are inactive', () => {
    const result = run([
      rule({ all: [] }, [fixed(1)], { activeFrom: '2026-06-03T10:00:00.000Z' }), // inclusive
      rule({ all: [] }, [fixed(10)], { activeTo: '2026-06-03T10:00:00.000Z' }), // exclusive
    ]);
    expect(result.totalPoints).toBe(1);
    expect(result.trace.map((t) => t.outcome)).toEqual(['applied', 'inactive']);
  });
});

describe('inputs', () => {
  it('refuses to compile invalid rules, naming every problem', () => {
    const bad = rule({ hours: { from: '18:00', to: '18:00' } }, []);
    expect(() => compileRules([bad])).toThrow(InvalidRuleSetError);
    try {
      compileRules([bad]);
    } catch (error) {
      expect((error as InvalidRuleSetError).issues).toEqual([
        { path: 'rules[0].conditions.hours.to', message: 'must differ from "from" (18:00)' },
        { path: 'rules[0].effects', message: 'lists no effects: the rule would do nothing' },
      ]);
    }
  });

  it('rejects an unreadable occurredAt and a negative tier multiplier', () => {
    expect(() => run([], { event: { occurredAt: 'yesterday' } })).toThrow('event.occurredAt "yesterday"');
    expect(() => run([], { member: { tierMultiplierPct: -1 } })).toThrow(RangeError);
  });

  it('reads offsets and fractional seconds in occurredAt', () => {
    expect(
      matches({ hours: { from: '12:00', to: '12:01' } }, { event: { occurredAt: '2026-06-03T12:00:59.999+02:00' } }),
    ).toBe(true);
  });
});
