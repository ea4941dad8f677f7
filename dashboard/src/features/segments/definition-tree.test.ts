import { describe, expect, it } from 'vitest';
import { segmentFields } from './catalogue.ts';
import { emptyGroup, fromDefinition, newCondition, toDefinition } from './definition-tree.ts';

const fields = segmentFields();
const field = (name: string) => fields.find((f) => f.name === name)!;

describe('the segment builder model', () => {
  it('reads every field the api offers from its OpenAPI document', () => {
    const names = fields.map((f) => f.name);
    expect(names).toEqual(expect.arrayContaining(['rfmSegment', 'recencyDays', 'lifetimeRevenueMinor', 'tags']));
    expect(names).toEqual(expect.arrayContaining(['attribute', 'campaign']));
    expect(field('rfmSegment')).toMatchObject({ kind: 'enum', ops: ['eq', 'in'] });
    expect(field('rfmSegment').values).toContain('At Risk');
    expect(field('recencyDays').ops).toContain('isNull');
    expect(field('enrolledOn').kind).toBe('date');
    expect(field('tierId').kind).toBe('uuid');
  });

  it('gives the api definition of a tree, and the same tree back', () => {
    const atRisk = {
      all: [
        { rfmSegment: { in: ['At Risk', 'Cannot Lose Them'] } },
        { lifetimeRevenueMinor: { gte: 50000 } },
        { recencyDays: { gte: 60 } },
        { not: { tags: { hasAny: ['staff'] } } },
        { any: [{ attribute: { key: 'city', equals: 'Lyon' } }, { attribute: { key: 'age', gt: 30 } }] },
      ],
    };
    const tree = fromDefinition(atRisk, fields);
    expect(tree).toBeDefined();
    expect(toDefinition(tree!, fields)).toEqual({ definition: atRisk, errors: [] });
  });

  it('names each condition that cannot be sent yet', () => {
    const root = emptyGroup();
    const revenue = { ...newCondition(field('lifetimeRevenueMinor')), op: 'gte', value: '12.5' };
    const tags = { ...newCondition(field('tags')), op: 'hasAny', value: ' , ' };
    root.children.push(revenue, tags);
    expect(toDefinition(root, fields).errors).toEqual([
      { nodeId: revenue.id, message: 'give a whole number' },
      { nodeId: tags.id, message: 'give at least one value, separated by commas' },
    ]);
  });

  it('leaves to the JSON editor what the builder cannot show', () => {
    expect(fromDefinition({ recencyDays: { gte: 10, lte: 90 } }, fields)).toBeUndefined();
    expect(fromDefinition({ not: { not: { tags: { hasAny: ['a'] } } } }, fields)).toBeUndefined();
  });
});
