import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { authOf } from '../../plugins/authenticate.ts';
import { Problem, problemResponses } from '../../plugins/problem-details.ts';
import {
  CreateTier,
  MemberParams,
  ProgramTierParams,
  Tier,
  TierHistory,
  TierHistoryQuery,
  TierList,
  TierParams,
  UpdateTier,
} from './tiers.schemas.ts';
import type { TiersService } from './tiers.service.ts';

export const tierRoutes: FastifyPluginAsyncTypebox<{ tiers: TiersService }> = async (app, { tiers }) => {
  app.get(
    '/v1/programs/:programId/tiers',
    {
      config: { permission: 'programs:read' },
      schema: {
        tags: ['tiers'],
        summary: "List a program's tiers, lowest rank first",
        params: ProgramTierParams,
        response: { 200: TierList, ...problemResponses },
      },
    },
    async (request) => tiers.list(authOf(request), request.params.programId),
  );

  app.post(
    '/v1/programs/:programId/tiers',
    {
      config: { permission: 'programs:write' },
      schema: {
        tags: ['tiers'],
        summary: 'Create a tier',
        params: ProgramTierParams,
        body: CreateTier,
        response: { 201: Tier, 409: Problem, ...problemResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await tiers.create(authOf(request), request.params.programId, request.body)),
  );

  app.patch(
    '/v1/programs/:programId/tiers/:tierId',
    {
      config: { permission: 'programs:write' },
      schema: {
        tags: ['tiers'],
        summary: 'Change a tier',
        description: 'Members are re-evaluated against the new figures at their next accrual or downgrade pass.',
        params: TierParams,
        body: UpdateTier,
        response: { 200: Tier, 409: Problem, ...problemResponses },
      },
    },
    async (request) => tiers.update(authOf(request), request.params.programId, request.params.tierId, request.body),
  );

  app.delete(
    '/v1/programs/:programId/tiers/:tierId',
    {
      config: { permission: 'programs:write' },
      schema: {
        tags: ['tiers'],
        summary: 'Delete a tier that no member holds and no reward is restricted to',
        params: TierParams,
        response: { 204: Type.Null(), 409: Problem, ...problemResponses },
      },
    },
    async (request, reply) => {
      await tiers.delete(authOf(request), request.params.programId, request.params.tierId);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/v1/members/:memberId/tier-history',
    {
      config: { permission: 'members:read' },
      schema: {
        tags: ['tiers'],
        summary: "A member's tier moves, newest first",
        params: MemberParams,
        querystring: TierHistoryQuery,
        response: { 200: TierHistory, ...problemResponses },
      },
    },
    async (request) => tiers.history(authOf(request), request.params.memberId, request.query),
  );
};
