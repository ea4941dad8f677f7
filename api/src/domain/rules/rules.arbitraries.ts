// fast-check generators of valid rule sets, events and members, for the property tests.
import fc from 'fast-check';
import type { EvaluationInput } from './evaluate.ts';
import type { LineItem, RuleEvent, RuleMember } from './event-context.ts';
import type { Comparison, Condition, Effect, RuleDefinition } from './rules.schemas.ts';

export const TIME_ZONES = ['Europe/Paris', 'America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe', 'UTC'];
const SKUS = ['A', 'B', 'C', 'D'];
const CATEGORIES = ['food', 'drink', 'home'];
const TIERS = ['silver', 'gold'];
const TAGS = ['vip', 'b2b', 'newsletter'];
const CURRENCIES = ['EUR', 'USD'];
const CHANNELS = ['web', 'app', 'store'];
const REWARDS = ['mug', 'coffee'];
const RULE_IDS = ['r0', 'r1', 'r2', 'r3', 'r4', 'r5', 'r6', 'r7'];
const FROM = Date.UTC(2025, 0, 1);
const TO = Date.UTC(2028, 0, 1);

const small = fc.integer({ min: 0, max: 20_000 });
const list = <T>(items: readonly T[]) => fc.uniqueArray(fc.constantFrom(...items), { minLength: 1 });
const time = fc
  .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
  .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
const date = fc.integer({ min: FROM, max: TO }).map((ms) => new Date(ms).toISOString().slice(0, 10));
const instant = fc.integer({ min: FROM, max: TO }).map((ms) => new Date(ms).toISOString());

/** Bounds that some whole number meets. */
const comparison: fc.Arbitrary<Comparison> = fc.oneof(
  small.map((eq) => ({ eq })),
  fc.tuple(small, small).map(([a, b]) => ({ gte: Math.min(a, b), lte: Math.max(a, b) })),
  fc.tuple(small, small).map(([a, b]) => ({ gt: Math.min(a, b), lt: Math.max(a, b) + 2 })),
  small.map((gt) => ({ gt })),
  small.map((lt) => ({ lt: lt + 1 })),
);

const attributeTest = (key: string) =>
  fc.oneof(
    fc.constantFrom('Paris', 'Lyon', 34, true).map((equals) => ({ key, equals })),
    list(['Paris', 'Lyon', 34]).map((values) => ({ key, in: values })),
    fc.boolean().map((exists) => ({ key, exists })),
    fc.tuple(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 })).map(([a, b]) => ({
      key,
      gte: Math.min(a, b),
      lte: Math.max(a, b),
    })),
  );

const predicate: fc.Arbitrary<Condition> = fc.oneof(
  list(['purchase', 'refund', 'signup', 'custom'] as const).map((types) => ({ eventType: { in: types } })),
  list(['review', 'quiz']).map((names) => ({ customType: { in: names } })),
  comparison.map((amount) => ({ amount })),
  list(CURRENCIES).map((codes) => ({ currency: { in: codes } })),
  list(CHANNELS).map((channels) => ({ channel: { in: channels } })),
  fc
    .record(
      {
        skuIn: list(SKUS),
        categoryIn: list(CATEGORIES),
        minQuantity: fc.integer({ min: 1, max: 4 }),
        minAmountMinor: small,
      },
      { requiredKeys: [] },
    )
    .filter((c) => Object.keys(c).length > 0)
    .map((lineItem) => ({ lineItem })),
  list(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const).map((days) => ({ dayOfWeek: { in: days } })),
  fc
    .tuple(time, fc.oneof(time, fc.constant('24:00')))
    .filter(([from, to]) => from !== to)
    .map(([from, to]) => ({ hours: { from, to } })),
  fc.tuple(date, date).map(([a, b]) => ({ dates: a <= b ? { from: a, to: b } : { from: b } })),
  fc.constant({ firstPurchase: true as const }),
  comparison.map((purchaseNumber) => ({ purchaseNumber })),
  list(TIERS).map((tiers) => ({ tier: { in: tiers } })),
  attributeTest('city').map((memberAttribute) => ({ memberAttribute })),
  attributeTest('age').map((memberAttribute) => ({ memberAttribute })),
  attributeTest('store').map((eventAttribute) => ({ eventAttribute })),
  fc
    .record({ hasAny: list(TAGS), hasAll: list(TAGS) }, { requiredKeys: [] })
    .filter((t) => Object.keys(t).length > 0)
    .map((tags) => ({ tags })),
  comparison.map((daysSinceEnrolment) => ({ daysSinceEnrolment })),
);

export const condition: fc.Arbitrary<Condition> = fc.letrec<{ node: Condition }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    predicate,
    fc.array(tie('node'), { maxLength: 3 }).map((all) => ({ all })),
    fc.array(tie('node'), { minLength: 1, maxLength: 3 }).map((any) => ({ any })),
    tie('node').map((not) => ({ not })),
  ),
})).node;

const pointEffect: fc.Arbitrary<Effect> = fc.oneof(
  fc
    .record({ points: fc.integer({ min: 1, max: 1_000_000 }), unitMinor: fc.integer({ min: 1, max: 1_000_000_000 }) })
    .map((pointsPerUnit) => ({ pointsPerUnit })),
  fc.integer({ min: 1, max: 1_000_000_000 }).map((points) => ({ fixedPoints: { points } })),
  fc.integer({ min: 100, max: 100_000 }).map((percent) => ({ multiplier: { percent } })),
);

const effects: fc.Arbitrary<Effect[]> = fc
  .record({
    points: fc.array(pointEffect, { maxLength: 3 }),
    capPerEvent: fc.option(fc.integer({ min: 0, max: 5_000 }), { nil: undefined }),
    periodCaps: fc.uniqueArray(
      fc.record({ period: fc.constantFrom('day', 'week', 'month', 'year' as const), points: small }),
      { selector: (c) => c.period, maxLength: 2 },
    ),
    rewards: fc.array(fc.constantFrom(...REWARDS), { maxLength: 1 }),
  })
  .chain(({ points, capPerEvent, periodCaps, rewards }) => {
    const all: Effect[] = [
      ...points,
      ...(capPerEvent === undefined ? [] : [{ capPerEvent: { points: capPerEvent } }]),
      ...periodCaps.map((capPerPeriod) => ({ capPerPeriod })),
      ...rewards.map((rewardId) => ({ grantReward: { rewardId } })),
    ];
    return all.length
      ? fc.shuffledSubarray(all, { minLength: all.length })
      : fc.constant([{ fixedPoints: { points: 1 } }]);
  });

const window = fc.option(fc.tuple(instant, instant), { nil: undefined }).map((pair) => {
  if (!pair || pair[0] === pair[1]) return {};
  const [from, to] = pair.sort();
  return { activeFrom: from, activeTo: to };
});

export const ruleSet: fc.Arbitrary<RuleDefinition[]> = fc
  .uniqueArray(fc.constantFrom(...RULE_IDS), { maxLength: RULE_IDS.length })
  .chain((ids) =>
    fc.tuple(
      ...ids.map((id) =>
        fc
          .record({
            priority: fc.integer({ min: -3, max: 3 }),
            stacking: fc.constantFrom('exclusive', 'stackable' as const),
            window,
            conditions: condition,
            effects,
          })
          .map(
            ({ window: active, ...rest }): RuleDefinition => ({
              id,
              versionId: `${id}-v1`,
              version: 1,
              name: `Rule ${id}`,
              ...active,
              ...rest,
            }),
          ),
      ),
    ),
  );

const lineItem: fc.Arbitrary<LineItem> = fc.record({
  sku: fc.constantFrom(...SKUS, 'Z'),
  category: fc.option(fc.constantFrom(...CATEGORIES), { nil: null }),
  quantity: fc.integer({ min: 1, max: 5 }),
  amountMinor: fc.option(small, { nil: null }),
});

const event: fc.Arbitrary<RuleEvent> = fc.record({
  type: fc.constantFrom('purchase', 'refund', 'signup', 'custom' as const),
  customType: fc.option(fc.constantFrom('review', 'quiz'), { nil: null }),
  occurredAt: instant,
  amountMinor: fc.option(fc.oneof(small, fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER })), { nil: null }),
  currency: fc.option(fc.constantFrom(...CURRENCIES), { nil: null }),
  channel: fc.option(fc.constantFrom(...CHANNELS), { nil: null }),
  lineItems: fc.array(lineItem, { maxLength: 4 }),
  attributes: fc.record({ store: fc.constantFrom('Paris', 'Lyon') }, { requiredKeys: [] }),
});

const periodPoints = fc.record({ day: small, week: small, month: small, year: small });

const member: fc.Arbitrary<RuleMember> = fc.record({
  tierId: fc.option(fc.constantFrom(...TIERS), { nil: null }),
  tierMultiplierPct: fc.integer({ min: 0, max: 400 }),
  attributes: fc.record(
    { city: fc.constantFrom('Paris', 'Lyon'), age: fc.integer({ min: 0, max: 100 }) },
    { requiredKeys: [] },
  ),
  tags: fc.uniqueArray(fc.constantFrom(...TAGS)),
  enrolledAt: instant,
  priorPurchaseCount: fc.integer({ min: 0, max: 20 }),
  earnedThisPeriodByRule: fc.dictionary(fc.constantFrom(...RULE_IDS), periodPoints),
});

export const input: fc.Arbitrary<EvaluationInput> = fc.record({
  program: fc.record({
    rounding: fc.constantFrom('floor', 'round', 'ceil' as const),
    maxPointsPerEvent: fc.option(fc.integer({ min: 0, max: 100_000 }), { nil: null }),
    earningCurrency: fc.constantFrom(...CURRENCIES),
  }),
  event,
  member,
  timeZone: fc.constantFrom(...TIME_ZONES),
});

export const REWARD_IDS = REWARDS;
