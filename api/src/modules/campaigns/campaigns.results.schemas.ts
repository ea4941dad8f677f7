import { type Static, type TSchema, Type } from 'typebox';

// The answer of GET /v1/campaigns/{campaignId}/results: each arm against the holdout, per member (see README.md and
// docs/experiments.md). Money in minor units of the program's earning currency, points cost in points.

const Timestamp = Type.String({ format: 'date-time', examples: ['2026-06-01T00:00:00Z'] });
const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const Figure = Nullable(Type.Number());

const intervalFields = {
  estimate: Type.Number({ description: 'Arm minus holdout, per member' }),
  standardError: Type.Number(),
  lower: Type.Number(),
  upper: Type.Number(),
  excludesZero: Type.Boolean({ description: 'The interval lies wholly above or wholly below zero' }),
};

const WelchInterval = Type.Object({ ...intervalFields, degreesOfFreedom: Type.Number() });
const CupedInterval = Type.Object({
  ...intervalFields,
  degreesOfFreedom: Type.Number(),
  theta: Type.Number({ description: 'The pooled within-arm slope on pre-period revenue' }),
  correlation: Type.Number(),
  varianceReduction: Type.Number({ description: '1 − (CUPED standard error ÷ Welch standard error)²' }),
});
const SequentialInterval = Type.Object({
  ...intervalFields,
  mixingVariance: Type.Number({ description: 'τ², tuned to the planned audience' }),
});

const Effect = Type.Object(
  {
    estimate: Figure,
    welch: Nullable(WelchInterval),
    cuped: Nullable(CupedInterval),
    sequential: Nullable(SequentialInterval),
  },
  { description: 'A difference per member with its 95% intervals; null with fewer than two members in an arm' },
);

const armFields = {
  arm: Type.String({ description: 'A variant key, or holdout', examples: ['treatment'] }),
  weight: Type.Number({ description: 'The arm’s configured share: percent × (100 − holdoutPercent), holdout 100 × h' }),
  members: Type.Integer({ description: 'Members seated in the arm at the start' }),
  participants: Type.Integer({ description: 'Members with a purchase in the window' }),
  participation: Figure,
  revenuePerMember: Figure,
  preRevenuePerMember: Figure,
  pointsCostPerMember: Figure,
  redemptions: Type.Integer({ description: 'Members’ own fulfilled redemptions in the window' }),
  redeemers: Type.Integer(),
  redemptionRate: Nullable(Type.Number({ description: 'Share of members who redeemed in the window' })),
  bonusPoints: Type.Integer({ description: 'Bonus points the campaign gave the arm' }),
  rewardPoints: Type.Integer({ description: 'Rewards it granted the arm, at their cost in points' }),
};

const ArmFigures = Type.Object(armFields);

const Comparison = Type.Object({
  ...armFields,
  incrementalRevenue: Effect,
  incrementalPointsCost: Effect,
  revenuePerPoint: Nullable(Type.Number({ description: 'Incremental revenue (minor units) per incremental point' })),
  returnOnPointsSpent: Nullable(
    Type.Number({ description: 'Incremental revenue per unit of money given as points; null without a point value' }),
  ),
  established: Type.Boolean({
    description: 'The always-valid interval of incremental revenue excludes zero: safe to act on at any look',
  }),
  summary: Type.String({ description: 'The finding in words' }),
});

const SampleRatio = Type.Object({
  chiSquared: Type.Number(),
  degreesOfFreedom: Type.Integer(),
  pValue: Type.Number(),
  threshold: Type.Number(),
  mismatch: Type.Boolean({ description: 'The arms did not receive their configured shares (p < threshold)' }),
  arms: Type.Array(Type.Object({ arm: Type.String(), members: Type.Integer(), expected: Type.Number() })),
  summary: Type.String(),
});

export const CampaignResults = Type.Object({
  campaignId: Type.String({ format: 'uuid' }),
  status: Type.String({ description: 'The campaign’s status now' }),
  currency: Type.String({ description: 'The program’s earning currency (ISO 4217)', examples: ['EUR'] }),
  asOf: Timestamp,
  asOfDate: Type.String({ format: 'date', description: 'The day the marts describe' }),
  window: Type.Object({
    startsAt: Timestamp,
    endsAt: Timestamp,
    measuredUntil: Type.String({ format: 'date-time', description: 'The end of the window measured so far' }),
    preStartsAt: Type.String({
      format: 'date-time',
      description: 'Start of the pre-period (as long as the planned window, just before it) used by CUPED',
    }),
  }),
  plannedMembers: Type.Integer({ description: 'The audience seated at the start, all arms' }),
  confidence: Type.Number({ examples: [0.95] }),
  pointValueMinor: Nullable(Type.Number({ description: 'Money value of one point, in minor units' })),
  holdout: ArmFigures,
  comparisons: Type.Array(Comparison),
  outsideAudience: Type.Object(
    {
      members: Type.Integer({ description: 'Members outside the audience who received a bonus or reward naming it' }),
      bonusPoints: Type.Integer({ description: 'Bonus points the campaign gave them' }),
      rewardPoints: Type.Integer({ description: 'Rewards it granted them, at their cost in points' }),
    },
    {
      description:
        'What the campaign gave members outside its audience (seated after the start, corrections, imports): in no ' +
        'arm and in no comparison; with the arms it adds up to every bonus entry naming the campaign',
    },
  ),
  sampleRatio: SampleRatio,
});
export type CampaignResults = Static<typeof CampaignResults>;
