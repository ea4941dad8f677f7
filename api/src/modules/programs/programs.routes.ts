import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { PageQuery } from '../../infra/pagination.ts';
import { authOf } from '../../plugins/authenticate.ts';
import { problemResponses } from '../../plugins/problem-details.ts';
import { CreateProgram, Program, ProgramList, ProgramParams, UpdateProgram } from './programs.schemas.ts';
import type { ProgramsService } from './programs.service.ts';

export const programRoutes: FastifyPluginAsyncTypebox<{ programs: ProgramsService }> = async (app, { programs }) => {
  app.post(
    '/v1/programs',
    {
      config: { permission: 'programs:write' },
      schema: {
        tags: ['programs'],
        summary: 'Create a program',
        body: CreateProgram,
        response: { 201: Program, ...problemResponses },
      },
    },
    async (request, reply) => reply.status(201).send(await programs.create(authOf(request), request.body)),
  );

  app.get(
    '/v1/programs',
    {
      config: { permission: 'programs:read' },
      schema: {
        tags: ['programs'],
        summary: 'List programs',
        querystring: Type.Object(PageQuery, { additionalProperties: false }),
        response: { 200: ProgramList, ...problemResponses },
      },
    },
    async (request) => programs.list(authOf(request), request.query),
  );

  app.get(
    '/v1/programs/:programId',
    {
      config: { permission: 'programs:read' },
      schema: {
        tags: ['programs'],
        summary: 'Get a program',
        params: ProgramParams,
        response: { 200: Program, ...problemResponses },
      },
    },
    async (request) => programs.get(authOf(request), request.params.programId),
  );

  app.patch(
    '/v1/programs/:programId',
    {
      config: { permission: 'programs:write' },
      schema: {
        tags: ['programs'],
        summary: 'Change a program',
        params: ProgramParams,
        body: UpdateProgram,
        response: { 200: Program, ...problemResponses },
      },
    },
    async (request) => programs.update(authOf(request), request.params.programId, request.body),
  );
};
