import { type Static, type TSchema, Type } from 'typebox';
import {
  CAMPAIGN_TYPES,
  MAX_HOLDOUT_PERCENT,
  MAX_VARIANTS,
  TimeWindow,
  Variant,
} from '../../domain/campaigns/index.ts';
import { LIMITS } from '../../domain/rules/index.ts';
import { PageQuery } from '../../infra/pagination.ts';

const Uuid = Type.String({ format: 'uuid' });
const Timestamp = Type.String({ format: 'date-time', examples: ['2026-06-01T00:00:00Z'] });
const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const CampaignType = Type.Enum([...CAMPAIGN_TYPES], {
  description:
    'multiplier: a share of the rule points; fixed_bonus: points on qualifying events; reward_grant: a reward once ' +
    'per member; spend_threshold: points when spend in the window reaches a threshold',
});

export const CAMPAIGN_STATUSES = ['draft', 'scheduled', 'running', 'paused', 'completed', 'cancelled'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];
export const CampaignStatus = Type.Enum([...CAMPAIGN_STATUSES]);

/** The config's shape depends on the type; the service checks it with a path for every bad field. */
const Config = Type.Record(Type.String(), Type.Unknown(), {
  description:
    'The type’s settings. multiplier: { percent, conditions? }; fixed_bonus: { points, conditions?, ' +
    'maxAwardsPerMember? }; reward_grant: { rewardId, conditions? }; spend_threshold: { spendMinor, points, ' +
    'repeat?, conditions? }. `conditions` are the rules engine’s (see the rules API).',
  examples: [{ percent: 200 }],
});

const Audience = Type.Object(
  { segmentVersionId: Type.String({ format: 'uuid', description: 'A version of one of the tenant’s segments' }) },
  { additionalProperties: false, description: 'Materialised into the campaign’s members when it starts' },
);

const Schedule = Type.Object(
  {
    startsAt: Timestamp,
    endsAt: Type.String({ format: 'date-time', description: 'Exclusive; later than startsAt' }),
    windows: Type.Optional(
      Type.Array(TimeWindow, {
        maxItems: 20,
        description: 'Local times of day (tenant’s time zone) when events qualify; absent or empty: all day',
      }),
    ),
  },
  { additionalProperties: false },
);

/** A whole number of points or null (one schema, so a bad value gets one error, not one per alternative). */
const Budget = Type.Unsafe<number | null>({
  type: ['integer', 'null'],
  minimum: 1,
  maximum: LIMITS.points,
  description:
    'Points the campaign may give in all (rewards count their cost in points); it stops when they are spent. ' +
    'null: no limit',
  examples: [100_000],
});

const Variants = Type.Array(Variant, {
  minItems: 1,
  maxItems: MAX_VARIANTS,
  description: 'Arms with split percentages adding up to 100; absent: one arm, `treatment`',
});

const Holdout = Type.Integer({
  minimum: 0,
  maximum: MAX_HOLDOUT_PERCENT,
  description: 'Share of the audience held out, in percent: assigned `holdout`, given nothing',
});

const Name = Type.String({ minLength: 1, maxLength: 200, examples: ['Double points weekend'] });
const Description = Nullable(Type.String({ maxLength: 2000 }));

export const CreateCampaign = Type.Object(
  {
    programId: Uuid,
    name: Name,
    description: Type.Optional(Description),
    type: CampaignType,
    config: Config,
    audience: Audience,
    schedule: Schedule,
    budgetPoints: Type.Optional(Budget),
    variants: Type.Optional(Variants),
    holdoutPercent: Type.Optional(Holdout),
  },
  {
    additionalProperties: false,
    examples: [
      {
        programId: '0b8f9a64-5d0e-4c1f-9a53-2f0a1c6e7d11',
        name: 'Double points weekend',
        type: 'multiplier',
        config: { percent: 200 },
        audience: { segmentVersionId: '5c2d0e8b-1f3a-4b7c-8e9d-0a1b2c3d4e5f' },
        schedule: {
          startsAt: '2026-06-06T00:00:00Z',
          endsAt: '2026-06-08T00:00:00Z',
          windows: [{ days: ['sat', 'sun'], from: '08:00', to: '20:00' }],
        },
        budgetPoints: 500_000,
        variants: [
          { key: 'double', percent: 50 },
          { key: 'triple', percent: 50, config: { percent: 300 } },
        ],
        holdoutPercent: 10,
      },
    ],
  },
);
export type CreateCampaign = Static<typeof CreateCampaign>;

export const UpdateCampaign = Type.Object(
  {
    name: Type.Optional(Name),
    description: Type.Optional(Description),
    type: Type.Optional(CampaignType),
    config: Type.Optional(Config),
    audience: Type.Optional(Audience),
    schedule: Type.Optional(Schedule),
    budgetPoints: Type.Optional(Budget),
    variants: Type.Optional(Variants),
    holdoutPercent: Type.Optional(Holdout),
  },
  {
    additionalProperties: false,
    minProperties: 1,
    description:
      'Draft and scheduled campaigns take any change. A running or paused campaign takes a new name, description or ' +
      'a larger budget only: its audience, arms, type, config and schedule are fixed once members are assigned.',
  },
);
export type UpdateCampaign = Static<typeof UpdateCampaign>;

export const Campaign = Type.Object({
  id: Uuid,
  programId: Uuid,
  name: Type.String(),
  description: Nullable(Type.String()),
  type: CampaignType,
  config: Type.Record(Type.String(), Type.Unknown()),
  audience: Type.Object({ segmentVersionId: Nullable(Uuid) }),
  schedule: Type.Object({ startsAt: Timestamp, endsAt: Timestamp, windows: Type.Array(TimeWindow) }),
  budget: Type.Object({
    points: Nullable(Type.Integer({ description: 'null: no limit' })),
    spentPoints: Type.Integer({ description: 'Points given so far (rewards at their cost in points)' }),
    remainingPoints: Nullable(Type.Integer()),
  }),
  variants: Type.Array(Variant),
  holdoutPercent: Type.Integer(),
  status: CampaignStatus,
  stopReason: Nullable(Type.Enum(['ended', 'budget_exhausted', 'cancelled'])),
  workflowId: Type.String({ description: 'The Temporal workflow that runs the campaign: campaign:<tenant>:<id>' }),
  startedAt: Nullable(Timestamp),
  completedAt: Nullable(Timestamp),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Campaign = Static<typeof Campaign>;

export const CampaignList = Type.Object({
  items: Type.Array(Campaign),
  nextCursor: Nullable(Type.String()),
});

export const CampaignListQuery = Type.Object(
  { ...PageQuery, status: Type.Optional(CampaignStatus) },
  { additionalProperties: false },
);

export const CampaignParams = Type.Object({ campaignId: Uuid }, { additionalProperties: false });
