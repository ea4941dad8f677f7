import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { PageQuery } from '../../infra/pagination.ts';
import { authOf } from '../../plugins/authenticate.ts';
import { problemResponses } from '../../plugins/problem-details.ts';
import {
  CreateEndpoint,
  DeliveryDetail,
  DeliveryList,
  DeliveryParams,
  DeliveryQuery,
  Endpoint,
  EndpointList,
  EndpointParams,
  EndpointWithSecret,
  UpdateEndpoint,
} from './webhooks.schemas.ts';
import type { WebhooksService } from './webhooks.service.ts';

const config = { permission: 'webhooks:manage' } as const;
const tags = ['webhooks'];

export const webhookRoutes: FastifyPluginAsyncTypebox<{ webhooks: WebhooksService }> = async (app, { webhooks }) => {
  app.post(
    '/v1/webhook-endpoints',
    {
      config,
      schema: {
        tags,
        summary: 'Register a webhook endpoint',
        description: 'Answers the signing secret, once. Deliveries start with the next event of a subscribed type.',
        body: CreateEndpoint,
        response: { 201: EndpointWithSecret, ...problemResponses },
      },
    },
    async (request, reply) => reply.status(201).send(await webhooks.createEndpoint(authOf(request), request.body)),
  );

  app.get(
    '/v1/webhook-endpoints',
    {
      config,
      schema: {
        tags,
        summary: 'List webhook endpoints',
        querystring: Type.Object(PageQuery, { additionalProperties: false }),
        response: { 200: EndpointList, ...problemResponses },
      },
    },
    async (request) => webhooks.listEndpoints(authOf(request), request.query),
  );

  app.get(
    '/v1/webhook-endpoints/:endpointId',
    {
      config,
      schema: {
        tags,
        summary: 'Get a webhook endpoint',
        params: EndpointParams,
        response: { 200: Endpoint, ...problemResponses },
      },
    },
    async (request) => webhooks.getEndpoint(authOf(request), request.params.endpointId),
  );

  app.patch(
    '/v1/webhook-endpoints/:endpointId',
    {
      config,
      schema: {
        tags,
        summary: 'Change a webhook endpoint',
        description: 'Disabling pauses its deliveries; enabling again resumes them.',
        params: EndpointParams,
        body: UpdateEndpoint,
        response: { 200: Endpoint, ...problemResponses },
      },
    },
    async (request) => webhooks.updateEndpoint(authOf(request), request.params.endpointId, request.body),
  );

  app.delete(
    '/v1/webhook-endpoints/:endpointId',
    {
      config,
      schema: {
        tags,
        summary: 'Delete a webhook endpoint and its delivery log',
        params: EndpointParams,
        response: { 204: Type.Null({ description: 'Deleted' }), ...problemResponses },
      },
    },
    async (request, reply) => {
      await webhooks.deleteEndpoint(authOf(request), request.params.endpointId);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/v1/webhook-endpoints/:endpointId/rotate-secret',
    {
      config,
      schema: {
        tags,
        summary: "Replace an endpoint's signing secret",
        description: 'Answers the new secret, once; the old one stops signing at once.',
        params: EndpointParams,
        response: { 200: EndpointWithSecret, ...problemResponses },
      },
    },
    async (request) => webhooks.rotateSecret(authOf(request), request.params.endpointId),
  );

  app.get(
    '/v1/webhook-deliveries',
    {
      config,
      schema: {
        tags,
        summary: 'List webhook deliveries',
        querystring: DeliveryQuery,
        response: { 200: DeliveryList, ...problemResponses },
      },
    },
    async (request) => webhooks.listDeliveries(authOf(request), request.query),
  );

  app.get(
    '/v1/webhook-deliveries/:deliveryId',
    {
      config,
      schema: {
        tags,
        summary: 'Get a webhook delivery with every attempt',
        params: DeliveryParams,
        response: { 200: DeliveryDetail, ...problemResponses },
      },
    },
    async (request) => webhooks.getDelivery(authOf(request), request.params.deliveryId),
  );

  app.post(
    '/v1/webhook-deliveries/:deliveryId/replay',
    {
      config,
      schema: {
        tags,
        summary: 'Send a delivery again now',
        description:
          'One attempt now, whatever the status, logged like the others. Success marks the delivery succeeded; a ' +
          'failure leaves its status and schedule unchanged.',
        params: DeliveryParams,
        response: { 200: DeliveryDetail, ...problemResponses },
      },
    },
    async (request) => webhooks.replay(authOf(request), request.params.deliveryId),
  );
};
