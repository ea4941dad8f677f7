import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { PageQuery } from '../../infra/pagination.ts';
import { userOf } from '../../plugins/authenticate.ts';
import { Problem, problemResponses } from '../../plugins/problem-details.ts';
import { Refresh, SessionList, SessionParams, SignIn, SignInResult, Tokens } from './auth.schemas.ts';
import type { AuthService } from './auth.service.ts';

export const authRoutes: FastifyPluginAsyncTypebox<{ auth: AuthService }> = async (app, { auth }) => {
  app.post(
    '/v1/auth/sign-in',
    {
      config: { public: true },
      onRequest: app.attemptLimits.signInPerAddress,
      preHandler: app.attemptLimits.signInPerAccount,
      schema: {
        tags: ['auth'],
        summary: 'Sign in with email and password',
        description:
          'Returns a short-lived access token and a single-use refresh token. Every failure answers the same 401. ' +
          'Attempts are limited per client address and per account (tenant and email, known or not): beyond that ' +
          'the answer is 429 with Retry-After.',
        body: SignIn,
        response: { 200: SignInResult, ...problemResponses, 429: Problem },
      },
    },
    async (request) => auth.signIn(request.body, { userAgent: request.headers['user-agent'], ip: request.ip }),
  );

  app.post(
    '/v1/auth/refresh',
    {
      config: { public: true },
      onRequest: app.attemptLimits.refreshPerAddress,
      schema: {
        tags: ['auth'],
        summary: 'Exchange a refresh token for a new pair',
        description:
          'The refresh token is spent. Presenting a spent token again ends its whole session (reuse detection). ' +
          'Refreshes are limited per client address: beyond that the answer is 429 with Retry-After.',
        body: Refresh,
        response: { 200: Tokens, ...problemResponses, 429: Problem },
      },
    },
    async (request) => auth.refresh(request.body.refreshToken),
  );

  app.post(
    '/v1/auth/sign-out',
    {
      config: { signedIn: true },
      schema: {
        tags: ['auth'],
        summary: "End the caller's session",
        response: { 204: Type.Null(), ...problemResponses },
      },
    },
    async (request, reply) => {
      await auth.signOut(userOf(request));
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/v1/sessions',
    {
      config: { signedIn: true },
      schema: {
        tags: ['auth'],
        summary: 'List open sessions',
        description: "The caller's own sessions; with `users:manage`, another user's by `userId`.",
        querystring: Type.Object(
          { ...PageQuery, userId: Type.Optional(Type.String({ format: 'uuid' })) },
          { additionalProperties: false },
        ),
        response: { 200: SessionList, ...problemResponses },
      },
    },
    async (request) => auth.listSessions(userOf(request), request.query),
  );

  app.delete(
    '/v1/sessions/:sessionId',
    {
      config: { signedIn: true },
      schema: {
        tags: ['auth'],
        summary: 'End a session',
        description: "One's own session, or any session of the tenant with `users:manage`.",
        params: SessionParams,
        response: { 204: Type.Null(), ...problemResponses },
      },
    },
    async (request, reply) => {
      await auth.revokeSession(userOf(request), request.params.sessionId);
      return reply.status(204).send(null);
    },
  );
};
