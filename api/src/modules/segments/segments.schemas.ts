import { RFM_SEGMENTS } from '@loyaltystudio/warehouse';
import { type Static, type TSchema, Type } from 'typebox';
import {
  AT_RISK_HIGH_SPENDERS,
  SegmentDefinitionSchema,
  type SegmentDefinition as SegmentDefinitionType,
} from '../../domain/segments/segment-definition.ts';
import { PageQuery } from '../../infra/pagination.ts';

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const Uuid = Type.String({ format: 'uuid' });
const Instant = Type.String({ format: 'date-time' });

export const SEGMENT_KINDS = ['dynamic', 'static'] as const;
export const MAX_NAME = 200;
export const MAX_DESCRIPTION = 2_000;

/** A definition as the route schema shows it; the segment validator checks it node by node before this runs. */
const Definition = { ...SegmentDefinitionSchema, examples: [AT_RISK_HIGH_SPENDERS] };

const name = Type.String({ minLength: 1, maxLength: MAX_NAME, examples: ['At-risk high spenders'] });
const description = Type.Optional(
  Nullable(Type.String({ maxLength: MAX_DESCRIPTION, examples: ['Spent 500 or more, no purchase for 60 days'] })),
);

export const CreateSegment = Type.Object(
  {
    name,
    description,
    kind: Type.Enum(SEGMENT_KINDS, {
      description: 'dynamic: evaluated on the marts when read; static: a snapshot of member ids taken on save',
    }),
    definition: Definition,
  },
  { additionalProperties: false },
);
export type CreateSegment = Static<typeof CreateSegment> & { definition: SegmentDefinitionType };

export const UpdateSegment = Type.Object(
  { name, description, definition: Definition },
  {
    additionalProperties: false,
    description: 'The whole segment as it should be: a new version; the kind is fixed at creation',
  },
);
export type UpdateSegment = Static<typeof UpdateSegment> & { definition: SegmentDefinitionType };

export const PreviewBody = Type.Object({ definition: Definition }, { additionalProperties: false });
export type PreviewBody = Static<typeof PreviewBody> & { definition: SegmentDefinitionType };

export const SegmentParams = Type.Object({ segmentId: Uuid });

export const SegmentQuery = Type.Object(
  { version: Type.Optional(Type.Integer({ minimum: 1, maximum: 2_147_483_647, description: 'A past version' })) },
  { additionalProperties: false },
);

export const SegmentListQuery = Type.Object(
  {
    ...PageQuery,
    includeDeleted: Type.Optional(Type.Boolean({ default: false, description: 'Also list deleted segments' })),
  },
  { additionalProperties: false },
);
export type SegmentListQuery = Static<typeof SegmentListQuery>;

export const MembersQuery = Type.Object(
  {
    ...PageQuery,
    version: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 2_147_483_647, description: 'A past version; the current one by default' }),
    ),
  },
  { additionalProperties: false },
);
export type MembersQuery = Static<typeof MembersQuery>;

const VersionFields = {
  id: Type.String({ format: 'uuid', description: 'The version id: a campaign names it as its audience' }),
  version: Type.Integer({ minimum: 1, examples: [3] }),
  createdBy: Type.String({ description: 'The user or API key that saved it' }),
  createdAt: Instant,
  memberCount: Nullable(Type.Integer({ minimum: 0, description: 'Static segments: members in the snapshot' })),
};

export const SegmentVersionSummary = Type.Object(VersionFields);
export const SegmentVersion = Type.Object({ ...VersionFields, definition: Definition });
export type SegmentVersion = Static<typeof SegmentVersion>;

const SegmentFields = {
  id: Uuid,
  name: Type.String(),
  description: Nullable(Type.String()),
  kind: Type.Enum(SEGMENT_KINDS),
  currentVersion: Type.Integer({ minimum: 1 }),
  createdBy: Type.String(),
  createdAt: Instant,
  updatedAt: Instant,
  deletedAt: Nullable(Instant),
  version: Type.Intersect([SegmentVersion], { description: 'The version asked for; the current one by default' }),
};

export const SegmentSummary = Type.Object(SegmentFields);
export type SegmentSummary = Static<typeof SegmentSummary>;

export const Segment = Type.Object({
  ...SegmentFields,
  versions: Type.Array(SegmentVersionSummary, { description: 'Every version, newest first' }),
});
export type Segment = Static<typeof Segment>;

export const SegmentList = Type.Object({ items: Type.Array(SegmentSummary), nextCursor: Nullable(Type.String()) });

export const SegmentMember = Type.Object({
  memberId: Uuid,
  externalId: Type.String(),
  enrolledAt: Instant,
  tags: Type.Array(Type.String()),
  rfmSegment: Type.String(),
  tierId: Nullable(Uuid),
  tierName: Nullable(Type.String()),
  pointsBalance: Type.Integer(),
  lifetimeRevenueMinor: Type.Integer(),
  purchases: Type.Integer(),
  lastPurchaseAt: Nullable(Instant),
  recencyDays: Nullable(Type.Integer()),
  frequency: Type.Integer(),
  monetaryMinor: Type.Integer(),
});

export const SegmentMemberPage = Type.Object({
  segmentId: Uuid,
  version: Type.Integer({ minimum: 1 }),
  kind: Type.Enum(SEGMENT_KINDS),
  items: Type.Array(SegmentMember),
  nextCursor: Nullable(Type.String()),
});
export type SegmentMemberPage = Static<typeof SegmentMemberPage>;

const share = Nullable(Type.Number({ description: 'members ÷ the segment’s size; null when it is empty' }));

export const SegmentPreview = Type.Object({
  size: Type.Integer({ minimum: 0, description: 'Members the definition selects now' }),
  activeMembers: Type.Integer({ minimum: 0, description: 'The tenant’s active members in the marts' }),
  share: Nullable(Type.Number({ description: 'size ÷ activeMembers; null when the tenant has none' })),
  sample: Type.Array(SegmentMember, {
    maxItems: 10,
    description: 'Up to ten members, the lowest ids (ids are random)',
  }),
  rfmSegments: Type.Array(
    Type.Object({ segment: Type.Enum(RFM_SEGMENTS), members: Type.Integer({ minimum: 0 }), share }),
    { description: 'Every RFM segment in rule order, with its members in the segment' },
  ),
  tiers: Type.Array(
    Type.Object({
      tierId: Nullable(Uuid),
      tierName: Type.String({ description: '“No tier” for members without one' }),
      members: Type.Integer({ minimum: 0 }),
      share,
    }),
    { description: 'The tiers the segment’s members hold, most members first' },
  ),
});
export type SegmentPreview = Static<typeof SegmentPreview>;
