import { FUNNEL_KINDS, MEMBER_SORTS, OVERVIEW_METRICS, RFM_SEGMENTS } from '@loyaltystudio/warehouse';
import { type Static, type TSchema, Type } from 'typebox';
import { PageQuery } from '../../infra/pagination.ts';
import { Tag } from '../members/members.schemas.ts';
import { NullableMemberScores } from '../models/models.schemas.ts';

const Uuid = Type.String({ format: 'uuid' });
const IsoDate = Type.String({ format: 'date', examples: ['2026-03-01'] });
const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const range = {
  from: Type.String({ format: 'date', description: 'First day (UTC), included', examples: ['2026-01-01'] }),
  to: Type.String({ format: 'date', description: 'Last day (UTC), included', examples: ['2026-03-31'] }),
};
const programId = Type.String({ format: 'uuid', description: 'A program of the tenant' });

export const OverviewQuery = Type.Object(
  { ...range, programId: Type.Optional({ ...programId, description: 'One program; every program when left out' }) },
  { additionalProperties: false },
);
export type OverviewQuery = Static<typeof OverviewQuery>;

const Period = Type.Object({ from: IsoDate, to: IsoDate });
const Compared = Type.Object({
  current: Nullable(Type.Number()),
  previous: Nullable(Type.Number()),
  change: Nullable(Type.Number({ description: 'current − previous' })),
  relativeChange: Nullable(Type.Number({ description: 'change ÷ |previous|; null when previous is 0 or null' })),
});

export const Overview = Type.Object({
  programId: Nullable(Uuid),
  currency: Nullable(Type.String({ description: 'ISO 4217 currency of the money figures', examples: ['EUR'] })),
  current: Period,
  previous: Type.Object(Period.properties, { description: 'The same number of days, just before' }),
  months: Type.Object(Period.properties, {
    description: 'First days of the months `current` touches: revenue, revenue share, cost and ROI cover them',
  }),
  previousMonths: Period,
  metrics: Type.Object(
    Object.fromEntries(OVERVIEW_METRICS.map((m) => [m, Compared])) as Record<
      (typeof OVERVIEW_METRICS)[number],
      typeof Compared
    >,
  ),
  monthly: Type.Array(
    Type.Object({
      month: IsoDate,
      memberRevenueMinor: Type.Integer(),
      guestRevenueMinor: Type.Integer(),
      incrementalRevenueMinor: Type.Integer(),
      totalCostMinor: Type.Integer(),
      roi: Nullable(Type.Number({ description: '(incremental − cost) ÷ cost; null without cost' })),
    }),
    {
      description:
        "Every month of `months`, oldest first: each month's figures as the overview of that month alone gives " +
        'them (the trends)',
    },
  ),
});

export const CohortsQuery = Type.Object(
  { grain: Type.Enum(['month', 'week'], { description: 'Enrolment cohorts by month or by week' }), ...range },
  { additionalProperties: false },
);
export type CohortsQuery = Static<typeof CohortsQuery>;

export const Cohorts = Type.Object({
  grain: Type.String(),
  cohorts: Type.Array(
    Type.Object({
      cohortStart: IsoDate,
      cohortSize: Type.Integer(),
      periods: Type.Array(
        Type.Object({
          periodIndex: Type.Integer(),
          periodStart: IsoDate,
          activeMembers: Type.Integer(),
          retentionRate: Nullable(Type.Number()),
          revenueMinor: Type.Integer(),
        }),
      ),
    }),
  ),
});

export const RfmQuery = Type.Object({}, { additionalProperties: false });

export const Rfm = Type.Object({
  asOfDate: Nullable(IsoDate),
  members: Type.Integer(),
  segments: Type.Array(
    Type.Object({
      segment: Type.Enum(RFM_SEGMENTS),
      members: Type.Integer(),
      share: Nullable(Type.Number()),
      avgMonetaryMinor: Nullable(Type.Integer()),
    }),
  ),
  grid: Type.Array(
    Type.Object({
      rScore: Type.Integer({ minimum: 1, maximum: 5 }),
      fScore: Type.Integer({ minimum: 1, maximum: 5 }),
      members: Type.Integer(),
      avgMonetaryMinor: Nullable(Type.Integer()),
    }),
  ),
});

export const FunnelParams = Type.Object({ kind: Type.Enum(FUNNEL_KINDS) });

export const FunnelsQuery = Type.Object(
  {
    cohort: Type.Optional(
      Type.String({
        maxLength: 64,
        description: 'One cohort: an enrolment month (`2026-03-01`) or a campaign id',
      }),
    ),
    from: Type.Optional(range.from),
    to: Type.Optional(range.to),
  },
  { additionalProperties: false },
);
export type FunnelsQuery = Static<typeof FunnelsQuery>;

export const Funnels = Type.Object({
  kind: Type.Enum(FUNNEL_KINDS),
  cohorts: Type.Array(
    Type.Object({
      cohortKey: Type.String(),
      cohortStart: IsoDate,
      steps: Type.Array(
        Type.Object({
          stepIndex: Type.Integer(),
          step: Type.String({ examples: ['first_purchase'] }),
          members: Type.Integer(),
          conversionFromPrevious: Nullable(Type.Number()),
          conversionFromStart: Nullable(Type.Number()),
          medianSecondsFromPrevious: Nullable(Type.Number()),
        }),
      ),
    }),
  ),
});

export const ProgramRangeQuery = Type.Object({ programId, ...range }, { additionalProperties: false });
export type ProgramRangeQuery = Static<typeof ProgramRangeQuery>;

const pointsFields = {
  issuedPoints: Type.Integer(),
  redeemedPoints: Type.Integer(),
  expiredPoints: Type.Integer(),
  reversedPoints: Type.Integer(),
  adjustedPoints: Type.Integer(),
  netChangePoints: Type.Integer(),
  outstandingPoints: Type.Integer(),
  outstandingLiabilityMinor: Type.Integer(),
  breakageRate: Nullable(Type.Number()),
};

export const PointsEconomy = Type.Object({
  programId: Uuid,
  currency: Type.String({ examples: ['EUR'] }),
  days: Type.Array(Type.Object({ day: IsoDate, ...pointsFields })),
  totals: Nullable(
    Type.Object(pointsFields, {
      description: 'Flows summed over the days; outstanding points, liability and breakage as of the last day',
    }),
  ),
});

const TierRef = {
  tierId: Nullable(Uuid),
  tierName: Type.String({ examples: ['Gold'] }),
  tierRank: Type.Integer({ description: '0 for no tier' }),
};

export const Tiers = Type.Object({
  programId: Uuid,
  distribution: Type.Array(
    Type.Object({
      month: IsoDate,
      tiers: Type.Array(Type.Object({ ...TierRef, members: Type.Integer(), share: Nullable(Type.Number()) })),
    }),
  ),
  movements: Type.Array(
    Type.Object({
      month: IsoDate,
      from: Type.Object(TierRef),
      to: Type.Object(TierRef),
      direction: Type.Enum(['upgrade', 'downgrade']),
      changes: Type.Integer(),
    }),
  ),
});

const MemberSort = Type.Enum(Object.keys(MEMBER_SORTS) as (keyof typeof MEMBER_SORTS)[], {
  default: 'revenueMinor',
  description: 'The column to sort by; the member id breaks ties',
});

export const MembersQuery = Type.Object(
  {
    ...PageQuery,
    sort: Type.Optional(MemberSort),
    order: Type.Optional(Type.Enum(['asc', 'desc'], { default: 'desc' })),
    segment: Type.Optional(
      Type.Array(Type.Enum(RFM_SEGMENTS), {
        maxItems: RFM_SEGMENTS.length,
        description: 'RFM segments (repeat the parameter for several)',
      }),
    ),
    tierId: Type.Optional(Uuid),
    tag: Type.Optional(Tag),
    minRevenueMinor: Type.Optional(Type.Integer({ description: 'Net revenue, all time, at least' })),
    maxRevenueMinor: Type.Optional(Type.Integer({ description: 'Net revenue, all time, at most' })),
    minRecencyDays: Type.Optional(Type.Integer({ minimum: 0, description: 'Days since the last purchase, at least' })),
    maxRecencyDays: Type.Optional(Type.Integer({ minimum: 0, description: 'Days since the last purchase, at most' })),
    rScore: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 5, description: 'Recency score (a row of the RFM grid)' }),
    ),
    fScore: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 5, description: 'Frequency score (a column of the RFM grid)' }),
    ),
    externalIdPrefix: Type.Optional(
      Type.String({ minLength: 1, maxLength: 200, description: 'Members whose external id starts with this' }),
    ),
  },
  { additionalProperties: false },
);
export type MembersQuery = Static<typeof MembersQuery>;

const Timestamp = Type.String({ format: 'date-time' });

export const Member360 = Type.Object({
  memberId: Uuid,
  externalId: Type.String(),
  status: Type.String(),
  enrolledAt: Timestamp,
  cohortMonth: IsoDate,
  tags: Type.Array(Type.String()),
  pointsAvailable: Type.Integer(),
  pointsPending: Type.Integer(),
  lifetimeEarnedPoints: Type.Integer(),
  redeemedPoints: Type.Integer(),
  expiredPoints: Type.Integer(),
  tierId: Nullable(Uuid),
  tierName: Nullable(Type.String()),
  tierRank: Nullable(Type.Integer()),
  purchases: Type.Integer(),
  revenueMinor: Type.Integer(),
  firstPurchaseAt: Nullable(Timestamp),
  lastPurchaseAt: Nullable(Timestamp),
  redemptions: Type.Integer(),
  lastRedemptionAt: Nullable(Timestamp),
  recencyDays: Nullable(Type.Integer()),
  frequency: Type.Integer(),
  monetaryMinor: Type.Integer(),
  rScore: Type.Integer(),
  fScore: Type.Integer(),
  mScore: Type.Integer(),
  rfmSegment: Type.String(),
  scores: NullableMemberScores,
});

export const MemberPage = Type.Object({
  items: Type.Array(Member360),
  nextCursor: Nullable(Type.String()),
});
