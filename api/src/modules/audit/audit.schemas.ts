import { type Static, Type } from 'typebox';
import { PageQuery } from '../../infra/pagination.ts';

export const AuditQuery = Type.Object(
  {
    ...PageQuery,
    action: Type.Optional(Type.String({ maxLength: 100, examples: ['user.update'] })),
    entityType: Type.Optional(Type.String({ maxLength: 100, examples: ['user'] })),
    entityId: Type.Optional(Type.String({ maxLength: 100 })),
    actorType: Type.Optional(Type.Union([Type.Literal('user'), Type.Literal('api_key'), Type.Literal('system')])),
    actorId: Type.Optional(Type.String({ maxLength: 100, description: 'A user id or an API key id' })),
    from: Type.Optional(Type.String({ format: 'date-time', description: 'Entries at or after this time' })),
    to: Type.Optional(Type.String({ format: 'date-time', description: 'Entries before this time' })),
  },
  { additionalProperties: false },
);
export type AuditQuery = Static<typeof AuditQuery>;

export const AuditEntry = Type.Object({
  id: Type.String({ format: 'uuid' }),
  actorType: Type.String({ examples: ['user'] }),
  actorId: Type.Union([Type.String(), Type.Null()]),
  action: Type.String({ examples: ['program.update'] }),
  entityType: Type.String({ examples: ['program'] }),
  entityId: Type.Union([Type.String(), Type.Null()]),
  before: Type.Unknown({ description: 'The entity before the change; null for a creation' }),
  after: Type.Unknown({ description: 'The entity after the change' }),
  requestId: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
});
export type AuditEntry = Static<typeof AuditEntry>;

export const AuditPage = Type.Object({
  items: Type.Array(AuditEntry),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});
