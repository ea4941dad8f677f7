import { type Static, Type } from 'typebox';
import { StringMap } from '../../infra/string-map.ts';
import { Currency } from '../programs/programs.schemas.ts';

const Uuid = Type.String({ format: 'uuid' });
const Key = Type.String({ minLength: 1, maxLength: 200, pattern: '^\\S(.*\\S)?$' });
/** Minor units: integers only, bounded so sums stay exact. */
const Minor = Type.Integer({ minimum: 0, maximum: 2_147_483_647 });

export const MAX_BATCH = 1_000;

export const LineItem = Type.Object(
  {
    sku: Type.String({ minLength: 1, maxLength: 100, examples: ['LATTE-L'] }),
    category: Type.Optional(Type.String({ minLength: 1, maxLength: 100, examples: ['drinks'] })),
    quantity: Type.Integer({ minimum: 1, maximum: 1_000_000, examples: [2] }),
    unitAmountMinor: Type.Integer({ minimum: 0, maximum: 1_000_000_000, examples: [450] }),
  },
  { additionalProperties: false },
);

export const RecordEvent = Type.Object(
  {
    externalId: Type.Intersect([Key], {
      description: "The merchant's id for this event, unique per tenant: a second event with it is refused",
      examples: ['order-10293'],
    }),
    type: Type.Union(
      [Type.Literal('purchase'), Type.Literal('refund'), Type.Literal('signup'), Type.Literal('custom')],
      {
        examples: ['purchase'],
      },
    ),
    customType: Type.Optional(
      Type.String({ minLength: 1, maxLength: 100, pattern: '^[a-z0-9][a-z0-9_.-]*$', examples: ['review.posted'] }),
    ),
    programId: Type.Optional(
      Type.Intersect([Uuid], { description: 'Optional when the tenant has exactly one active program' }),
    ),
    memberId: Type.Optional(Uuid),
    memberExternalId: Type.Optional(
      Type.Intersect([Key], {
        description: 'The member by the merchant’s id; a purchase or sign-up for an unknown id enrols the member',
        examples: ['cust-8812'],
      }),
    ),
    occurredAt: Type.String({ format: 'date-time', examples: ['2026-03-14T09:30:00Z'] }),
    amountMinor: Type.Optional(
      Type.Intersect([Minor], { description: 'Order total (or refunded amount) in minor units', examples: [1250] }),
    ),
    currency: Type.Optional(Currency),
    channel: Type.Optional(Type.String({ minLength: 1, maxLength: 50, examples: ['store'] })),
    lineItems: Type.Optional(Type.Array(LineItem, { maxItems: 500 })),
    attributes: Type.Optional(
      StringMap(Type.String({ maxLength: 64 }), Type.Unknown(), {
        maxProperties: 50,
        description: 'Free-form event data the rules may test',
        examples: [{ storeId: 'paris-11' }],
      }),
    ),
    refundOfExternalId: Type.Optional(
      Type.Intersect([Key], { description: 'For a refund: the external id of the purchase it refunds' }),
    ),
    refundOfEventId: Type.Optional(
      Type.Intersect([Uuid], { description: 'For a refund: the id of the purchase it refunds' }),
    ),
  },
  {
    additionalProperties: false,
    examples: [
      {
        externalId: 'order-10293',
        type: 'purchase',
        memberExternalId: 'cust-8812',
        occurredAt: '2026-03-14T09:30:00Z',
        amountMinor: 1250,
        currency: 'EUR',
        channel: 'store',
        lineItems: [{ sku: 'LATTE-L', category: 'drinks', quantity: 2, unitAmountMinor: 450 }],
      },
    ],
  },
);
export type RecordEvent = Static<typeof RecordEvent>;

export const RuleLine = Type.Object({
  ruleId: Uuid,
  versionId: Uuid,
  points: Type.Integer({ description: 'Points of this rule before the tier multiplier and the program cap' }),
});

export const BonusLine = Type.Object({
  campaignId: Uuid,
  points: Type.Integer(),
});

export const EventResult = Type.Object({
  eventId: Uuid,
  memberId: Uuid,
  programId: Uuid,
  /** For a purchase or a sign-up that enrolled the member. */
  memberEnrolled: Type.Boolean(),
  pointsEarned: Type.Integer({ description: 'Points credited by this event (accrual and bonus)', examples: [25] }),
  pointsReversed: Type.Integer({ description: 'For a refund: points taken back', examples: [0] }),
  shortfallPoints: Type.Integer({ description: 'For a refund: points that could not be taken back (spent)' }),
  rules: Type.Array(RuleLine),
  bonuses: Type.Array(BonusLine),
  balance: Type.Object({
    available: Type.Integer({ examples: [125] }),
    pending: Type.Integer(),
    lifetimeEarned: Type.Integer(),
  }),
  expiresAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], {
    description: 'When the points earned by this event expire',
  }),
});
export type EventResult = Static<typeof EventResult>;

export const BatchBody = Type.Object(
  { events: Type.Array(RecordEvent, { minItems: 1, maxItems: MAX_BATCH }) },
  { additionalProperties: false },
);
export type BatchBody = Static<typeof BatchBody>;

export const BatchItemResult = Type.Object({
  index: Type.Integer(),
  status: Type.Integer({
    description:
      'The status this event would have had on its own: 201 with `result`, or an error status with `problem` ' +
      '(500 for an unexpected error); an event that failed wrote nothing',
    examples: [201],
  }),
  result: Type.Optional(EventResult),
  problem: Type.Optional(
    Type.Object({ type: Type.String(), title: Type.String(), detail: Type.String() }, { additionalProperties: true }),
  ),
});

export const BatchResult = Type.Object({
  succeeded: Type.Integer(),
  failed: Type.Integer(),
  items: Type.Array(BatchItemResult),
});
export type BatchResult = Static<typeof BatchResult>;

/** Every POST that moves points carries one; a retry with the same key and body replays the first answer. */
export const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.String({ minLength: 1, maxLength: 255, examples: ['7b1e0c5a-order-10293'] }),
});
