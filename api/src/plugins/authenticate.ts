import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { type AccessTokens, InvalidTokenError } from '../auth/access-token.ts';
import { type AuthContext, can } from '../auth/context.ts';
import type { Permission } from '../auth/permissions.ts';
import { ForbiddenError, UnauthorizedError } from '../errors.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The permission a route needs; routes without one must say `public: true`. */
    permission?: Permission;
    public?: boolean;
  }
  interface FastifyRequest {
    auth: AuthContext | null;
  }
}

/** Resolves a presented API key to its tenant and scopes, or null when it is unknown, revoked or expired. */
export type ApiKeyVerifier = (key: string, request: FastifyRequest) => Promise<AuthContext | null>;

export const API_KEY_PREFIX = 'mk_';

export interface AuthenticateOptions {
  accessTokens: AccessTokens;
  verifyApiKey: ApiKeyVerifier;
}

/**
 * Authentication for every route: a dashboard user's access token (`Authorization: Bearer <jwt>`) or a server's
 * API key (`Authorization: Bearer mk_…` or `X-Api-Key`), then the route's permission. A route that declares
 * neither a permission nor `public: true` is refused, so a forgotten declaration fails closed.
 */
export default fp(async function authenticate(app: FastifyInstance, opts: AuthenticateOptions) {
  app.decorateRequest('auth', null);

  app.addHook('onRequest', async (request) => {
    const config = request.routeOptions.config;
    // Everything under /v1 is authenticated unless it says otherwise; health, metrics and docs are not under /v1.
    if (config.public || request.is404 || !request.url.startsWith('/v1/')) return;
    const header = request.headers.authorization;
    const bearer = header?.match(/^Bearer\s+(\S+)$/i)?.[1];
    const apiKey =
      (request.headers['x-api-key'] as string | undefined) ?? (bearer?.startsWith(API_KEY_PREFIX) ? bearer : undefined);

    if (apiKey) {
      const auth = await opts.verifyApiKey(apiKey, request);
      if (!auth) throw new UnauthorizedError('The API key is unknown, revoked or expired.');
      request.auth = { ...auth, requestId: request.id };
    } else if (bearer) {
      try {
        const claims = await opts.accessTokens.verify(bearer);
        request.auth = {
          tenantId: claims.tenantId,
          actor: { type: 'user', id: claims.userId, role: claims.role, sessionId: claims.sessionId },
          requestId: request.id,
        };
      } catch (err) {
        if (err instanceof InvalidTokenError) throw new UnauthorizedError(err.message);
        throw err;
      }
    } else {
      throw new UnauthorizedError('Send an access token or an API key: Authorization: Bearer <token>.');
    }

    if (!config.permission) throw new ForbiddenError('This route declares no permission.');
    if (!can(request.auth!, config.permission)) {
      throw new ForbiddenError(`This needs the ${config.permission} permission, which the caller does not have.`);
    }
  });
});

/** The caller of an authenticated route; routes call this instead of reading `request.auth` directly. */
export function authOf(request: FastifyRequest): AuthContext {
  if (!request.auth) throw new UnauthorizedError('Not authenticated.');
  return request.auth;
}
