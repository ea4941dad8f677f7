import { type Static, Type } from 'typebox';

export const Email = Type.String({
  format: 'email',
  minLength: 3,
  maxLength: 254,
  examples: ['ada@example.com'],
  description: 'Compared case-insensitively; stored in lower case',
});

export const Password = Type.String({
  minLength: 12,
  maxLength: 256,
  description: '12 to 256 characters',
  examples: ['correct horse battery staple'],
});

export const Slug = Type.String({
  pattern: '^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$',
  description: 'Lower-case letters, digits and inner hyphens, up to 63 characters',
  examples: ['cafe-lumiere'],
});

export const SignIn = Type.Object(
  {
    tenant: Type.String({ maxLength: 63, description: "The merchant's slug", examples: ['cafe-lumiere'] }),
    email: Type.String({ maxLength: 254, examples: ['ada@example.com'] }),
    password: Type.String({ maxLength: 256, examples: ['correct horse battery staple'] }),
  },
  { additionalProperties: false },
);
export type SignIn = Static<typeof SignIn>;

export const Refresh = Type.Object(
  { refreshToken: Type.String({ minLength: 1, maxLength: 128, examples: ['q3o0H2Vt…'] }) },
  { additionalProperties: false },
);

export const Tokens = Type.Object({
  tokenType: Type.Literal('Bearer'),
  accessToken: Type.String({ description: 'Send as `Authorization: Bearer <accessToken>`' }),
  accessTokenExpiresAt: Type.String({ format: 'date-time' }),
  refreshToken: Type.String({ description: 'Single use: exchange it at POST /v1/auth/refresh for the next pair' }),
  refreshTokenExpiresAt: Type.String({ format: 'date-time' }),
  sessionId: Type.String({ format: 'uuid' }),
});
export type Tokens = Static<typeof Tokens>;

export const SignedInUser = Type.Object({
  id: Type.String({ format: 'uuid' }),
  tenantId: Type.String({ format: 'uuid' }),
  email: Type.String(),
  name: Type.String(),
  role: Type.Union([
    Type.Literal('owner'),
    Type.Literal('admin'),
    Type.Literal('marketer'),
    Type.Literal('analyst'),
    Type.Literal('viewer'),
  ]),
});

export const SignInResult = Type.Object({ user: SignedInUser, tokens: Tokens });

export const Session = Type.Object({
  id: Type.String({ format: 'uuid' }),
  userId: Type.String({ format: 'uuid' }),
  userAgent: Type.Union([Type.String(), Type.Null()]),
  ip: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
  lastUsedAt: Type.String({ format: 'date-time' }),
  expiresAt: Type.String({ format: 'date-time' }),
  current: Type.Boolean({ description: "True for the session of the caller's access token" }),
});
export type Session = Static<typeof Session>;

export const SessionList = Type.Object({
  items: Type.Array(Session),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});

export const SessionParams = Type.Object(
  { sessionId: Type.String({ format: 'uuid' }) },
  { additionalProperties: false },
);
