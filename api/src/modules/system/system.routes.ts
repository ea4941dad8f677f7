import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { Readiness, SystemStatus, WorkflowCheck } from './system.schemas.ts';
import type { SystemService } from './system.service.ts';

export const systemRoutes: FastifyPluginAsyncTypebox<{ system: SystemService }> = async (app, { system }) => {
  app.get(
    '/healthz',
    {
      schema: {
        tags: ['system'],
        summary: 'Liveness: the process is up',
        response: { 200: Type.Object({ status: Type.Literal('ok') }) },
      },
    },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/readyz',
    {
      schema: {
        tags: ['system'],
        summary: 'Readiness: Postgres, ClickHouse and Temporal answer',
        response: { 200: Readiness, 503: Readiness },
      },
    },
    async (_request, reply) => {
      const { ready, services } = await system.readiness();
      return reply.status(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not-ready', services });
    },
  );

  app.get(
    '/v1/system/status',
    {
      config: { public: true },
      schema: {
        tags: ['system'],
        summary: 'Status of every engine, the workflow worker, and a workflow round trip',
        response: { 200: SystemStatus },
      },
    },
    async () => system.status(),
  );

  app.post(
    '/v1/system/workflow-checks',
    {
      config: { public: true },
      schema: {
        tags: ['system'],
        summary: 'Run the system-check workflow now: the api starts it, a worker runs it, the api reads its result',
        response: { 200: WorkflowCheck },
      },
    },
    async () => system.workflowCheck({ fresh: true }),
  );
};
