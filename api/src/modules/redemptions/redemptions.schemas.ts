import { type Static, Type } from 'typebox';
import { PageQuery } from '../../infra/pagination.ts';

const Uuid = Type.String({ format: 'uuid' });
const Timestamp = Type.String({ format: 'date-time' });

/** How long points are held for an unfulfilled redemption, in minutes. */
export const HOLD_MINUTES = { default: 15, min: 1, max: 1440 } as const;

export const CreateRedemption = Type.Object(
  {
    memberId: Uuid,
    rewardId: Uuid,
    holdMinutes: Type.Optional(
      Type.Integer({
        minimum: HOLD_MINUTES.min,
        maximum: HOLD_MINUTES.max,
        default: HOLD_MINUTES.default,
        description: 'How long the points stay held before an unfulfilled redemption expires',
        examples: [15],
      }),
    ),
  },
  {
    additionalProperties: false,
    examples: [{ memberId: '0b8f9a64-5d0e-4c1f-9a53-2f0a1c6e7d11', rewardId: '5c2d0e8b-1f3a-4b7c-8e9d-0a1b2c3d4e5f' }],
  },
);
export type CreateRedemption = Static<typeof CreateRedemption>;

export const RedemptionStatus = Type.Union([
  Type.Literal('reserved'),
  Type.Literal('fulfilled'),
  Type.Literal('cancelled'),
  Type.Literal('expired'),
]);

export const Redemption = Type.Object({
  id: Uuid,
  memberId: Uuid,
  programId: Uuid,
  rewardId: Uuid,
  points: Type.Integer({ description: 'Points held, then spent (fulfilled) or given back (cancelled, expired)' }),
  status: RedemptionStatus,
  holdExpiresAt: Timestamp,
  code: Type.Union([Type.String(), Type.Null()], {
    description: 'The voucher or generated code, once fulfilled',
    examples: ['RDM-7K2M9QX4TB3A'],
  }),
  createdAt: Timestamp,
  fulfilledAt: Type.Union([Timestamp, Type.Null()]),
  cancelledAt: Type.Union([Timestamp, Type.Null()], { description: 'When it was cancelled or expired' }),
});
export type Redemption = Static<typeof Redemption>;

export const RedemptionParams = Type.Object({ redemptionId: Uuid }, { additionalProperties: false });
export const MemberParams = Type.Object({ memberId: Uuid }, { additionalProperties: false });

export const MemberRedemptionsQuery = Type.Object(
  { ...PageQuery, status: Type.Optional(RedemptionStatus) },
  { additionalProperties: false },
);

export const RedemptionList = Type.Object({
  items: Type.Array(Redemption),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});
