// fast-check generators of segment definitions: valid ones (within every limit, values of every type, including
// text that looks like SQL) for the property tests, and the api's integration test that compares the compiled SQL
// with a reference evaluation on real marts.
import fc from 'fast-check';
import type { FieldTest, SegmentNode } from './segment-definition.ts';
import { isNullable, MEMBER_FIELDS, type MemberField } from './segment-fields.ts';

/** Ids and values a definition may name; tests pass the ones their data holds. */
export interface DefinitionVocabulary {
  tierIds: string[];
  campaignIds: string[];
  /** Arms of those campaigns (variant keys and holdout). */
  variants: string[];
  tags: string[];
  attributeKeys: string[];
  attributeValues: (string | number | boolean)[];
  /** Typical magnitudes of integer fields, so that bounds cut through the data. */
  integers: number[];
  dates: string[];
}

/** Values chosen to break naive SQL building: quotes, braces, comments, placeholders. */
export const HOSTILE_TEXT = ["x' OR 1=1 --", '{tenant:UUID}', 'a"b', 'back\\slash', ');DROP TABLE t;--', 'é😀'];

export const DEFAULT_VOCABULARY: DefinitionVocabulary = {
  tierIds: ['4caf6572-c4ea-4963-a883-3bde33c7b845', '0c73c0d9-6000-45bf-9965-bc70665687dd'],
  campaignIds: ['9bbed7f0-a22c-4978-94a8-31dd0ed935c2'],
  variants: ['treatment', 'holdout', 'double-points', 'b_2'],
  tags: ['vip', 'staff', ...HOSTILE_TEXT.filter((t) => !/[\s,]/.test(t))],
  attributeKeys: ['store', 'visits', 'newsletter'],
  attributeValues: ['paris-1', 3, true, ...HOSTILE_TEXT],
  integers: [-5, 0, 1, 2, 3, 5, 30, 90, 365, 1_000, 50_000, 9_007_199_254_740_991],
  dates: ['1969-12-31', '2025-01-01', '2026-03-15', '2026-06-30', '2299-12-31'],
};

const some = <T>(items: readonly T[]) =>
  fc.uniqueArray(fc.constantFrom(...items), { minLength: 1, maxLength: Math.min(items.length, 4) });

function integerIn(field: MemberField, v: DefinitionVocabulary): fc.Arbitrary<number> {
  const min = field.min ?? Number.MIN_SAFE_INTEGER;
  const max = field.max ?? Number.MAX_SAFE_INTEGER;
  const typical = v.integers.filter((n) => n >= min && n <= max);
  return fc.oneof(
    typical.length > 0 ? fc.constantFrom(...typical) : fc.constant(min),
    fc.integer({ min: Math.max(min, -100_000), max: Math.min(max, 100_000) }),
  );
}

/** A test of one field that some value meets (bounds in order). */
function fieldTest(field: MemberField, v: DefinitionVocabulary): fc.Arbitrary<FieldTest> {
  const nullTests: fc.Arbitrary<FieldTest>[] = isNullable(field) ? [fc.boolean().map((isNull) => ({ isNull }))] : [];
  const ordered = <T>(value: fc.Arbitrary<T>) =>
    fc.tuple(value, value).map(([a, b]) => (a <= b ? [a, b] : [b, a]) as [T, T]);
  switch (field.type) {
    case 'integer': {
      const value = integerIn(field, v);
      return fc.oneof(
        value.map((eq) => ({ eq })),
        ordered(value).map(([gte, lte]) => ({ gte, lte })),
        value.map((gt) => ({ gt })),
        value.map((lt) => ({ lt })),
        fc.uniqueArray(value, { minLength: 1, maxLength: 5 }).map((values) => ({ in: values })),
        ...nullTests,
        ...(isNullable(field) ? [value.map((gte) => ({ gte, isNull: false }))] : []),
      );
    }
    case 'enum':
      return fc.oneof(
        fc.constantFrom(...(field.values ?? [])).map((eq) => ({ eq })),
        some(field.values ?? []).map((values) => ({ in: values })),
      );
    case 'uuid':
      return fc.oneof(
        fc.constantFrom(...v.tierIds).map((eq) => ({ eq })),
        some(v.tierIds).map((ids) => ({ in: ids })),
        ...nullTests,
      );
    case 'date': {
      const day = fc.constantFrom(...v.dates);
      return fc.oneof(
        day.map((eq) => ({ eq })),
        ordered(day).map(([gte, lte]) => ({ gte, lte })),
        day.map((lt) => ({ lt })),
        day.map((gt) => ({ gt })),
        ...nullTests,
      );
    }
    case 'tags':
      return fc.oneof(
        some(v.tags).map((tags) => ({ hasAny: tags })),
        some(v.tags).map((tags) => ({ hasAll: tags })),
      );
  }
}

function predicate(v: DefinitionVocabulary): fc.Arbitrary<SegmentNode> {
  const fields = Object.entries(MEMBER_FIELDS).map(([name, field]) =>
    fieldTest(field, v).map((test) => ({ [name]: test }) as SegmentNode),
  );
  const number = fc.integer({ min: -10, max: 100 });
  const attribute = fc.constantFrom(...v.attributeKeys).chain((key) =>
    fc.oneof(
      fc.constantFrom(...v.attributeValues).map((equals) => ({ attribute: { key, equals } })),
      some(v.attributeValues).map((values) => ({ attribute: { key, in: values } })),
      fc.boolean().map((exists) => ({ attribute: { key, exists } })),
      fc.tuple(number, number).map(([a, b]) => ({ attribute: { key, gte: Math.min(a, b), lt: Math.max(a, b) + 1 } })),
    ),
  );
  const campaign = fc
    .record(
      {
        id: fc.constantFrom(...v.campaignIds),
        responded: fc.boolean(),
        variant: fc.constantFrom(...v.variants),
        rewarded: fc.boolean(),
      },
      { requiredKeys: ['id'] },
    )
    .map((test) => ({ campaign: test }));
  return fc.oneof(...fields, attribute, campaign);
}

/** Valid definitions: trees of at most `depth` levels over every kind of predicate. */
export function definition(v: DefinitionVocabulary = DEFAULT_VOCABULARY, depth = 4): fc.Arbitrary<SegmentNode> {
  const { tree } = fc.letrec<{ tree: SegmentNode }>((tie) => ({
    tree: fc.oneof(
      { depthSize: 'small', maxDepth: depth - 1, withCrossShrink: true },
      predicate(v),
      fc.array(tie('tree'), { maxLength: 4 }).map((all) => ({ all })),
      fc.array(tie('tree'), { minLength: 1, maxLength: 4 }).map((any) => ({ any })),
      tie('tree').map((not) => ({ not })),
    ),
  }));
  return tree;
}
