// The JSON shape of a campaign's settings: its type's config, its arms and its local time-of-day windows. One
// TypeBox schema per part, so the api reuses them in route schemas and OpenAPI, and the validator checks each.
import { type Static, Type } from 'typebox';
import { Condition, LIMITS, TEXT_FORMATS, Weekday } from '../rules/rules.schemas.ts';

const closed = { additionalProperties: false } as const;
/** The rules engine's conditions (all/any/not over the event and the member); absent: every event. */
const conditions = Type.Optional(Condition);

export const CAMPAIGN_TYPES = ['multiplier', 'fixed_bonus', 'reward_grant', 'spend_threshold'] as const;
export type CampaignType = (typeof CAMPAIGN_TYPES)[number];

/** Each type's settings. An arm may override any of them (`variants[].config`). */
export const CONFIGS = {
  multiplier: Type.Object(
    {
      percent: Type.Integer({
        minimum: 101,
        maximum: LIMITS.multiplierPercent,
        description:
          'The rule points of a qualifying event, in percent: 200 doubles them (the bonus is the extra 100%)',
        examples: [200],
      }),
      conditions,
    },
    { ...closed, description: 'multiplier: a bonus of (percent − 100)% of the rule points of each qualifying event' },
  ),
  fixed_bonus: Type.Object(
    {
      points: Type.Integer({ minimum: 1, maximum: LIMITS.fixedPoints, examples: [50] }),
      conditions,
      maxAwardsPerMember: Type.Optional(
        Type.Integer({ minimum: 1, maximum: 1_000_000, description: 'Most bonuses one member gets; absent: no limit' }),
      ),
    },
    { ...closed, description: 'fixed_bonus: `points` on each qualifying event' },
  ),
  reward_grant: Type.Object(
    {
      rewardId: Type.String({ format: 'uuid', description: 'A reward of the campaign’s program' }),
      conditions,
    },
    { ...closed, description: 'reward_grant: the reward, once per member, on their first qualifying event' },
  ),
  spend_threshold: Type.Object(
    {
      spendMinor: Type.Integer({
        minimum: 1,
        maximum: LIMITS.points,
        description: 'X: qualifying spend in the window, in minor units of the program’s earning currency',
        examples: [5000],
      }),
      points: Type.Integer({ minimum: 1, maximum: LIMITS.fixedPoints, description: 'Y', examples: [250] }),
      repeat: Type.Optional(
        Type.Boolean({ description: 'Y again for every further X spent; absent or false: once per member' }),
      ),
      conditions,
    },
    {
      ...closed,
      description:
        'spend_threshold: Y points when a member’s qualifying purchases in the campaign window reach X (the purchase that crosses it earns them)',
    },
  ),
} as const;

export type MultiplierConfig = Static<(typeof CONFIGS)['multiplier']>;
export type FixedBonusConfig = Static<(typeof CONFIGS)['fixed_bonus']>;
export type RewardGrantConfig = Static<(typeof CONFIGS)['reward_grant']>;
export type SpendThresholdConfig = Static<(typeof CONFIGS)['spend_threshold']>;
export interface CampaignConfigs {
  multiplier: MultiplierConfig;
  fixed_bonus: FixedBonusConfig;
  reward_grant: RewardGrantConfig;
  spend_threshold: SpendThresholdConfig;
}

/** An arm's key: lower-case letters, digits, `-` and `_`; `holdout` names the held-out members. */
export const VARIANT_KEY = '^[a-z0-9][a-z0-9_-]{0,31}$';
export const HOLDOUT = 'holdout';
export const MAX_VARIANTS = 10;
export const MAX_HOLDOUT_PERCENT = 90;

export const Variant = Type.Object(
  {
    key: Type.String({ pattern: VARIANT_KEY, description: 'Stored in campaign_members.variant', examples: ['a'] }),
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    percent: Type.Integer({
      minimum: 1,
      maximum: 100,
      description: 'Share of the members not held out; the arms add up to 100',
      examples: [50],
    }),
    config: Type.Optional(
      Type.Record(Type.String(), Type.Unknown(), {
        description: 'Overrides of the campaign’s config for this arm, e.g. { "percent": 300 }',
      }),
    ),
  },
  closed,
);
export type Variant = Static<typeof Variant>;

export const TimeWindow = Type.Object(
  {
    days: Type.Optional(
      Type.Array(Weekday, { minItems: 1, uniqueItems: true, description: 'Local days; absent: every day' }),
    ),
    from: Type.String({ pattern: TEXT_FORMATS.time.pattern, description: 'Local start time, inclusive' }),
    to: Type.String({
      pattern: TEXT_FORMATS.endTime.pattern,
      description: 'Local end time, exclusive; earlier than `from` for a window across midnight',
    }),
  },
  { ...closed, description: 'A local time-of-day window in the tenant’s time zone, as the rules engine reads it' },
);
export type TimeWindow = Static<typeof TimeWindow>;

/** What the domain functions take: a campaign as stored, with its time bounds as ISO instants. */
export interface CampaignDefinition {
  id: string;
  type: CampaignType;
  config: Record<string, unknown>;
  startsAt: string;
  /** Exclusive. */
  endsAt: string;
  windows: TimeWindow[];
  variants: Variant[];
  holdoutPercent: number;
}
