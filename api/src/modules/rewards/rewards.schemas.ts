import { type Static, type TSchema, Type } from 'typebox';
import { PageQuery } from '../../infra/pagination.ts';
import { Currency } from '../programs/programs.schemas.ts';

const Uuid = Type.String({ format: 'uuid' });
const Timestamp = Type.String({ format: 'date-time', examples: ['2026-01-01T00:00:00Z'] });
const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const RewardKind = Type.Union(
  [
    Type.Literal('discount_amount'),
    Type.Literal('discount_percent'),
    Type.Literal('free_item'),
    Type.Literal('voucher'),
    Type.Literal('custom'),
  ],
  { description: 'What the member gets', examples: ['discount_amount'] },
);

const RewardStatus = Type.Union([Type.Literal('active'), Type.Literal('archived')]);

/** Fields a reward may change after creation (its kind is fixed). */
const changeable = {
  name: Type.String({ minLength: 1, maxLength: 200, examples: ['€5 off'] }),
  description: Nullable(Type.String({ maxLength: 2000, examples: ['€5 off your next order'] })),
  costPoints: Type.Integer({ minimum: 1, maximum: 1_000_000_000, examples: [500] }),
  discountAmountMinor: Nullable(
    Type.Integer({
      minimum: 1,
      maximum: 1_000_000_000,
      description: 'discount_amount: the discount in minor units of `currency`',
      examples: [500],
    }),
  ),
  currency: Type.Optional(
    Type.Union([Currency, Type.Null()], {
      description: "ISO 4217; must be the program's earning currency (required for discount_amount)",
    }),
  ),
  discountPercent: Nullable(
    Type.Integer({ minimum: 1, maximum: 100, description: 'discount_percent: 1 to 100', examples: [10] }),
  ),
  sku: Nullable(
    Type.String({ minLength: 1, maxLength: 100, description: 'free_item: the SKU given', examples: ['LATTE'] }),
  ),
  inventory: Nullable(
    Type.Integer({ minimum: 0, maximum: 1_000_000_000, description: 'Units left; null is unlimited', examples: [100] }),
  ),
  perMemberLimit: Nullable(
    Type.Integer({
      minimum: 1,
      maximum: 1_000_000,
      description: 'Most redemptions (reserved or fulfilled) one member may hold; null is unlimited',
      examples: [1],
    }),
  ),
  tierIds: Type.Array(Uuid, {
    uniqueItems: true,
    maxItems: 100,
    description: 'Only members in these tiers of the program may redeem; empty is everyone',
  }),
  availableFrom: Nullable(Timestamp),
  availableTo: Nullable(Timestamp),
  costMinor: Type.Integer({
    minimum: 0,
    maximum: 1_000_000_000,
    description: "What one unit costs the merchant, in minor units of the program's earning currency (for ROI)",
    examples: [250],
  }),
  status: RewardStatus,
};

export const CreateReward = Type.Object(
  {
    name: changeable.name,
    kind: RewardKind,
    costPoints: changeable.costPoints,
    description: Type.Optional(changeable.description),
    discountAmountMinor: Type.Optional(changeable.discountAmountMinor),
    currency: changeable.currency,
    discountPercent: Type.Optional(changeable.discountPercent),
    sku: Type.Optional(changeable.sku),
    inventory: Type.Optional(changeable.inventory),
    perMemberLimit: Type.Optional(changeable.perMemberLimit),
    tierIds: Type.Optional(changeable.tierIds),
    availableFrom: Type.Optional(changeable.availableFrom),
    availableTo: Type.Optional(changeable.availableTo),
    costMinor: Type.Optional(changeable.costMinor),
  },
  {
    additionalProperties: false,
    examples: [{ name: '€5 off', kind: 'discount_amount', costPoints: 500, discountAmountMinor: 500, currency: 'EUR' }],
  },
);
export type CreateReward = Static<typeof CreateReward>;

export const UpdateReward = Type.Partial(Type.Object(changeable), { additionalProperties: false, minProperties: 1 });
export type UpdateReward = Static<typeof UpdateReward>;

export const Reward = Type.Object({
  id: Uuid,
  programId: Uuid,
  name: Type.String(),
  description: Type.Union([Type.String(), Type.Null()]),
  kind: RewardKind,
  costPoints: Type.Integer(),
  discountAmountMinor: Type.Union([Type.Integer(), Type.Null()]),
  discountPercent: Type.Union([Type.Integer(), Type.Null()]),
  sku: Type.Union([Type.String(), Type.Null()]),
  /** The program's earning currency: the unit of discountAmountMinor and costMinor. */
  currency: Currency,
  inventory: Type.Union([Type.Integer(), Type.Null()]),
  perMemberLimit: Type.Union([Type.Integer(), Type.Null()]),
  tierIds: Type.Array(Uuid),
  availableFrom: Type.Union([Timestamp, Type.Null()]),
  availableTo: Type.Union([Timestamp, Type.Null()]),
  costMinor: Type.Integer(),
  status: RewardStatus,
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Reward = Static<typeof Reward>;

export const RewardList = Type.Object({
  items: Type.Array(Reward),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});

export const RewardListQuery = Type.Object(
  { ...PageQuery, status: Type.Optional(RewardStatus) },
  { additionalProperties: false },
);

export const ProgramRewardParams = Type.Object({ programId: Uuid }, { additionalProperties: false });
export const RewardParams = Type.Object({ programId: Uuid, rewardId: Uuid }, { additionalProperties: false });
export const RewardCodesParams = Type.Object({ rewardId: Uuid }, { additionalProperties: false });

/** Most codes one upload may carry. */
export const MAX_CODES_PER_UPLOAD = 10_000;

export const VoucherCodes = Type.Array(Type.String({ minLength: 1, maxLength: 128, pattern: '^[\\x21-\\x7E]+$' }), {
  minItems: 1,
  maxItems: MAX_CODES_PER_UPLOAD,
  description:
    'Voucher codes (printable ASCII, no spaces): a JSON array, or text/csv with one code per line (the first ' +
    'column; a header line `code` is skipped)',
  examples: [['WELCOME-7F3K', 'WELCOME-9Q2M']],
});

export const CodeUploadResult = Type.Object({
  received: Type.Integer({ description: 'Codes in the upload' }),
  accepted: Type.Integer({ description: 'Codes added to the pool' }),
  duplicates: Type.Integer({ description: 'Codes ignored: repeated in the upload or already in the pool' }),
});

export const CodeCounts = Type.Object({
  available: Type.Integer(),
  reserved: Type.Integer(),
  issued: Type.Integer(),
  total: Type.Integer(),
});
