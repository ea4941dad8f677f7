import { type Static, Type } from 'typebox';
import { PageQuery } from '../../infra/pagination.ts';

const Uuid = Type.String({ format: 'uuid' });

export const MemberParams = Type.Object({ memberId: Uuid }, { additionalProperties: false });

export const LedgerQuery = Type.Object(
  { programId: Type.Optional(Type.Intersect([Uuid], { description: 'Only this program' })), ...PageQuery },
  { additionalProperties: false },
);
export type LedgerQuery = Static<typeof LedgerQuery>;

export const LedgerKind = Type.Union([
  Type.Literal('accrual'),
  Type.Literal('bonus'),
  Type.Literal('redemption'),
  Type.Literal('reversal'),
  Type.Literal('expiry'),
  Type.Literal('adjustment'),
]);

export const LedgerEntry = Type.Object({
  id: Uuid,
  programId: Uuid,
  seq: Type.Integer({ description: 'Position in the member’s ledger for the program', examples: [12] }),
  kind: LedgerKind,
  points: Type.Integer({ description: 'Signed: credits positive, debits negative', examples: [25] }),
  eventId: Type.Union([Uuid, Type.Null()]),
  redemptionId: Type.Union([Uuid, Type.Null()]),
  ruleVersionIds: Type.Array(Uuid),
  campaignId: Type.Union([Uuid, Type.Null()]),
  reason: Type.Union([Type.String(), Type.Null()]),
  actorId: Type.Union([Type.String(), Type.Null()]),
  shortfallPoints: Type.Integer({ description: 'Points a refund could not take back because they were spent' }),
  effectiveAt: Type.String({
    format: 'date-time',
    description: 'When the entry took effect (the purchase’s time for an accrual, the lot’s expiry for an expiry)',
  }),
  createdAt: Type.String({ format: 'date-time', description: 'When the entry was recorded' }),
});
export type LedgerEntry = Static<typeof LedgerEntry>;

export const LedgerPage = Type.Object({
  items: Type.Array(LedgerEntry, { description: 'Newest first' }),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});

export const Balance = Type.Object({
  programId: Uuid,
  available: Type.Integer({ examples: [1250] }),
  pending: Type.Integer({ description: 'Held by reserved redemptions (already out of available)', examples: [0] }),
  lifetimeEarned: Type.Integer({ examples: [3400] }),
  redeemed: Type.Integer({ examples: [2000] }),
  expired: Type.Integer({ examples: [150] }),
  tierId: Type.Union([Uuid, Type.Null()]),
  tierSince: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  updatedAt: Type.String({ format: 'date-time' }),
});
export type Balance = Static<typeof Balance>;

export const BalanceList = Type.Object({ items: Type.Array(Balance) });

export const Adjustment = Type.Object(
  {
    programId: Type.Optional(
      Type.Intersect([Uuid], { description: 'Optional when the tenant has exactly one active program' }),
    ),
    points: Type.Integer({
      minimum: -1_000_000_000,
      maximum: 1_000_000_000,
      not: { const: 0 },
      description: 'Signed: positive credits, negative debits (never beyond the available balance)',
      examples: [500],
    }),
    reason: Type.String({ minLength: 3, maxLength: 500, examples: ['Goodwill: delayed delivery'] }),
  },
  { additionalProperties: false },
);
export type Adjustment = Static<typeof Adjustment>;

export const AdjustmentResult = Type.Object({ entry: LedgerEntry, balance: Balance });
export type AdjustmentResult = Static<typeof AdjustmentResult>;
