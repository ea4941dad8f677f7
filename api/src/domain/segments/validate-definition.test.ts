import { describe, expect, it } from 'vitest';
import { AT_RISK_HIGH_SPENDERS, SEGMENT_LIMITS } from './segment-definition.ts';
import { validateDefinition } from './validate-definition.ts';

const campaignId = '9bbed7f0-a22c-4978-94a8-31dd0ed935c2';
const tierId = '4caf6572-c4ea-4963-a883-3bde33c7b845';

/** A chain of `not` nodes around a predicate: `levels` levels in all. */
const nested = (levels: number): unknown => (levels === 1 ? { rScore: { eq: 5 } } : { not: nested(levels - 1) });

describe('validateDefinition', () => {
  it('accepts the README’s example and lists the ids it names', () => {
    const result = validateDefinition({
      all: [
        AT_RISK_HIGH_SPENDERS,
        { campaign: { id: campaignId, responded: false } },
        { tierId: { in: [tierId] } },
        { attribute: { key: 'store', equals: 'paris-1' } },
      ],
    });
    expect(result).toMatchObject({
      ok: true,
      references: {
        campaigns: [{ id: campaignId, path: 'definition.all[1].campaign.id' }],
        tiers: [{ id: tierId, path: 'definition.all[2].tierId.in[0]' }],
      },
    });
  });

  it('takes any arm key or holdout as a variant and lists it with the campaign for the arm check', () => {
    const result = validateDefinition({
      any: [
        { campaign: { id: campaignId, variant: 'double-points' } },
        { campaign: { id: campaignId.toUpperCase(), variant: 'holdout', responded: true } },
        { campaign: { id: campaignId } },
      ],
    });
    expect(result).toMatchObject({
      ok: true,
      references: {
        campaigns: [
          { id: campaignId, variant: { key: 'double-points', path: 'definition.any[0].campaign.variant' } },
          { id: campaignId, variant: { key: 'holdout', path: 'definition.any[1].campaign.variant' } },
          { id: campaignId, path: 'definition.any[2].campaign.id' },
        ],
      },
    });
    if (result.ok) expect(result.references.campaigns[2]).not.toHaveProperty('variant');
  });

  it.each([
    ['an unknown field', { all: [{ email: { eq: 'a@b.c' } }] }, 'definition.all[0].email', 'is not a field'],
    ['a prototype key', { constructor: { eq: 1 } }, 'definition.constructor', 'is not a field'],
    [
      'a value of the wrong type',
      { lifetimeRevenueMinor: { gte: '500' } },
      'definition.lifetimeRevenueMinor.gte',
      'whole number',
    ],
    ['a fraction', { purchases: { eq: 1.5 } }, 'definition.purchases.eq', 'whole number'],
    ['a value outside the field', { rScore: { eq: 7 } }, 'definition.rScore.eq', 'between 1 and 5'],
    ['an unknown enum value', { rfmSegment: { in: ['Champions', 'Whales'] } }, 'definition.rfmSegment.in[1]', 'one of'],
    ['an operator of another type', { rfmSegment: { gt: 'Champions' } }, 'definition.rfmSegment.gt', 'enum field'],
    ['hasAny on a number', { frequency: { hasAny: [1] } }, 'definition.frequency.hasAny', 'integer field'],
    [
      'isNull on a column that is never null',
      { frequency: { isNull: true } },
      'definition.frequency.isNull',
      'not a test',
    ],
    ['a bad date', { enrolledOn: { gte: '2026-02-30' } }, 'definition.enrolledOn.gte', 'YYYY-MM-DD'],
    ['bounds nothing meets', { recencyDays: { gt: 30, lt: 31 } }, 'definition.recencyDays', 'never match'],
    [
      'isNull true with bounds',
      { recencyDays: { isNull: true, lt: 3 } },
      'definition.recencyDays.isNull',
      'cannot hold',
    ],
    ['a bad id', { tierId: { eq: 'gold' } }, 'definition.tierId.eq', 'UUID'],
    ['an empty test', { tags: {} }, 'definition.tags', 'needs a test'],
    ['a tag with a space', { tags: { hasAll: ['a b'] } }, 'definition.tags.hasAll[0]', 'without spaces'],
    ['an empty list', { rfmSegment: { in: [] } }, 'definition.rfmSegment.in', 'never match'],
    ['an empty any', { any: [] }, 'definition.any', 'never match'],
    ['two keys in a node', { rScore: { eq: 5 }, fScore: { eq: 5 } }, 'definition', 'exactly one'],
    ['a list as a node', [{ rScore: { eq: 5 } }], 'definition', 'must be an object'],
    ['all that is not a list', { all: { rScore: { eq: 5 } } }, 'definition.all', 'list of nodes'],
    ['a campaign without id', { campaign: { responded: true } }, 'definition.campaign.id', 'required'],
    [
      'a campaign test of the wrong type',
      { campaign: { id: campaignId, responded: 'yes' } },
      'definition.campaign.responded',
      'true or false',
    ],
    [
      'a variant that is no arm key',
      { campaign: { id: campaignId, variant: 'Treatment A' } },
      'definition.campaign.variant',
      'variant keys',
    ],
    [
      'an unknown campaign test',
      { campaign: { id: campaignId, opened: true } },
      'definition.campaign.opened',
      'not a test',
    ],
    ['two attribute tests', { attribute: { key: 'a', equals: 1, exists: true } }, 'definition.attribute', 'one kind'],
    [
      'a bad attribute key',
      { attribute: { key: '1 bad', exists: true } },
      'definition.attribute.key',
      'attribute name',
    ],
    [
      'an attribute object value',
      { attribute: { key: 'a', equals: { x: 1 } } },
      'definition.attribute.equals',
      'string, a number',
    ],
  ])('refuses %s, naming its path', (_, definition, path, message) => {
    const result = validateDefinition(definition);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors).toContainEqual({ path, message: expect.stringContaining(message) });
  });

  it(`accepts ${SEGMENT_LIMITS.depth} levels and refuses one more`, () => {
    expect(validateDefinition(nested(SEGMENT_LIMITS.depth)).ok).toBe(true);
    const deeper = validateDefinition(nested(SEGMENT_LIMITS.depth + 1));
    expect(deeper).toEqual({
      ok: false,
      errors: [
        { path: `definition${'.not'.repeat(SEGMENT_LIMITS.depth)}`, message: expect.stringContaining('deeper') },
      ],
    });
  });

  it(`accepts ${SEGMENT_LIMITS.width} children and refuses one more`, () => {
    const children = (n: number) => Array.from({ length: n }, (_, i) => ({ purchases: { gte: i } }));
    expect(validateDefinition({ any: children(SEGMENT_LIMITS.width) }).ok).toBe(true);
    expect(validateDefinition({ any: children(SEGMENT_LIMITS.width + 1) })).toEqual({
      ok: false,
      errors: [{ path: 'definition.any', message: expect.stringContaining(`at most ${SEGMENT_LIMITS.width}`) }],
    });
  });

  it(`refuses more than ${SEGMENT_LIMITS.predicates} predicates in the whole tree`, () => {
    const group = { all: Array.from({ length: 50 }, () => ({ purchases: { gte: 1 } })) };
    expect(validateDefinition({ all: [group, group, group, group] }).ok).toBe(true);
    expect(validateDefinition({ all: [group, group, group, group, { purchases: { gte: 1 } }] })).toMatchObject({
      ok: false,
      errors: [{ path: 'definition', message: expect.stringContaining('201 predicates') }],
    });
  });

  it(`refuses a list longer than ${SEGMENT_LIMITS.listItems}`, () => {
    const ids = Array.from({ length: SEGMENT_LIMITS.listItems + 1 }, (_, i) => i);
    expect(validateDefinition({ purchases: { in: ids } })).toMatchObject({
      ok: false,
      errors: [{ path: 'definition.purchases.in' }],
    });
  });

  it('reports every problem at once', () => {
    const result = validateDefinition({
      all: [{ rScore: { eq: 0 } }, { nope: {} }, { any: [{ tags: { hasAny: 'vip' } }] }],
    });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors.map((e) => e.path)).toEqual([
        'definition.all[0].rScore.eq',
        'definition.all[1].nope',
        'definition.all[2].any[0].tags.hasAny',
      ]);
    }
  });
});
