import swagger from '@fastify/swagger';
import scalar from '@scalar/fastify-api-reference';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/** OpenAPI 3.1 generated from the route schemas, at /openapi.json, with Scalar's reference at /docs. */
export default fp(async function openapi(app: FastifyInstance, opts: { version: string }) {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Monet API',
        version: opts.version,
        description: 'Loyalty programs and their analytics. Errors are RFC 9457 problem+json.',
      },
      tags: [{ name: 'system', description: 'Health, readiness and the status of the platform' }],
    },
  });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  await app.register(scalar, { routePrefix: '/docs', configuration: { url: '/openapi.json' } });
});
