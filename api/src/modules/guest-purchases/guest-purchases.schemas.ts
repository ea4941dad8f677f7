import { type Static, Type } from 'typebox';
import { PageQuery } from '../../infra/pagination.ts';
import { Currency } from '../programs/programs.schemas.ts';

const Uuid = Type.String({ format: 'uuid' });
const Timestamp = Type.String({ format: 'date-time' });
const Key = Type.String({ minLength: 1, maxLength: 200, pattern: '^\\S(.*\\S)?$' });

export const MAX_BATCH = 1_000;

export const RecordGuestPurchase = Type.Object(
  {
    externalId: Type.Intersect([Key], {
      description: "The merchant's order id, unique per tenant: sending it again returns the stored purchase",
      examples: ['order-20931'],
    }),
    programId: Type.Optional(
      Type.Intersect([Uuid], { description: 'Optional when the tenant has exactly one active program' }),
    ),
    customerRef: Type.Optional(
      Type.Union([Key, Type.Null()], {
        description:
          "The merchant's customer id, when known. When that customer enrols later with it as their external id, " +
          'these orders become their pre-enrolment baseline in the ROI mart.',
        examples: ['cust-8812'],
      }),
    ),
    occurredAt: Type.String({ format: 'date-time', examples: ['2026-03-14T09:30:00Z'] }),
    amountMinor: Type.Integer({
      minimum: 0,
      maximum: 2_147_483_647,
      description: 'Order total in minor units',
      examples: [1250],
    }),
    currency: Currency,
    channel: Type.Optional(Type.String({ minLength: 1, maxLength: 50, examples: ['store'] })),
  },
  {
    additionalProperties: false,
    examples: [
      {
        externalId: 'order-20931',
        customerRef: 'cust-8812',
        occurredAt: '2026-03-14T09:30:00Z',
        amountMinor: 1250,
        currency: 'EUR',
        channel: 'store',
      },
    ],
  },
);
export type RecordGuestPurchase = Static<typeof RecordGuestPurchase>;

export const GuestPurchase = Type.Object({
  id: Uuid,
  programId: Uuid,
  externalId: Type.String({ examples: ['order-20931'] }),
  customerRef: Type.Union([Type.String(), Type.Null()], { examples: ['cust-8812'] }),
  occurredAt: Timestamp,
  amountMinor: Type.Integer({ examples: [1250] }),
  currency: Type.String({ examples: ['EUR'] }),
  channel: Type.Union([Type.String(), Type.Null()], { examples: ['store'] }),
  createdAt: Timestamp,
});
export type GuestPurchase = Static<typeof GuestPurchase>;

export const BatchBody = Type.Object(
  {
    purchases: Type.Array(
      Type.Object({}, { additionalProperties: true, description: 'A purchase as POST /v1/guest-purchases takes it' }),
      { minItems: 1, maxItems: MAX_BATCH },
    ),
  },
  { additionalProperties: false },
);

export const BatchItemResult = Type.Object({
  index: Type.Integer(),
  status: Type.Integer({
    description:
      '201 recorded, 200 already recorded under its external id (both with `result`), or the error status this ' +
      'purchase would have had on its own, with `problem` (500 for an unexpected error); a purchase that failed ' +
      'wrote nothing',
    examples: [201],
  }),
  result: Type.Optional(GuestPurchase),
  problem: Type.Optional(
    Type.Object({ type: Type.String(), title: Type.String(), detail: Type.String() }, { additionalProperties: true }),
  ),
});

export const BatchResult = Type.Object({
  succeeded: Type.Integer({ description: 'Items recorded now or found already recorded' }),
  failed: Type.Integer(),
  items: Type.Array(BatchItemResult),
});
export type BatchResult = Static<typeof BatchResult>;

export const GuestPurchaseQuery = Type.Object(
  {
    ...PageQuery,
    from: Type.Optional(Type.String({ format: 'date-time', description: 'Purchases that occurred at or after this' })),
    to: Type.Optional(Type.String({ format: 'date-time', description: 'Purchases that occurred before this' })),
    programId: Type.Optional(Uuid),
    customerRef: Type.Optional(Key),
  },
  { additionalProperties: false },
);
export type GuestPurchaseQuery = Static<typeof GuestPurchaseQuery>;

export const GuestPurchasePage = Type.Object({
  items: Type.Array(GuestPurchase),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});
