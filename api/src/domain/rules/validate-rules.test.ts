import { describe, expect, it } from 'vitest';
import { validateRule, validateRuleSet } from './validate-rules.ts';

const valid = {
  id: 'r1',
  versionId: 'r1-v1',
  version: 1,
  name: 'Evening double',
  priority: 10,
  stacking: 'stackable',
  conditions: { all: [{ eventType: { in: ['purchase'] } }, { hours: { from: '18:00', to: '22:00' } }] },
  effects: [{ pointsPerUnit: { points: 1, unitMinor: 100 } }, { capPerPeriod: { period: 'day', points: 500 } }],
};

describe('validateRuleSet', () => {
  it('accepts a valid set', () => {
    expect(validateRuleSet([valid], { rewardIds: [], timeZone: 'Europe/Paris' })).toEqual({ ok: true, rules: [valid] });
  });

  it('reports every problem with its path and a readable message', () => {
    const result = validateRuleSet(
      [
        valid,
        {
          ...valid,
          priority: 'high',
          stacking: 'alone',
          conditions: {
            all: [
              { amount: { gte: 10, lt: 5 } },
              { hours: { from: '25:00', to: 3, x: 1 } },
              { weather: 'sunny' },
              {},
              { tier: { in: ['gold'] }, channel: { in: ['web'] } },
              { memberAttribute: { key: 'city', equals: 'Paris', exists: true } },
              { dates: { from: '2026-02-30', to: '2026-01-01' } },
              { dates: { from: '2026-03-01', to: '2026-01-01' } },
              { any: [] },
              { lineItem: {} },
            ],
          },
          effects: [
            { grantReward: { rewardId: 'mug' } },
            { capPerEvent: { points: -1 } },
            { capPerEvent: { points: 5 } },
            { multiplier: { percent: 50 } },
          ],
        },
      ],
      { rewardIds: ['coffee'], timeZone: 'Mars/Olympus' },
    );
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.errors).toEqual([
      { path: 'timeZone', message: '"Mars/Olympus" is not an IANA time zone such as Europe/Paris' },
      { path: 'rules[1].priority', message: 'must be a whole number' },
      { path: 'rules[1].stacking', message: 'must be one of: exclusive, stackable' },
      {
        path: 'rules[1].conditions.all[0].amount',
        message: 'no whole number meets ≥ 10 and < 5, so it can never match',
      },
      { path: 'rules[1].conditions.all[1].hours.x', message: 'is not a known field; known: from, to' },
      { path: 'rules[1].conditions.all[1].hours.from', message: 'must be a time as HH:MM between 00:00 and 23:59' },
      { path: 'rules[1].conditions.all[1].hours.to', message: 'must be text' },
      {
        path: 'rules[1].conditions.all[2].weather',
        message: expect.stringMatching(/^is not a known condition; known: all, any, not, eventType, /),
      },
      {
        path: 'rules[1].conditions.all[3]',
        message: 'is empty: give a condition such as { "amount": { "gte": 1000 } }',
      },
      {
        path: 'rules[1].conditions.all[4]',
        message: 'has 2 keys (tier, channel): a condition has exactly one; combine several with all or any',
      },
      {
        path: 'rules[1].conditions.all[5].memberAttribute',
        message: 'use one kind of test, not equals and exists; combine tests with all',
      },
      { path: 'rules[1].conditions.all[6].dates.from', message: '2026-02-30 is not a calendar date' },
      { path: 'rules[1].conditions.all[7].dates.to', message: 'must not be before "from" (2026-03-01)' },
      { path: 'rules[1].conditions.all[8].any', message: 'lists no conditions, so it can never match' },
      {
        path: 'rules[1].conditions.all[9].lineItem',
        message: 'needs at least one of: skuIn, categoryIn, minQuantity, minAmountMinor',
      },
      { path: 'rules[1].effects[0].grantReward.rewardId', message: 'reward "mug" does not exist in this program' },
      { path: 'rules[1].effects[1].capPerEvent.points', message: 'must be at least 0' },
      { path: 'rules[1].effects[3].multiplier.percent', message: 'must be at least 100' },
      { path: 'rules[1].id', message: 'rule id "r1" is already used by rules[0]' },
    ]);
  });

  it('names the missing parts of a rule', () => {
    expect(validateRuleSet([{ id: 'r', name: '' }])).toEqual({
      ok: false,
      errors: [
        { path: 'rules[0].versionId', message: 'is required' },
        { path: 'rules[0].version', message: 'is required' },
        { path: 'rules[0].priority', message: 'is required' },
        { path: 'rules[0].stacking', message: 'is required' },
        { path: 'rules[0].name', message: 'must not be empty' },
        { path: 'rules[0].conditions', message: 'is required (use { "all": [] } to match every event)' },
        { path: 'rules[0].effects', message: 'is required' },
      ],
    });
    expect(validateRuleSet({})).toEqual({ ok: false, errors: [{ path: 'rules', message: 'must be a list of rules' }] });
  });

  it('refuses trees nested deeper than 32 levels', () => {
    let conditions: unknown = { all: [] };
    for (let i = 0; i < 40; i++) conditions = { not: conditions };
    const issues = validateRule({ ...valid, conditions });
    expect(issues).toHaveLength(1);
    expect(issues[0]!.message).toBe('conditions nest deeper than 32 levels');
  });
});

describe('validateRule', () => {
  it('accepts a draft without ids and checks activeFrom before activeTo', () => {
    const { id: _id, versionId: _versionId, version: _version, ...draft } = valid;
    expect(validateRule(draft)).toEqual([]);
    expect(
      validateRule({ ...draft, activeFrom: '2026-02-01T00:00:00Z', activeTo: '2026-01-01T00:00:00Z' }, {}, 'draft'),
    ).toEqual([{ path: 'draft.activeTo', message: 'must be later than activeFrom' }]);
    expect(validateRule({ ...draft, activeFrom: 'soon' })).toEqual([
      { path: 'rule.activeFrom', message: 'must be an ISO 8601 date and time such as 2026-06-01T00:00:00Z' },
    ]);
  });
});
