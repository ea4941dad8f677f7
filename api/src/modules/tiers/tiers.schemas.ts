import { type Static, Type } from 'typebox';
import { PageQuery } from '../../infra/pagination.ts';

const Qualification = Type.Union(
  [
    Type.Literal('lifetime_points'),
    Type.Literal('points_rolling_12_months'),
    Type.Literal('spend_rolling_12_months'),
    Type.Literal('orders_rolling_12_months'),
  ],
  { description: 'What the threshold counts', examples: ['points_rolling_12_months'] },
);

const tierFields = {
  name: Type.String({ minLength: 1, maxLength: 100, examples: ['Gold'] }),
  rank: Type.Integer({ minimum: 1, maximum: 100, description: 'Order of tiers, 1 the lowest; unique', examples: [2] }),
  qualification: Qualification,
  threshold: Type.Integer({
    minimum: 0,
    maximum: 1_000_000_000,
    description: 'Points, minor units of spend, or orders, per qualification',
    examples: [5000],
  }),
  earnMultiplierPct: Type.Integer({
    minimum: 100,
    maximum: 1000,
    description: 'Earning multiplier in percent: 150 earns 1.5× points',
    examples: [150],
  }),
  graceDays: Type.Integer({
    minimum: 0,
    maximum: 365,
    description: 'Days a member keeps the tier after a qualification period ends without requalifying',
    examples: [30],
  }),
  benefits: Type.Array(Type.String({ minLength: 1, maxLength: 200 }), {
    maxItems: 20,
    description: 'Benefits shown to members',
    examples: [['Free delivery', 'Birthday gift']],
  }),
};

export const CreateTier = Type.Object(
  {
    name: tierFields.name,
    rank: tierFields.rank,
    qualification: tierFields.qualification,
    threshold: tierFields.threshold,
    earnMultiplierPct: Type.Optional(tierFields.earnMultiplierPct),
    graceDays: Type.Optional(tierFields.graceDays),
    benefits: Type.Optional(tierFields.benefits),
  },
  { additionalProperties: false },
);
export type CreateTier = Static<typeof CreateTier>;

export const UpdateTier = Type.Partial(Type.Object(tierFields), { additionalProperties: false, minProperties: 1 });
export type UpdateTier = Static<typeof UpdateTier>;

export const Tier = Type.Object({
  id: Type.String({ format: 'uuid' }),
  programId: Type.String({ format: 'uuid' }),
  ...tierFields,
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});
export type Tier = Static<typeof Tier>;

export const TierList = Type.Object({ items: Type.Array(Tier) });

export const ProgramTierParams = Type.Object(
  { programId: Type.String({ format: 'uuid' }) },
  { additionalProperties: false },
);
export const TierParams = Type.Object(
  { programId: Type.String({ format: 'uuid' }), tierId: Type.String({ format: 'uuid' }) },
  { additionalProperties: false },
);
export const MemberParams = Type.Object({ memberId: Type.String({ format: 'uuid' }) }, { additionalProperties: false });

export const TierHistoryQuery = Type.Object(
  { ...PageQuery, programId: Type.Optional(Type.String({ format: 'uuid', description: 'Only this program' })) },
  { additionalProperties: false },
);

export const TierChange = Type.Object({
  id: Type.String({ format: 'uuid' }),
  programId: Type.String({ format: 'uuid' }),
  fromTierId: Type.Union([Type.String({ format: 'uuid' }), Type.Null()]),
  toTierId: Type.Union([Type.String({ format: 'uuid' }), Type.Null()]),
  reason: Type.String({ description: '`upgrade` or `downgrade`', examples: ['upgrade'] }),
  effectiveAt: Type.String({
    format: 'date-time',
    description: 'When the move took effect: the time of the ledger entry that caused it',
  }),
  createdAt: Type.String({ format: 'date-time', description: 'When the move was recorded' }),
});
export type TierChange = Static<typeof TierChange>;

export const TierHistory = Type.Object({
  items: Type.Array(TierChange),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});
