import { type Static, type TSchema, Type } from 'typebox';
import { StringMap } from '../../infra/string-map.ts';
import { NullableMemberScores } from '../models/models.schemas.ts';

/** `type: [T, "null"]` rather than anyOf: one error per bad field. */
const Nullable = <T extends TSchema & { type: string }>(t: T) =>
  Type.Unsafe<Static<T> | null>({ ...t, type: [t.type, 'null'] });

/** Limits on a member's attributes: flat scalars the rules engine and the list filter compare. */
export const ATTRIBUTE_LIMITS = { keys: 50, keyLength: 64, stringLength: 500, bytes: 8_192 } as const;
export const TAG_LIMITS = { count: 50, length: 64 } as const;

const Uuid = Type.String({ format: 'uuid' });
const ATTRIBUTE_KEY = `[A-Za-z_][A-Za-z0-9_.-]{0,${ATTRIBUTE_LIMITS.keyLength - 1}}`;
const AttributeKey = Type.String({
  pattern: `^${ATTRIBUTE_KEY}$`,
  description: `A letter or _, then letters, digits, _, . or -; at most ${ATTRIBUTE_LIMITS.keyLength} characters`,
});

// One multi-type schema, not a union: one error per bad value.
export const AttributeValue = Type.Unsafe<string | number | boolean>({
  type: ['string', 'number', 'boolean'],
  maxLength: ATTRIBUTE_LIMITS.stringLength,
});

export const Attributes = StringMap(AttributeKey, AttributeValue, {
  maxProperties: ATTRIBUTE_LIMITS.keys,
  description: `Flat string, number or boolean values; at most ${ATTRIBUTE_LIMITS.keys} keys and ${ATTRIBUTE_LIMITS.bytes} bytes of JSON`,
  examples: [{ favouriteDrink: 'flat white', newsletter: true }],
});
export type Attributes = Static<typeof Attributes>;

export const Tag = Type.String({
  minLength: 1,
  maxLength: TAG_LIMITS.length,
  pattern: '^[^\\s,]+$',
  examples: ['vip'],
});
const Tags = Type.Array(Tag, { maxItems: TAG_LIMITS.count, uniqueItems: true, examples: [['vip', 'student']] });

export const Consents = Type.Object(
  { email: Type.Boolean(), sms: Type.Boolean(), push: Type.Boolean() },
  { additionalProperties: false, examples: [{ email: true, sms: false, push: false }] },
);
export type Consents = Static<typeof Consents>;

const profileFields = {
  email: Nullable(Type.String({ format: 'email', maxLength: 254, examples: ['ada@example.com'] })),
  firstName: Nullable(Type.String({ minLength: 1, maxLength: 100, examples: ['Ada'] })),
  lastName: Nullable(Type.String({ minLength: 1, maxLength: 100, examples: ['Lovelace'] })),
  phone: Nullable(Type.String({ pattern: '^\\+[1-9][0-9]{6,14}$', description: 'E.164', examples: ['+442071234567'] })),
  birthDate: Nullable(Type.String({ format: 'date', examples: ['1815-12-10'] })),
  consents: Type.Partial(Consents, { additionalProperties: false }),
};

export const ExternalId = Type.String({
  minLength: 1,
  maxLength: 200,
  // `erased:` names erased members' pseudonyms.
  pattern: '^(?!erased:)\\S+$',
  description: "The merchant's own id for the customer; unique per tenant",
  examples: ['cust-1042'],
});

const optionalProfile = {
  email: Type.Optional(profileFields.email),
  firstName: Type.Optional(profileFields.firstName),
  lastName: Type.Optional(profileFields.lastName),
  phone: Type.Optional(profileFields.phone),
  birthDate: Type.Optional(profileFields.birthDate),
  consents: Type.Optional(profileFields.consents),
};

export const CreateMember = Type.Object(
  {
    externalId: ExternalId,
    ...optionalProfile,
    attributes: Type.Optional(Attributes),
    tags: Type.Optional(Tags),
    enrolledAt: Type.Optional(
      Type.String({
        format: 'date-time',
        description:
          'When the customer joined, for members brought over from another platform: not in the future (a minute of clock skew is taken as now), not before 1900. Default: now',
        examples: ['2023-05-14T10:00:00Z'],
      }),
    ),
  },
  { additionalProperties: false },
);
export type CreateMember = Static<typeof CreateMember>;

/** A change to attributes: each key present is set, or removed when null. */
const AttributesPatch = StringMap(
  AttributeKey,
  Type.Unsafe<string | number | boolean | null>({ ...AttributeValue, type: ['string', 'number', 'boolean', 'null'] }),
  {
    maxProperties: ATTRIBUTE_LIMITS.keys,
    examples: [{ favouriteDrink: 'espresso', newsletter: null }],
  },
);

const TagChanges = Type.Object(
  { add: Type.Optional(Tags), remove: Type.Optional(Tags) },
  { additionalProperties: false, minProperties: 1, examples: [{ add: ['vip'], remove: ['trial'] }] },
);

export const UpdateMember = Type.Object(
  {
    ...optionalProfile,
    attributes: Type.Optional(AttributesPatch),
    tags: Type.Optional(Type.Union([Tags, TagChanges])),
  },
  {
    additionalProperties: false,
    minProperties: 1,
    description:
      'Only the fields present change; null clears a profile field. `attributes` and `consents` merge key by key (an attribute set to null is removed). `tags` is either the full new list or `{add, remove}`.',
  },
);
export type UpdateMember = Static<typeof UpdateMember>;

const Status = Type.Enum(['active', 'erased']);

export const Member = Type.Object({
  id: Uuid,
  externalId: Type.String({ examples: ['cust-1042'] }),
  email: profileFields.email,
  firstName: profileFields.firstName,
  lastName: profileFields.lastName,
  phone: profileFields.phone,
  birthDate: profileFields.birthDate,
  attributes: Attributes,
  tags: Type.Array(Type.String()),
  consents: Consents,
  status: Status,
  enrolledAt: Type.String({ format: 'date-time' }),
  erasedAt: Nullable(Type.String({ format: 'date-time' })),
  erasure: Nullable(
    Type.Object(
      {
        requestedAt: Type.String({ format: 'date-time', description: 'When the member was erased in Postgres' }),
        warehouseErasedAt: Nullable(
          Type.String({
            format: 'date-time',
            description:
              'When the erasure reached the warehouse: earlier versions of the member’s rows deleted from ClickHouse, marts and export files cleaned; null while it is on its way',
          }),
        ),
      },
      { description: 'Where the erasure stands; null for an active member' },
    ),
  ),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});
export type Member = Static<typeof Member>;

/** A member with their current churn risk and predicted lifetime value (GET /v1/members/{id}). */
export const MemberWithScores = Type.Object({ ...Member.properties, scores: NullableMemberScores });
export type MemberWithScores = Static<typeof MemberWithScores>;

export const MemberParams = Type.Object({ memberId: Uuid }, { additionalProperties: false });

export const MemberListQuery = {
  tag: Type.Optional(
    Type.Array(Tag, { maxItems: 10, description: 'Members with every one of these tags (repeatable)' }),
  ),
  status: Type.Optional(Status),
  enrolledAfter: Type.Optional(Type.String({ format: 'date-time', description: 'Enrolled at or after' })),
  enrolledBefore: Type.Optional(Type.String({ format: 'date-time', description: 'Enrolled strictly before' })),
  attribute: Type.Optional(
    Type.Array(Type.String({ pattern: `^${ATTRIBUTE_KEY}:.*$`, maxLength: 600 }), {
      maxItems: 10,
      description:
        'Attribute equality as `key:value`, repeatable (all must hold); `true`, `false` and numbers also match those JSON values',
      examples: [['favouriteDrink:flat white']],
    }),
  ),
  q: Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 254,
      description: 'An email prefix (case-insensitive) or an exact external id',
      examples: ['ada@'],
    }),
  ),
};

export const MemberList = Type.Object({
  items: Type.Array(Member),
  nextCursor: Nullable(Type.String()),
});

const Row = Type.Record(Type.String(), Type.Unknown());

export const MemberExport = Type.Object(
  {
    exportedAt: Type.String({ format: 'date-time' }),
    profile: Member,
    balances: Type.Array(Row),
    ledger: Type.Array(Row),
    pointLots: Type.Array(Row),
    events: Type.Array(Row),
    redemptions: Type.Array(Row),
    tierChanges: Type.Array(Row),
  },
  { description: 'Every piece of data Monet holds on the member (privacy export)' },
);
export type MemberExport = Static<typeof MemberExport>;
