import { describe, expect, it } from 'vitest';
import { ruleCatalogue } from './catalogue.ts';
import { monthlyPace } from './forecast.ts';
import { conditionKey, effectKey, fieldKey, fromBody, placeErrors, type RuleDraft, toBody } from './rule-draft.ts';

const catalogue = ruleCatalogue();

describe('the rules catalogue, read from the api document', () => {
  it('offers every condition and effect of the api, with their operands and choices', () => {
    const names = catalogue.conditions.map((c) => c.name);
    expect(names).toEqual(expect.arrayContaining(['eventType', 'dayOfWeek', 'hours', 'amount', 'firstPurchase']));
    expect(names).not.toContain('all');
    const day = catalogue.conditions.find((c) => c.name === 'dayOfWeek')!;
    expect(day.operands).toEqual([expect.objectContaining({ name: 'in', kind: 'choices', required: true })]);
    expect(day.operands[0]!.values).toEqual(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);
    const cap = catalogue.effects.find((e) => e.name === 'capPerPeriod')!;
    expect(cap.operands.map((o) => [o.name, o.kind])).toEqual([
      ['period', 'choice'],
      ['points', 'integer'],
    ]);
    expect(catalogue.conditions.find((c) => c.name === 'firstPurchase')?.constant).toBe(true);
  });
});

const draft: RuleDraft = {
  name: ' Weekend coffee ',
  priority: '10',
  stacking: 'stackable',
  activeFrom: '2026-06-01T00:00',
  activeTo: '',
  combinator: 'all',
  conditions: [
    { id: 'a', kind: 'eventType', values: { in: ['purchase'] } },
    { id: 'b', kind: 'dayOfWeek', values: { in: ['sat', 'sun'] } },
    { id: 'c', kind: 'lineItem', negate: true, values: { categoryIn: 'tea, cake ', minQuantity: '' } },
    { id: 'd', kind: 'firstPurchase', values: {} },
  ],
  effects: [
    { id: 'e', kind: 'pointsPerUnit', values: { points: '2', unitMinor: '100' } },
    { id: 'f', kind: 'capPerEvent', values: { points: '500' } },
  ],
};

const body = {
  name: 'Weekend coffee',
  priority: 10,
  stacking: 'stackable',
  activeFrom: '2026-06-01T00:00:00Z',
  conditions: {
    all: [
      { eventType: { in: ['purchase'] } },
      { dayOfWeek: { in: ['sat', 'sun'] } },
      { not: { lineItem: { categoryIn: ['tea', 'cake'] } } },
      { firstPurchase: true },
    ],
  },
  effects: [{ pointsPerUnit: { points: 2, unitMinor: 100 } }, { capPerEvent: { points: 500 } }],
};

describe('a rule draft', () => {
  it('becomes the api body, empty operands left out, and comes back from it', () => {
    expect(toBody(draft, catalogue)).toEqual(body);
    const back = fromBody(body as never, catalogue)!;
    expect(toBody(back, catalogue)).toEqual(body);
    expect(back.conditions[2]).toMatchObject({ kind: 'lineItem', negate: true, values: { categoryIn: 'tea, cake' } });
  });

  it('sends what is not a number as typed, so the api names the field', () => {
    const bad = toBody(
      { ...draft, priority: 'high', effects: [{ id: 'x', kind: 'fixedPoints', values: { points: '1.5x' } }] },
      catalogue,
    );
    expect(bad.priority).toBe('high');
    expect(bad.effects).toEqual([{ fixedPoints: { points: '1.5x' } }]);
  });

  it('cannot show nested groups: those rules are edited as JSON', () => {
    expect(
      fromBody({ ...body, conditions: { all: [{ any: [{ firstPurchase: true }] }] } } as never, catalogue),
    ).toBeUndefined();
  });

  it('places the api’s errors at the builder’s fields by their JSON paths', () => {
    const keys = [
      'name',
      conditionKey(draft, draft.conditions[2]!, 2),
      conditionKey(draft, draft.conditions[2]!, 2, 'minQuantity'),
      effectKey(draft.effects[0]!, 0),
      effectKey(draft.effects[0]!, 0, 'points'),
    ];
    expect(keys.slice(1)).toEqual([
      'conditions.all.2.not',
      'conditions.all.2.not.lineItem.minQuantity',
      'effects.0',
      'effects.0.pointsPerUnit.points',
    ]);
    expect(fieldKey('body.rules[3].effects[0].multiplier.percent')).toBe('effects.0.multiplier.percent');
    const placed = placeErrors(
      [
        { path: 'body.effects[0].pointsPerUnit.points', message: 'must be ≥ 1' },
        { path: 'body.conditions.all[2].not.lineItem', message: 'needs at least one of: skuIn' },
        { path: 'body.name', message: 'is required' },
        { path: 'body.somewhere', message: 'elsewhere' },
      ],
      keys,
    );
    expect(Object.fromEntries(placed)).toEqual({
      'effects.0.pointsPerUnit.points': ['must be ≥ 1'],
      'conditions.all.2.not': ['needs at least one of: skuIn'],
      name: ['is required'],
      '': ['elsewhere'],
    });
  });
});

describe('the monthly pace of a backtest', () => {
  it('scales the window of the replayed events to 30 days, in whole points and minor units', () => {
    const pace = monthlyPace({
      eventsEvaluated: 40,
      from: '2026-06-01T00:00:00Z',
      to: '2026-06-11T00:00:00Z',
      totalPoints: 1001,
      cost: { amountMinor: 1001 },
      difference: { points: -10, cost: { amountMinor: -10 } },
    });
    expect(pace).toEqual({
      days: 10,
      pointsPer30Days: 3003,
      costPer30DaysMinor: 3003,
      differencePointsPer30Days: -30,
      differenceCostPer30DaysMinor: -30,
    });
  });

  it('gives no pace for less than a day of events', () => {
    const base = { totalPoints: 5, cost: { amountMinor: 5 }, difference: { points: 0, cost: { amountMinor: 0 } } };
    expect(monthlyPace({ ...base, eventsEvaluated: 0, from: null, to: null })).toBeNull();
    expect(
      monthlyPace({ ...base, eventsEvaluated: 3, from: '2026-06-01T00:00:00Z', to: '2026-06-01T05:00:00Z' }),
    ).toBeNull();
  });
});
