import { type Static, Type } from 'typebox';
import { API_KEY_SCOPES } from '../../auth/permissions.ts';

export const Scope = Type.Union(
  API_KEY_SCOPES.map((s) => Type.Literal(s)),
  { description: 'A permission the key holds; see docs/access.md', examples: ['events:write'] },
);

export const CreateApiKey = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200, examples: ['Shop checkout'] }),
    scopes: Type.Array(Scope, { minItems: 1, uniqueItems: true, examples: [['events:write', 'members:read']] }),
    expiresAt: Type.Optional(
      Type.String({ format: 'date-time', description: 'When the key stops working; never when absent' }),
    ),
    rateLimitPerMinute: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 1_000_000,
        default: 600,
        description: 'Requests per minute, per api instance',
      }),
    ),
  },
  { additionalProperties: false },
);
export type CreateApiKey = Static<typeof CreateApiKey>;

export const ApiKey = Type.Object({
  id: Type.String({ format: 'uuid' }),
  name: Type.String(),
  prefix: Type.String({ description: 'The public start of the key, to recognise it', examples: ['mk_3f9a1c2b4d5e'] }),
  scopes: Type.Array(Type.String()),
  rateLimitPerMinute: Type.Integer(),
  status: Type.Union([Type.Literal('active'), Type.Literal('revoked'), Type.Literal('expired')]),
  expiresAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  revokedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  lastUsedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  usageCount: Type.Integer({ description: 'Authenticated requests made with the key' }),
  createdByUserId: Type.Union([Type.String({ format: 'uuid' }), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
});
export type ApiKey = Static<typeof ApiKey>;

export const CreatedApiKey = Type.Intersect([
  ApiKey,
  Type.Object({
    key: Type.String({
      description: 'The key itself: shown in this response only, never again',
      examples: ['mk_3f9a1c2b4d5e_8Zq0v…'],
    }),
  }),
]);

export const ApiKeyList = Type.Object({
  items: Type.Array(ApiKey),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});

export const ApiKeyParams = Type.Object({ apiKeyId: Type.String({ format: 'uuid' }) }, { additionalProperties: false });
