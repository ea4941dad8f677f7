import { type Static, Type } from 'typebox';
import { Email, Password } from '../auth/auth.schemas.ts';

export const RoleName = Type.Union(
  [
    Type.Literal('owner'),
    Type.Literal('admin'),
    Type.Literal('marketer'),
    Type.Literal('analyst'),
    Type.Literal('viewer'),
  ],
  { description: 'See docs/access.md for what each role may do', examples: ['marketer'] },
);

const UserName = Type.String({ minLength: 1, maxLength: 200, examples: ['Grace Hopper'] });

export const CreateUser = Type.Object(
  { email: Email, name: UserName, role: RoleName, password: Password },
  { additionalProperties: false },
);
export type CreateUser = Static<typeof CreateUser>;

export const UpdateUser = Type.Object(
  {
    name: Type.Optional(UserName),
    role: Type.Optional(RoleName),
    disabled: Type.Optional(
      Type.Boolean({ description: 'true disables the user and ends their sessions; false enables them again' }),
    ),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateUser = Static<typeof UpdateUser>;

export const ChangePassword = Type.Object(
  { currentPassword: Type.String({ maxLength: 256 }), newPassword: Password },
  { additionalProperties: false },
);
export type ChangePassword = Static<typeof ChangePassword>;

export const User = Type.Object({
  id: Type.String({ format: 'uuid' }),
  email: Type.String({ examples: ['grace@example.com'] }),
  name: Type.String(),
  role: RoleName,
  disabled: Type.Boolean(),
  lastSignInAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});
export type User = Static<typeof User>;

export const Me = Type.Object({
  ...User.properties,
  permissions: Type.Array(Type.String({ examples: ['analytics:read'] }), {
    description:
      "What the user's role may do (the role table of docs/access.md); the dashboard's navigation follows it",
  }),
});

export const UserList = Type.Object({
  items: Type.Array(User),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});

export const UserParams = Type.Object({ userId: Type.String({ format: 'uuid' }) }, { additionalProperties: false });
