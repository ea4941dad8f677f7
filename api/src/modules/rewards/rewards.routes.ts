import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { authOf } from '../../plugins/authenticate.ts';
import { Problem, problemResponses } from '../../plugins/problem-details.ts';
import {
  CodeCounts,
  CodeUploadResult,
  CreateReward,
  ProgramRewardParams,
  Reward,
  RewardCodesParams,
  RewardList,
  RewardListQuery,
  RewardParams,
  UpdateReward,
  VoucherCodes,
} from './rewards.schemas.ts';
import { parseCodesCsv, type RewardsService } from './rewards.service.ts';

export const rewardRoutes: FastifyPluginAsyncTypebox<{ rewards: RewardsService }> = async (app, { rewards }) => {
  // Voucher codes may come as CSV; this parser is local to these routes.
  app.addContentTypeParser('text/csv', { parseAs: 'string' }, (_request, body, done) => {
    done(null, parseCodesCsv(body as string));
  });

  app.post(
    '/v1/programs/:programId/rewards',
    {
      config: { permission: 'rewards:write' },
      schema: {
        tags: ['rewards'],
        summary: 'Add a reward to the catalog',
        params: ProgramRewardParams,
        body: CreateReward,
        response: { 201: Reward, ...problemResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await rewards.create(authOf(request), request.params.programId, request.body)),
  );

  app.get(
    '/v1/programs/:programId/rewards',
    {
      config: { permission: 'rewards:read' },
      schema: {
        tags: ['rewards'],
        summary: "List a program's rewards",
        params: ProgramRewardParams,
        querystring: RewardListQuery,
        response: { 200: RewardList, ...problemResponses },
      },
    },
    async (request) => rewards.list(authOf(request), request.params.programId, request.query),
  );

  app.get(
    '/v1/programs/:programId/rewards/:rewardId',
    {
      config: { permission: 'rewards:read' },
      schema: {
        tags: ['rewards'],
        summary: 'Get a reward',
        params: RewardParams,
        response: { 200: Reward, ...problemResponses },
      },
    },
    async (request) => rewards.get(authOf(request), request.params.programId, request.params.rewardId),
  );

  app.patch(
    '/v1/programs/:programId/rewards/:rewardId',
    {
      config: { permission: 'rewards:write' },
      schema: {
        tags: ['rewards'],
        summary: 'Change a reward (its kind is fixed; archive it with status)',
        params: RewardParams,
        body: UpdateReward,
        response: { 200: Reward, ...problemResponses },
      },
    },
    async (request) => rewards.update(authOf(request), request.params.programId, request.params.rewardId, request.body),
  );

  app.post(
    '/v1/rewards/:rewardId/codes',
    {
      config: { permission: 'rewards:write' },
      schema: {
        tags: ['rewards'],
        summary: "Upload codes to a voucher reward's pool",
        description:
          'JSON array or text/csv. Codes already in the pool, or repeated in the upload, are counted as duplicates.',
        params: RewardCodesParams,
        body: VoucherCodes,
        response: { 200: CodeUploadResult, 422: Problem, ...problemResponses },
      },
    },
    async (request) => rewards.uploadCodes(authOf(request), request.params.rewardId, request.body),
  );

  app.get(
    '/v1/rewards/:rewardId/codes',
    {
      config: { permission: 'rewards:read' },
      schema: {
        tags: ['rewards'],
        summary: "Count a voucher reward's codes by status",
        params: RewardCodesParams,
        response: { 200: CodeCounts, ...problemResponses },
      },
    },
    async (request) => rewards.codeCounts(authOf(request), request.params.rewardId),
  );
};
