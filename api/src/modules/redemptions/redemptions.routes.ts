import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { authOf } from '../../plugins/authenticate.ts';
import { Problem, problemResponses } from '../../plugins/problem-details.ts';
import {
  CreateRedemption,
  MemberParams,
  MemberRedemptionsQuery,
  Redemption,
  RedemptionList,
  RedemptionParams,
} from './redemptions.schemas.ts';
import type { RedemptionsService } from './redemptions.service.ts';

/** A reservation moves points, so a retry must not reserve twice. */
const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.String({ minLength: 1, maxLength: 255, examples: ['redeem-7f3k-2026-01-05'] }),
});

export const redemptionRoutes: FastifyPluginAsyncTypebox<{ redemptions: RedemptionsService }> = async (
  app,
  { redemptions },
) => {
  app.post(
    '/v1/redemptions',
    {
      config: { permission: 'redemptions:write' },
      schema: {
        tags: ['redemptions'],
        summary: 'Reserve a reward: hold its points until fulfilled, cancelled or expired',
        description:
          'Requires an Idempotency-Key: the same key and body replay the first answer (Idempotent-Replayed: true); ' +
          'the same key with another body is refused with 422.',
        headers: IdempotencyHeaders,
        body: CreateRedemption,
        response: { 201: Redemption, 422: Problem, ...problemResponses },
      },
    },
    async (request, reply) => {
      const result = await redemptions.create(authOf(request), request.headers['idempotency-key'], request.body);
      if (result.replayed) reply.header('idempotent-replayed', 'true');
      return reply.status(result.status as 201).send(result.body);
    },
  );

  app.post(
    '/v1/redemptions/:redemptionId/fulfil',
    {
      config: { permission: 'redemptions:write' },
      schema: {
        tags: ['redemptions'],
        summary: 'Fulfil a reserved redemption: issue its code and spend the held points',
        description: 'Idempotent: fulfilling a fulfilled redemption answers the same. 409 once cancelled or expired.',
        params: RedemptionParams,
        response: { 200: Redemption, 409: Problem, ...problemResponses },
      },
    },
    async (request) => redemptions.fulfil(authOf(request), request.params.redemptionId),
  );

  app.post(
    '/v1/redemptions/:redemptionId/cancel',
    {
      config: { permission: 'redemptions:write' },
      schema: {
        tags: ['redemptions'],
        summary: 'Cancel a reserved redemption: give its points back to the same lots',
        description: 'Idempotent: cancelling a cancelled or expired redemption answers the same. 409 once fulfilled.',
        params: RedemptionParams,
        response: { 200: Redemption, 409: Problem, ...problemResponses },
      },
    },
    async (request) => redemptions.cancel(authOf(request), request.params.redemptionId),
  );

  app.get(
    '/v1/redemptions/:redemptionId',
    {
      config: { permission: 'rewards:read' },
      schema: {
        tags: ['redemptions'],
        summary: 'Get a redemption',
        params: RedemptionParams,
        response: { 200: Redemption, ...problemResponses },
      },
    },
    async (request) => redemptions.get(authOf(request), request.params.redemptionId),
  );

  app.get(
    '/v1/members/:memberId/redemptions',
    {
      config: { permission: 'rewards:read' },
      schema: {
        tags: ['redemptions'],
        summary: "A member's redemptions, newest first",
        params: MemberParams,
        querystring: MemberRedemptionsQuery,
        response: { 200: RedemptionList, ...problemResponses },
      },
    },
    async (request) => redemptions.listForMember(authOf(request), request.params.memberId, request.query),
  );
};
