import { type Static, Type } from 'typebox';

export const Currency = Type.String({ pattern: '^[A-Z]{3}$', description: 'ISO 4217 code', examples: ['EUR'] });

const programFields = {
  name: Type.String({ minLength: 1, maxLength: 200, examples: ['Café Rewards'] }),
  pointsName: Type.String({ minLength: 1, maxLength: 50, examples: ['Beans'] }),
  earningCurrency: Currency,
  rounding: Type.Union([Type.Literal('floor'), Type.Literal('round'), Type.Literal('ceil')], { default: 'floor' }),
  expiryPolicy: Type.Union(
    [
      Type.Literal('never'),
      Type.Literal('days_after_earning'),
      Type.Literal('end_of_month_after_months'),
      Type.Literal('end_of_year_after_months'),
    ],
    { default: 'never' },
  ),
  expiryValue: Type.Union([Type.Integer({ minimum: 1, maximum: 3650 }), Type.Null()], {
    description: 'Days or months for the expiry policy; null for never',
  }),
  minRedemption: Type.Integer({ minimum: 0, maximum: 1_000_000_000, default: 0 }),
  maxPointsPerEvent: Type.Union([Type.Integer({ minimum: 1, maximum: 1_000_000_000 }), Type.Null()]),
  moneyValuePer1000Points: Type.Integer({
    minimum: 0,
    maximum: 1_000_000_000,
    description: 'What 1,000 points are worth, in minor units of the earning currency',
  }),
};

export const CreateProgram = Type.Object(
  {
    ...programFields,
    rounding: Type.Optional(programFields.rounding),
    expiryPolicy: Type.Optional(programFields.expiryPolicy),
    expiryValue: Type.Optional(programFields.expiryValue),
    minRedemption: Type.Optional(programFields.minRedemption),
    maxPointsPerEvent: Type.Optional(programFields.maxPointsPerEvent),
    moneyValuePer1000Points: Type.Optional(programFields.moneyValuePer1000Points),
  },
  { additionalProperties: false },
);
export type CreateProgram = Static<typeof CreateProgram>;

export const UpdateProgram = Type.Partial(
  Type.Object({ ...programFields, status: Type.Union([Type.Literal('active'), Type.Literal('archived')]) }),
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateProgram = Static<typeof UpdateProgram>;

export const Program = Type.Object({
  id: Type.String({ format: 'uuid' }),
  ...programFields,
  status: Type.Union([Type.Literal('active'), Type.Literal('archived')]),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});
export type Program = Static<typeof Program>;

export const ProgramParams = Type.Object(
  { programId: Type.String({ format: 'uuid' }) },
  { additionalProperties: false },
);

export const ProgramList = Type.Object({
  items: Type.Array(Program),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});
