import { type Static, Type } from 'typebox';
import { Condition, EffectSchema, RuleBody as EngineRuleBody } from '../../domain/rules/index.ts';
import { StringMap } from '../../infra/string-map.ts';
import { Currency } from '../programs/programs.schemas.ts';

const Uuid = Type.String({ format: 'uuid' });
const Instant = Type.String({ format: 'date-time' });
const NullableInstant = Type.Union([Instant, Type.Null()]);

export const MAX_BACKTEST_EVENTS = 10_000;
export const MAX_DRAFT_RULES = 200;

const ruleExample = {
  name: 'Double points on weekend coffee',
  priority: 10,
  stacking: 'stackable',
  activeFrom: '2026-06-01T00:00:00Z',
  conditions: {
    all: [
      { eventType: { in: ['purchase'] } },
      { dayOfWeek: { in: ['sat', 'sun'] } },
      { lineItem: { categoryIn: ['coffee'] } },
    ],
  },
  effects: [{ pointsPerUnit: { points: 2, unitMinor: 100 } }, { capPerEvent: { points: 500 } }],
};

/** A rule as a marketer writes it (no ids); the rules engine validates it node by node. */
export const RuleBody = Type.Object(
  { ...EngineRuleBody.properties },
  {
    additionalProperties: false,
    description:
      'Validated by the rules engine: each error names the path of the bad node, e.g. body.conditions.all[1]',
    examples: [ruleExample],
  },
);
export type RuleBody = Static<typeof RuleBody>;

export const RuleVersion = Type.Object({
  id: Type.Intersect([Uuid], { description: 'Version id, as ledger entries record it' }),
  ruleId: Uuid,
  version: Type.Integer({ minimum: 1, examples: [2] }),
  name: Type.String(),
  priority: Type.Integer(),
  stacking: Type.Union([Type.Literal('exclusive'), Type.Literal('stackable')]),
  activeFrom: NullableInstant,
  activeTo: NullableInstant,
  conditions: Condition,
  effects: Type.Array(EffectSchema),
  createdBy: Type.Union([Type.String(), Type.Null()]),
  createdAt: Instant,
});
export type RuleVersion = Static<typeof RuleVersion>;

export const RuleStatus = Type.Union([Type.Literal('active'), Type.Literal('disabled'), Type.Literal('archived')], {
  description: 'active: its current version is in force; disabled: no version is; archived: deleted, history kept',
});

export const Rule = Type.Object({
  id: Uuid,
  programId: Uuid,
  status: RuleStatus,
  currentVersion: Type.Union([Type.Integer({ minimum: 1 }), Type.Null()], {
    description: 'The version in force; null while disabled',
  }),
  latestVersion: Type.Integer({ minimum: 1 }),
  createdAt: Instant,
  archivedAt: NullableInstant,
  version: Type.Intersect([RuleVersion], {
    description: 'The version asked for; by default the current one, or the latest while disabled or archived',
  }),
});
export type Rule = Static<typeof Rule>;

export const RuleList = Type.Object({
  items: Type.Array(Rule),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});

export const RuleVersionList = Type.Object({
  items: Type.Array(RuleVersion),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});

export const ProgramRulesParams = Type.Object({ programId: Uuid }, { additionalProperties: false });
export const RuleParams = Type.Object({ ruleId: Uuid }, { additionalProperties: false });
export const RuleQuery = Type.Object(
  { version: Type.Optional(Type.Integer({ minimum: 1, maximum: 2_147_483_647, description: 'A past version' })) },
  { additionalProperties: false },
);

// ─── Simulation ──────────────────────────────────────────────────────────────────────────────────────────────────

/** A rule of a draft set: a full rule, with the id of the rule it replaces when it edits one. */
export const DraftRule = Type.Object(
  {
    id: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 100,
        description:
          'The id of the rule this draft replaces, so per-period caps and the per-rule comparison line up; draft-N when absent',
      }),
    ),
    ...EngineRuleBody.properties,
  },
  { additionalProperties: false },
);
export type DraftRule = Static<typeof DraftRule>;

const Minor = Type.Integer({ minimum: 0, maximum: 2_147_483_647 });
const Attributes = StringMap(Type.String({ maxLength: 64 }), Type.Unknown(), { maxProperties: 50 });

export const SampleEvent = Type.Object(
  {
    type: Type.Union([
      Type.Literal('purchase'),
      Type.Literal('refund'),
      Type.Literal('signup'),
      Type.Literal('custom'),
    ]),
    customType: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    occurredAt: Instant,
    amountMinor: Type.Optional(Minor),
    currency: Type.Optional(Currency),
    channel: Type.Optional(Type.String({ minLength: 1, maxLength: 50 })),
    lineItems: Type.Optional(
      Type.Array(
        Type.Object(
          {
            sku: Type.String({ minLength: 1, maxLength: 100 }),
            category: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
            quantity: Type.Integer({ minimum: 1, maximum: 1_000_000 }),
            unitAmountMinor: Type.Integer({ minimum: 0, maximum: 1_000_000_000 }),
          },
          { additionalProperties: false },
        ),
        { maxItems: 500 },
      ),
    ),
    attributes: Type.Optional(Attributes),
  },
  { additionalProperties: false, description: 'An event as POST /v1/events takes it, without ids' },
);

const PeriodPoints = Type.Object(
  { day: Minor, week: Minor, month: Minor, year: Minor },
  { additionalProperties: false },
);

export const SampleMember = Type.Object(
  {
    tierId: Type.Optional(
      Type.Union([Uuid, Type.Null()], { description: 'A tier of the program: its multiplier applies' }),
    ),
    attributes: Type.Optional(Attributes),
    tags: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 100 })),
    enrolledAt: Instant,
    priorPurchaseCount: Type.Optional(
      Type.Integer({ minimum: 0, maximum: 1_000_000_000, description: 'Purchases before this event' }),
    ),
    earnedThisPeriodByRule: Type.Optional(
      StringMap(Type.String({ minLength: 1, maxLength: 100 }), PeriodPoints, {
        maxProperties: MAX_DRAFT_RULES,
        description: 'Points each rule already gave the member in the periods containing the event',
      }),
    ),
  },
  { additionalProperties: false },
);

export const SimulateBody = Type.Object(
  {
    rules: Type.Optional(
      Type.Array(DraftRule, {
        maxItems: MAX_DRAFT_RULES,
        description: "The draft rule set; when absent, the program's rules in force now",
      }),
    ),
    sampleEvent: Type.Optional(
      Type.Object({ event: SampleEvent, member: SampleMember }, { additionalProperties: false }),
    ),
    backtest: Type.Optional(
      Type.Object(
        {
          lastEvents: Type.Integer({
            minimum: 1,
            maximum: MAX_BACKTEST_EVENTS,
            description: "How many of the program's most recent events to replay",
          }),
        },
        { additionalProperties: false },
      ),
    ),
  },
  {
    additionalProperties: false,
    minProperties: 1,
    examples: [
      {
        rules: [ruleExample],
        sampleEvent: {
          event: {
            type: 'purchase',
            occurredAt: '2026-06-06T10:15:00Z',
            amountMinor: 1250,
            currency: 'EUR',
            lineItems: [{ sku: 'LATTE-L', category: 'coffee', quantity: 2, unitAmountMinor: 450 }],
          },
          member: { enrolledAt: '2025-01-10T09:00:00Z', tags: ['vip'], priorPurchaseCount: 12 },
        },
        backtest: { lastEvents: 1000 },
      },
    ],
  },
);
export type SimulateBody = Static<typeof SimulateBody>;

const Money = Type.Object({ amountMinor: Type.Integer(), currency: Currency });

const PointsLine = Type.Object({
  ruleId: Type.String(),
  versionId: Type.String(),
  name: Type.String(),
  points: Type.Integer({ description: 'After the rule’s own caps, before the tier multiplier and the program cap' }),
  capped: Type.Optional(Type.Object({ uncappedPoints: Type.Integer(), by: Type.Array(Type.Unknown()) })),
});

const Trace = Type.Object({
  ruleId: Type.String(),
  versionId: Type.String(),
  outcome: Type.Union([
    Type.Literal('applied'),
    Type.Literal('not_matched'),
    Type.Literal('inactive'),
    Type.Literal('skipped'),
  ]),
  path: Type.Optional(Type.String({ description: 'For not_matched: the condition node that failed' })),
  reason: Type.Optional(Type.String()),
  notes: Type.Optional(Type.Array(Type.String())),
});

export const SampleResult = Type.Object({
  totalPoints: Type.Integer({ examples: [50] }),
  basePoints: Type.Integer(),
  tierMultiplierPct: Type.Integer(),
  tierPoints: Type.Integer(),
  programCap: Type.Optional(Type.Object({ maxPointsPerEvent: Type.Integer(), uncappedPoints: Type.Integer() })),
  lines: Type.Array(PointsLine),
  rewards: Type.Array(Type.Object({ ruleId: Type.String(), versionId: Type.String(), rewardId: Type.String() })),
  trace: Type.Array(Trace),
  cost: Money,
});

const RuleTotal = Type.Object({
  ruleId: Type.String(),
  name: Type.String(),
  points: Type.Integer({ description: 'What this rule of the draft gave, before tier multipliers and program caps' }),
  actualPoints: Type.Integer({
    description: 'What the rule with this id gave these events when they were recorded, on the same basis',
  }),
  eventsMatched: Type.Integer(),
});

export const BacktestResult = Type.Object({
  eventsEvaluated: Type.Integer(),
  from: NullableInstant,
  to: NullableInstant,
  totalPoints: Type.Integer({ description: 'Points the draft would have credited' }),
  pointsPerRule: Type.Array(RuleTotal),
  cost: Money,
  actual: Type.Object(
    { totalPoints: Type.Integer(), cost: Money },
    { description: 'What the rules in force gave these events: the sum of their accrual ledger entries' },
  ),
  difference: Type.Object({ points: Type.Integer(), cost: Money }, { description: 'Draft minus actual' }),
  approximations: Type.Array(Type.String()),
});

export const SimulateResult = Type.Object({
  rules: Type.Array(Type.Object({ ruleId: Type.String(), versionId: Type.String(), name: Type.String() }), {
    description: 'The rule set simulated, in evaluation order',
  }),
  sample: Type.Optional(SampleResult),
  backtest: Type.Optional(BacktestResult),
});
export type SimulateResult = Static<typeof SimulateResult>;
