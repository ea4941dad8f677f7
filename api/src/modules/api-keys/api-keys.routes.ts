import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { PageQuery } from '../../infra/pagination.ts';
import { authOf } from '../../plugins/authenticate.ts';
import { problemResponses } from '../../plugins/problem-details.ts';
import { ApiKey, ApiKeyList, ApiKeyParams, CreateApiKey, CreatedApiKey } from './api-keys.schemas.ts';
import type { ApiKeysService } from './api-keys.service.ts';

export const apiKeyRoutes: FastifyPluginAsyncTypebox<{ apiKeys: ApiKeysService }> = async (app, { apiKeys }) => {
  app.post(
    '/v1/api-keys',
    {
      config: { permission: 'api_keys:manage' },
      schema: {
        tags: ['api-keys'],
        summary: 'Issue an API key',
        description: 'The response holds the key itself; it is stored hashed and never shown again.',
        body: CreateApiKey,
        response: { 201: CreatedApiKey, ...problemResponses },
      },
    },
    async (request, reply) => reply.status(201).send(await apiKeys.create(authOf(request), request.body)),
  );

  app.get(
    '/v1/api-keys',
    {
      config: { permission: 'api_keys:manage' },
      schema: {
        tags: ['api-keys'],
        summary: 'List API keys',
        description: 'Without secrets; with last use and usage counts.',
        querystring: Type.Object(PageQuery, { additionalProperties: false }),
        response: { 200: ApiKeyList, ...problemResponses },
      },
    },
    async (request) => apiKeys.list(authOf(request), request.query),
  );

  app.get(
    '/v1/api-keys/:apiKeyId',
    {
      config: { permission: 'api_keys:manage' },
      schema: {
        tags: ['api-keys'],
        summary: 'Get an API key',
        params: ApiKeyParams,
        response: { 200: ApiKey, ...problemResponses },
      },
    },
    async (request) => apiKeys.get(authOf(request), request.params.apiKeyId),
  );

  app.delete(
    '/v1/api-keys/:apiKeyId',
    {
      config: { permission: 'api_keys:manage' },
      schema: {
        tags: ['api-keys'],
        summary: 'Revoke an API key',
        params: ApiKeyParams,
        response: { 200: ApiKey, ...problemResponses },
      },
    },
    async (request) => apiKeys.revoke(authOf(request), request.params.apiKeyId),
  );
};
