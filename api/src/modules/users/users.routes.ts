import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ROLE_PERMISSIONS } from '../../auth/permissions.ts';
import { PageQuery } from '../../infra/pagination.ts';
import { authOf, userOf } from '../../plugins/authenticate.ts';
import { Problem, problemResponses } from '../../plugins/problem-details.ts';
import { ChangePassword, CreateUser, Me, UpdateUser, User, UserList, UserParams } from './users.schemas.ts';
import type { UsersService } from './users.service.ts';

export const userRoutes: FastifyPluginAsyncTypebox<{ users: UsersService }> = async (app, { users }) => {
  app.get(
    '/v1/users',
    {
      config: { permission: 'users:manage' },
      schema: {
        tags: ['users'],
        summary: 'List users',
        querystring: Type.Object(PageQuery, { additionalProperties: false }),
        response: { 200: UserList, ...problemResponses },
      },
    },
    async (request) => users.list(authOf(request), request.query),
  );

  app.post(
    '/v1/users',
    {
      config: { permission: 'users:manage' },
      schema: {
        tags: ['users'],
        summary: 'Add a user',
        description: 'Only an owner may add an owner.',
        body: CreateUser,
        response: { 201: User, 409: Problem, ...problemResponses },
      },
    },
    async (request, reply) => reply.status(201).send(await users.create(authOf(request), request.body)),
  );

  app.get(
    '/v1/users/me',
    {
      config: { signedIn: true },
      schema: {
        tags: ['users'],
        summary: 'The signed-in user, with the permissions of their role',
        response: { 200: Me, ...problemResponses },
      },
    },
    async (request) => {
      const auth = userOf(request);
      const user = await users.get(auth, auth.actor.id);
      return { ...user, permissions: [...ROLE_PERMISSIONS[user.role]] };
    },
  );

  app.post(
    '/v1/users/me/password',
    {
      config: { signedIn: true },
      schema: {
        tags: ['users'],
        summary: 'Change your password',
        description: "Needs the current password; ends the user's other sessions.",
        body: ChangePassword,
        response: { 204: Type.Null(), 422: Problem, ...problemResponses },
      },
    },
    async (request, reply) => {
      await users.changeOwnPassword(userOf(request), request.body);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/v1/users/:userId',
    {
      config: { permission: 'users:manage' },
      schema: {
        tags: ['users'],
        summary: 'Get a user',
        params: UserParams,
        response: { 200: User, ...problemResponses },
      },
    },
    async (request) => users.get(authOf(request), request.params.userId),
  );

  app.patch(
    '/v1/users/:userId',
    {
      config: { permission: 'users:manage' },
      schema: {
        tags: ['users'],
        summary: 'Change a user',
        description:
          'Name, role, or enabled state. Only an owner may change an owner or make one; the last owner can be neither demoted nor disabled.',
        params: UserParams,
        body: UpdateUser,
        response: { 200: User, 422: Problem, ...problemResponses },
      },
    },
    async (request) => users.update(authOf(request), request.params.userId, request.body),
  );

  app.delete(
    '/v1/users/:userId',
    {
      config: { permission: 'users:manage' },
      schema: {
        tags: ['users'],
        summary: 'Disable a user',
        description: 'Users are disabled, never deleted, so the audit log keeps naming them. Ends their sessions.',
        params: UserParams,
        response: { 200: User, 422: Problem, ...problemResponses },
      },
    },
    async (request) => users.update(authOf(request), request.params.userId, { disabled: true }),
  );
};
