import { randomUUID } from 'node:crypto';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyServerOptions } from 'fastify';
import { systemRoutes } from './modules/system/system.routes.ts';
import type { SystemService } from './modules/system/system.service.ts';
import metrics from './plugins/metrics.ts';
import openapi from './plugins/openapi.ts';
import problemDetails from './plugins/problem-details.ts';

export interface AppOptions {
  version: string;
  system: SystemService;
  bodyLimit?: number;
  logger?: FastifyServerOptions['logger'];
}

/** The api as a Fastify instance that does not listen: server.ts listens, tests use inject(). */
export async function buildApp(opts: AppOptions) {
  const app = Fastify({
    logger: opts.logger ?? false,
    bodyLimit: opts.bodyLimit ?? 1_048_576,
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false, allErrors: true } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  await app.register(problemDetails);
  await app.register(metrics);
  await app.register(openapi, { version: opts.version });
  await app.register(systemRoutes, { system: opts.system });
  return app;
}

export type App = Awaited<ReturnType<typeof buildApp>>;
