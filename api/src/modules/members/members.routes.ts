import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { PageQuery } from '../../infra/pagination.ts';
import { authOf } from '../../plugins/authenticate.ts';
import { Problem, problemResponses } from '../../plugins/problem-details.ts';
import {
  CreateMember,
  Member,
  MemberExport,
  MemberList,
  MemberListQuery,
  MemberParams,
  MemberWithScores,
  UpdateMember,
} from './members.schemas.ts';
import type { MembersService } from './members.service.ts';

export const memberRoutes: FastifyPluginAsyncTypebox<{ members: MembersService }> = async (app, { members }) => {
  app.post(
    '/v1/members',
    {
      config: { permission: 'members:write' },
      schema: {
        tags: ['members'],
        summary: 'Enrol a member',
        description: 'externalId is unique per tenant, and so is email when present (stored lower-cased).',
        body: CreateMember,
        response: { 201: Member, ...problemResponses, 409: Problem },
      },
    },
    async (request, reply) => reply.status(201).send(await members.create(authOf(request), request.body)),
  );

  app.get(
    '/v1/members',
    {
      config: { permission: 'members:read' },
      schema: {
        tags: ['members'],
        summary: 'List members',
        description: 'In enrolment order, oldest first. Filters combine with AND.',
        querystring: Type.Object({ ...PageQuery, ...MemberListQuery }, { additionalProperties: false }),
        response: { 200: MemberList, ...problemResponses },
      },
    },
    async (request) => members.list(authOf(request), request.query),
  );

  app.get(
    '/v1/members/:memberId',
    {
      config: { permission: 'members:read' },
      schema: {
        tags: ['members'],
        summary: 'Get a member',
        description:
          'With `scores`: the member’s churn risk and predicted lifetime value of the tenant’s latest completed ' +
          'scoring run (daily, or `POST /v1/models/scoring-runs`); null until the member has been scored.',
        params: MemberParams,
        response: { 200: MemberWithScores, ...problemResponses },
      },
    },
    async (request) => members.get(authOf(request), request.params.memberId),
  );

  app.patch(
    '/v1/members/:memberId',
    {
      config: { permission: 'members:write' },
      schema: {
        tags: ['members'],
        summary: 'Change a member',
        params: MemberParams,
        body: UpdateMember,
        response: { 200: Member, ...problemResponses, 409: Problem, 422: Problem },
      },
    },
    async (request) => members.update(authOf(request), request.params.memberId, request.body),
  );

  app.get(
    '/v1/members/:memberId/export',
    {
      config: { permission: 'members:read' },
      schema: {
        tags: ['members'],
        summary: "Export a member's data",
        description:
          'Every piece of data Monet holds on the member, as one JSON document: profile, balances, ledger, point lots, events, redemptions and tier history.',
        params: MemberParams,
        response: { 200: MemberExport, ...problemResponses },
      },
    },
    async (request) => members.export(authOf(request), request.params.memberId),
  );

  app.post(
    '/v1/members/:memberId/erase',
    {
      config: { permission: 'members:erase' },
      schema: {
        tags: ['members'],
        summary: 'Erase a member',
        description:
          'Removes the personal data (profile, attributes, tags, consents, event attributes, adjustment reasons, guest orders filed under the external id) and replaces externalId with `erased:<member id>`; ledger amounts stay so totals stay true. Then deletes the earlier versions from the warehouse in the background: `erasure.warehouseErasedAt` says when that is done. Idempotent. An erased member can no longer earn, redeem or be changed.',
        params: MemberParams,
        response: { 200: Member, ...problemResponses },
      },
    },
    async (request) => members.erase(authOf(request), request.params.memberId),
  );
};
