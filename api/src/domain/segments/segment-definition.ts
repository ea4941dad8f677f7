// The JSON format of a segment definition: a predicate tree of all / any / not over member fields, campaign
// membership and member attributes. The TypeBox schema is for OpenAPI and the route; the validator
// (validate-definition.ts) walks the tree itself so that every error names its exact path.
import { type Static, type TProperties, type TSchema, Type } from 'typebox';
import { isNullable, MEMBER_FIELDS, type MemberField, VARIANT_KEY } from './segment-fields.ts';

/** Documented limits: a definition beyond them is refused before any SQL is built. */
export const SEGMENT_LIMITS = {
  /** Levels of the tree, the root being level 1: `{ all: [{ not: { rfmSegment: … } }] }` is 3 levels deep. */
  depth: 8,
  /** Children of one `all` or `any`. */
  width: 50,
  /** Predicates (leaves) in the whole tree. */
  predicates: 200,
  /** Values in one list (`in`, `hasAny`, `hasAll`). */
  listItems: 100,
  /** Characters of one text value (a tag, an attribute key or value). */
  textLength: 200,
} as const;

/** The README's example: members at risk who spent a lot, staff left out. */
export const AT_RISK_HIGH_SPENDERS = {
  all: [
    { rfmSegment: { in: ['At Risk', 'Cannot Lose Them'] } },
    { lifetimeRevenueMinor: { gte: 50_000 } },
    { recencyDays: { gte: 60 } },
    { not: { tags: { hasAny: ['staff'] } } },
  ],
};

const closed = { additionalProperties: false } as const;
const Uuid = Type.String({ format: 'uuid' });
const DateText = Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', description: 'YYYY-MM-DD (UTC day)' });
const Text = Type.String({ minLength: 1, maxLength: SEGMENT_LIMITS.textLength });
const list = <T extends TSchema>(item: T, description: string) =>
  Type.Array(item, { minItems: 1, maxItems: SEGMENT_LIMITS.listItems, description });
const SafeInteger = Type.Integer({ minimum: Number.MIN_SAFE_INTEGER, maximum: Number.MAX_SAFE_INTEGER });

const isNull = Type.Optional(
  Type.Boolean({ description: 'true: the value is null (e.g. never purchased); false: it is not' }),
);

/** The test a field of this type takes; every key given must hold. */
function testSchema(field: MemberField): TSchema {
  const nullable: TProperties = isNullable(field) ? { isNull } : {};
  const bounds = <T extends TSchema>(value: T) => ({
    eq: Type.Optional(value),
    gt: Type.Optional(value),
    gte: Type.Optional(value),
    lt: Type.Optional(value),
    lte: Type.Optional(value),
  });
  const description = `${field.description}. Every test given must hold.`;
  switch (field.type) {
    case 'integer':
      return Type.Object(
        { ...bounds(SafeInteger), in: Type.Optional(list(SafeInteger, 'Any of these values')), ...nullable },
        { ...closed, minProperties: 1, description },
      );
    case 'enum': {
      const value = Type.Enum(field.values ?? []);
      return Type.Object(
        { eq: Type.Optional(value), in: Type.Optional(list(value, 'Any of these values')), ...nullable },
        { ...closed, minProperties: 1, description },
      );
    }
    case 'uuid':
      return Type.Object(
        { eq: Type.Optional(Uuid), in: Type.Optional(list(Uuid, 'Any of these ids')), ...nullable },
        { ...closed, minProperties: 1, description },
      );
    case 'date':
      return Type.Object({ ...bounds(DateText), ...nullable }, { ...closed, minProperties: 1, description });
    case 'tags':
      return Type.Object(
        {
          hasAny: Type.Optional(list(Text, 'The member has at least one of these tags')),
          hasAll: Type.Optional(list(Text, 'The member has every one of these tags')),
        },
        { ...closed, minProperties: 1, description },
      );
  }
}

/** One test per member field, by field name. */
export const FIELD_TESTS = Object.fromEntries(
  Object.entries(MEMBER_FIELDS).map(([name, field]) => [name, testSchema(field)]),
) as Record<keyof typeof MEMBER_FIELDS, TSchema>;

const AttributeValue = Type.Union([
  Type.String({ maxLength: SEGMENT_LIMITS.textLength }),
  Type.Number(),
  Type.Boolean(),
]);

/** A test on one member attribute: exactly one of equals, in, exists, or numeric bounds (as in rules). */
export const AttributeTest = Type.Object(
  {
    key: Type.String({ pattern: '^[A-Za-z_][A-Za-z0-9_.-]{0,63}$', description: 'Attribute name' }),
    equals: Type.Optional(AttributeValue),
    in: Type.Optional(list(AttributeValue, 'Any of these values')),
    exists: Type.Optional(Type.Boolean()),
    gt: Type.Optional(Type.Number()),
    gte: Type.Optional(Type.Number()),
    lt: Type.Optional(Type.Number()),
    lte: Type.Optional(Type.Number()),
  },
  {
    ...closed,
    description:
      'A member attribute: equals, in, exists, or numeric bounds (gt/gte/lt/lte). Strings and booleans compare as ' +
      'text, numbers as numbers; a member without the attribute matches only exists: false.',
  },
);
export type AttributeTest = Static<typeof AttributeTest>;

/** Membership of a past campaign's audience, optionally narrowed by response, variant and bonus. */
export const CampaignTest = Type.Object(
  {
    id: Type.String({ format: 'uuid', description: 'A campaign of the tenant' }),
    responded: Type.Optional(
      Type.Boolean({ description: "Earned in the campaign's program during its window (the funnel's earned step)" }),
    ),
    variant: Type.Optional(
      Type.String({
        pattern: VARIANT_KEY,
        description: "The member's arm: one of the campaign's variant keys, or holdout",
        examples: ['treatment', 'holdout'],
      }),
    ),
    rewarded: Type.Optional(Type.Boolean({ description: 'Received bonus points naming the campaign' })),
  },
  { ...closed, description: "The member was in the campaign's audience (and every other test given holds)" },
);
export type CampaignTest = Static<typeof CampaignTest>;

/** Every predicate: one key per leaf. */
export const PREDICATES = { ...FIELD_TESTS, campaign: CampaignTest, attribute: AttributeTest } as const;
export type PredicateName = keyof typeof PREDICATES;
export const COMBINATORS = ['all', 'any', 'not'] as const;

/** A field test as the compiler reads it (values already checked by the validator). */
export interface FieldTest {
  eq?: number | string;
  gt?: number | string;
  gte?: number | string;
  lt?: number | string;
  lte?: number | string;
  in?: (number | string)[];
  isNull?: boolean;
  hasAny?: string[];
  hasAll?: string[];
}

export type SegmentNode =
  | { all: SegmentNode[] }
  | { any: SegmentNode[] }
  | { not: SegmentNode }
  | { campaign: CampaignTest }
  | { attribute: AttributeTest }
  | { [field in keyof typeof MEMBER_FIELDS]?: FieldTest };

/** A definition is its root node. */
export type SegmentDefinition = SegmentNode;

/** The whole tree as one schema, for route schemas and OpenAPI. */
export const SegmentDefinitionSchema = Type.Cyclic(
  {
    SegmentNode: Type.Union([
      Type.Object({ all: Type.Array(Type.Ref('SegmentNode'), { maxItems: SEGMENT_LIMITS.width }) }, closed),
      Type.Object(
        { any: Type.Array(Type.Ref('SegmentNode'), { minItems: 1, maxItems: SEGMENT_LIMITS.width }) },
        closed,
      ),
      Type.Object({ not: Type.Ref('SegmentNode') }, closed),
      ...Object.entries(PREDICATES).map(([name, schema]) => Type.Object({ [name]: schema }, closed)),
    ]),
  },
  'SegmentNode',
  {
    description:
      `A predicate tree: all / any / not over member fields, campaign and attribute tests; at most ` +
      `${SEGMENT_LIMITS.depth} levels, ${SEGMENT_LIMITS.width} children per all/any and ` +
      `${SEGMENT_LIMITS.predicates} predicates. Validated node by node: each error names its path.`,
  },
);
