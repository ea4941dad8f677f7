// The JSON shape of rules: one TypeBox schema per node, so the api reuses them in route schemas and OpenAPI, and the
// validator checks each node on its own (a union of every node would only report "matches no alternative").
import { type Static, type TSchema, Type } from 'typebox';

/** Patterns for text fields, with how a marketer reads them in an error message. */
export const TEXT_FORMATS = {
  time: { pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$', reads: 'a time as HH:MM between 00:00 and 23:59' },
  endTime: { pattern: '^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$', reads: 'a time as HH:MM between 00:00 and 24:00' },
  date: { pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', reads: 'a date as YYYY-MM-DD' },
  currency: { pattern: '^[A-Z]{3}$', reads: 'a three-letter ISO 4217 currency code such as EUR' },
} as const;

const text = (format: keyof typeof TEXT_FORMATS, description: string) =>
  Type.String({ pattern: TEXT_FORMATS[format].pattern, description });
const nonEmptyText = (description?: string) => Type.String({ minLength: 1, ...(description ? { description } : {}) });
const listOf = <T extends TSchema>(item: T, description: string) => Type.Array(item, { minItems: 1, description });
const closed = { additionalProperties: false } as const;

/** Upper bounds that keep every intermediate product inside safe integers (see integer-math.ts). */
export const LIMITS = {
  pointsPerUnit: 1_000_000,
  unitMinor: 1_000_000_000,
  fixedPoints: 1_000_000_000,
  multiplierPercent: 100_000,
  /** Points columns are 32-bit integers: no line and no total ever exceeds this. */
  points: 2_147_483_647,
} as const;

export const EventType = Type.Enum(['purchase', 'refund', 'signup', 'custom']);
export type EventType = Static<typeof EventType>;
export const Weekday = Type.Enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);
export type Weekday = Static<typeof Weekday>;
export const Period = Type.Enum(['day', 'week', 'month', 'year']);
export type Period = Static<typeof Period>;

const count = Type.Integer({ minimum: 0 });
/** A comparison on a non-negative whole number; every bound given must hold. */
export const Comparison = Type.Object(
  {
    eq: Type.Optional(count),
    gt: Type.Optional(count),
    gte: Type.Optional(count),
    lt: Type.Optional(count),
    lte: Type.Optional(count),
  },
  { ...closed, minProperties: 1, description: 'Bounds on a whole number: eq, gt, gte, lt, lte (all must hold)' },
);
export type Comparison = Static<typeof Comparison>;

const AttributeValue = Type.Union([Type.String(), Type.Number(), Type.Boolean()]);
/** A test on one attribute: exactly one of equals, in, exists, or numeric bounds (gt/gte/lt/lte). */
export const AttributeTest = Type.Object(
  {
    key: nonEmptyText('Attribute name'),
    equals: Type.Optional(AttributeValue),
    in: Type.Optional(listOf(AttributeValue, 'Accepted values')),
    exists: Type.Optional(Type.Boolean()),
    gt: Type.Optional(Type.Number()),
    gte: Type.Optional(Type.Number()),
    lt: Type.Optional(Type.Number()),
    lte: Type.Optional(Type.Number()),
  },
  closed,
);
export type AttributeTest = Static<typeof AttributeTest>;

/** Predicates: each condition node is an object with exactly one of these keys. */
export const PREDICATES = {
  eventType: Type.Object({ in: listOf(EventType, 'Event types that match') }, closed),
  customType: Type.Object({ in: listOf(nonEmptyText(), 'Names of custom events that match') }, closed),
  amount: Comparison,
  currency: Type.Object({ in: listOf(text('currency', 'ISO 4217 code'), 'Currencies that match') }, closed),
  channel: Type.Object({ in: listOf(nonEmptyText(), 'Channels that match') }, closed),
  lineItem: Type.Object(
    {
      skuIn: Type.Optional(listOf(nonEmptyText(), 'SKUs that match')),
      categoryIn: Type.Optional(listOf(nonEmptyText(), 'Categories that match')),
      minQuantity: Type.Optional(Type.Integer({ minimum: 1 })),
      minAmountMinor: Type.Optional(count),
    },
    { ...closed, minProperties: 1, description: 'Some line item meets every criterion given' },
  ),
  dayOfWeek: Type.Object({ in: listOf(Weekday, 'Local days of the week that match') }, closed),
  hours: Type.Object(
    {
      from: text('time', 'Local start time, inclusive'),
      to: text('endTime', 'Local end time, exclusive; earlier than `from` for a window across midnight'),
    },
    closed,
  ),
  dates: Type.Object(
    {
      from: Type.Optional(text('date', 'First local date, inclusive')),
      to: Type.Optional(text('date', 'Last local date, inclusive')),
    },
    { ...closed, minProperties: 1 },
  ),
  firstPurchase: Type.Literal(true, { description: 'The event is the member’s first purchase' }),
  purchaseNumber: Comparison,
  tier: Type.Object({ in: listOf(nonEmptyText(), 'Tier ids that match') }, closed),
  memberAttribute: AttributeTest,
  eventAttribute: AttributeTest,
  tags: Type.Object(
    {
      hasAny: Type.Optional(listOf(nonEmptyText(), 'The member has at least one of these tags')),
      hasAll: Type.Optional(listOf(nonEmptyText(), 'The member has every one of these tags')),
    },
    { ...closed, minProperties: 1 },
  ),
  daysSinceEnrolment: Comparison,
} as const;
export type PredicateName = keyof typeof PREDICATES;
export const COMBINATORS = ['all', 'any', 'not'] as const;

type Predicates = typeof PREDICATES;
type PredicateNode = { [K in PredicateName]: { [P in K]: Static<Predicates[K]> } }[PredicateName];
export type Condition = { all: Condition[] } | { any: Condition[] } | { not: Condition } | PredicateNode;

/** The whole condition tree as one schema, for route schemas and OpenAPI. */
export const Condition = Type.Cyclic(
  {
    Condition: Type.Union([
      Type.Object({ all: Type.Array(Type.Ref('Condition')) }, closed),
      Type.Object({ any: Type.Array(Type.Ref('Condition'), { minItems: 1 }) }, closed),
      Type.Object({ not: Type.Ref('Condition') }, closed),
      ...Object.entries(PREDICATES).map(([name, schema]) => Type.Object({ [name]: schema }, closed)),
    ]),
  },
  'Condition',
  { description: 'A condition: all/any/not over predicates on the event and the member' },
);

/** Effects: each effect is an object with exactly one of these keys. */
export const EFFECTS = {
  pointsPerUnit: Type.Object(
    {
      points: Type.Integer({ minimum: 1, maximum: LIMITS.pointsPerUnit }),
      unitMinor: Type.Integer({ minimum: 1, maximum: LIMITS.unitMinor, description: 'e.g. 100 for 1.00' }),
    },
    { ...closed, description: 'Points for each unit of the amount in the earning currency' },
  ),
  fixedPoints: Type.Object({ points: Type.Integer({ minimum: 1, maximum: LIMITS.fixedPoints }) }, closed),
  multiplier: Type.Object(
    { percent: Type.Integer({ minimum: 100, maximum: LIMITS.multiplierPercent, description: '200 doubles' }) },
    { ...closed, description: 'Scales the points earned so far in this evaluation' },
  ),
  capPerEvent: Type.Object({ points: count }, { ...closed, description: 'Most points this rule gives one event' }),
  capPerPeriod: Type.Object(
    { period: Period, points: count },
    { ...closed, description: 'Most points this rule gives one member per local calendar period' },
  ),
  grantReward: Type.Object({ rewardId: nonEmptyText() }, closed),
} as const;
export type EffectName = keyof typeof EFFECTS;
type Effects = typeof EFFECTS;
export type Effect = { [K in EffectName]: { [P in K]: Static<Effects[K]> } }[EffectName];

export const EffectSchema = Type.Union(
  Object.entries(EFFECTS).map(([name, schema]) => Type.Object({ [name]: schema }, closed)),
);

/** What a marketer edits: a rule version without its ids. */
export const RuleBody = Type.Object(
  {
    name: nonEmptyText(),
    priority: Type.Integer({ description: 'Higher runs first; ties run in rule id order' }),
    stacking: Type.Enum(['exclusive', 'stackable']),
    activeFrom: Type.Optional(Type.String({ format: 'date-time', description: 'Inclusive' })),
    activeTo: Type.Optional(Type.String({ format: 'date-time', description: 'Exclusive' })),
    conditions: Condition,
    effects: listOf(EffectSchema, 'Applied in order when the conditions hold'),
  },
  closed,
);

/** An active rule version as the engine receives it. */
export const RuleDefinition = Type.Object(
  {
    id: nonEmptyText('Rule id'),
    versionId: nonEmptyText('Rule version id'),
    version: Type.Integer({ minimum: 1 }),
    ...RuleBody.properties,
  },
  closed,
);

type Stacking = 'exclusive' | 'stackable';
export interface RuleBody {
  name: string;
  priority: number;
  stacking: Stacking;
  activeFrom?: string;
  activeTo?: string;
  conditions: Condition;
  effects: Effect[];
}
export interface RuleDefinition extends RuleBody {
  id: string;
  versionId: string;
  version: number;
}
