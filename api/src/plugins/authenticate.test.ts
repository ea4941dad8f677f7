import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { createAccessTokens } from '../auth/access-token.ts';
import authenticate from './authenticate.ts';

async function appWith(config: Record<string, unknown> | undefined) {
  const app = Fastify();
  await app.register(authenticate, {
    accessTokens: createAccessTokens('x'.repeat(32), 60),
    verifyApiKey: async () => null,
    verifySession: async () => null,
  });
  app.get('/v1/thing', { config }, async () => ({}));
  app.get('/healthz', async () => ({}));
  return app;
}

describe('authenticate', () => {
  it('refuses to start with a /v1 route that declares no access rule, or more than one', async () => {
    await expect(appWith(undefined)).rejects.toThrow(
      'GET /v1/thing must declare exactly one of config.permission, config.signedIn, config.public',
    );
    await expect(appWith({ public: true, permission: 'programs:read' })).rejects.toThrow('exactly one');
  });

  it('records how each /v1 route is protected, and asks for credentials', async () => {
    const app = await appWith({ permission: 'programs:read' });
    expect(app.routeAccess).toEqual([{ method: 'GET', url: '/v1/thing', access: { permission: 'programs:read' } }]);
    const res = await app.inject({ method: 'GET', url: '/v1/thing' });
    expect(res.statusCode).toBe(401);
    await app.close();
  });
});
