import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { authOf } from '../../plugins/authenticate.ts';
import { Problem, problemResponses } from '../../plugins/problem-details.ts';
import { CreateTenant, SignUpResult, Tenant, UpdateTenant } from './tenants.schemas.ts';
import type { TenantsService } from './tenants.service.ts';

export const tenantRoutes: FastifyPluginAsyncTypebox<{ tenants: TenantsService }> = async (app, { tenants }) => {
  app.post(
    '/v1/tenants',
    {
      config: { public: true },
      onRequest: app.attemptLimits.signUpPerAddress,
      schema: {
        tags: ['tenants'],
        summary: 'Sign up a merchant',
        description:
          'Creates the tenant and its first owner, and signs the owner in. Sign-ups are limited per client address: ' +
          'beyond that the answer is 429 with Retry-After.',
        body: CreateTenant,
        response: { 201: SignUpResult, 409: Problem, ...problemResponses, 429: Problem },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await tenants.create(request.body, { userAgent: request.headers['user-agent'], ip: request.ip })),
  );

  app.get(
    '/v1/tenant',
    {
      config: { permission: 'programs:read' },
      schema: {
        tags: ['tenants'],
        summary: "The caller's tenant",
        description: 'Readable by every role and by API keys with `programs:read` (time zone and currency).',
        response: { 200: Tenant, ...problemResponses },
      },
    },
    async (request) => tenants.get(authOf(request)),
  );

  app.patch(
    '/v1/tenant',
    {
      config: { permission: 'tenant:manage' },
      schema: {
        tags: ['tenants'],
        summary: "Change the caller's tenant",
        description: 'Name, slug and time zone. The currency is fixed at sign-up.',
        body: UpdateTenant,
        response: { 200: Tenant, 409: Problem, ...problemResponses },
      },
    },
    async (request) => tenants.update(authOf(request), request.body),
  );
};
