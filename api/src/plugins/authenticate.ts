import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { type AccessClaims, type AccessTokens, InvalidTokenError } from '../auth/access-token.ts';
import { type AuthContext, can } from '../auth/context.ts';
import type { Permission, Role } from '../auth/permissions.ts';
import { ForbiddenError, TooManyRequestsError, UnauthorizedError } from '../errors.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The permission a route needs. Every /v1 route declares exactly one of `permission`, `signedIn`, `public`. */
    permission?: Permission;
    /** Any signed-in dashboard user, whatever the role (their own sessions, their own password); no API keys. */
    signedIn?: boolean;
    public?: boolean;
  }
  interface FastifyRequest {
    auth: AuthContext | null;
  }
  interface FastifyInstance {
    /** How every route is protected, as declared: the role matrix test and the docs read this. */
    routeAccess: RouteAccess[];
  }
}

export interface RouteAccess {
  method: string;
  url: string;
  access: { permission: Permission } | { signedIn: true } | { public: true };
}

/**
 * Resolves a presented API key to its tenant and scopes, or null when it is unknown, revoked or expired. May throw
 * TooManyRequestsError when the key is over its rate limit.
 */
export type ApiKeyVerifier = (key: string, request: FastifyRequest) => Promise<AuthContext | null>;

/** The user's current role when the token's session is still open and the user enabled, else null. */
export type SessionVerifier = (claims: AccessClaims) => Promise<{ role: Role } | null>;

export const API_KEY_PREFIX = 'mk_';

export interface AuthenticateOptions {
  accessTokens: AccessTokens;
  verifyApiKey: ApiKeyVerifier;
  verifySession: SessionVerifier;
}

function accessOf(
  method: string,
  url: string,
  config: { permission?: Permission; signedIn?: boolean; public?: boolean },
): RouteAccess {
  const declared = [config.permission, config.signedIn, config.public].filter((d) => d !== undefined && d !== false);
  if (declared.length !== 1) {
    throw new Error(`${method} ${url} must declare exactly one of config.permission, config.signedIn, config.public`);
  }
  const access = config.permission
    ? { permission: config.permission }
    : config.signedIn
      ? ({ signedIn: true } as const)
      : ({ public: true } as const);
  return { method, url, access };
}

/**
 * Authentication for every route: a dashboard user's access token (`Authorization: Bearer <jwt>`, whose session
 * must still be open) or a server's API key (`Authorization: Bearer mk_…` or `X-Api-Key`), then the route's
 * permission. A /v1 route that declares no access rule fails at registration, so a forgotten declaration never
 * reaches production.
 */
export default fp(async function authenticate(app: FastifyInstance, opts: AuthenticateOptions) {
  app.decorateRequest('auth', null);
  app.decorate('routeAccess', [] as RouteAccess[]);

  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/v1/')) return;
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    // HEAD routes are Fastify's automatic twins of GET routes, with the same config.
    for (const method of methods.filter((m) => m !== 'HEAD')) {
      app.routeAccess.push(accessOf(method, route.url, route.config ?? {}));
    }
  });

  // Every 429 of the api, from a key's rate limit or elsewhere, says when to come back.
  app.addHook('onError', async (_request, reply, error) => {
    if (error instanceof TooManyRequestsError) reply.header('retry-after', String(error.retryAfterSeconds));
  });

  app.addHook('onRequest', async (request) => {
    const config = request.routeOptions.config;
    // Everything under /v1 is authenticated unless it says otherwise; health, metrics and docs are not under /v1.
    if (config.public || request.is404 || !request.url.startsWith('/v1/')) return;
    const header = request.headers.authorization;
    const bearer = header?.match(/^Bearer\s+(\S+)$/i)?.[1];
    const keyHeader = request.headers['x-api-key'];
    if (Array.isArray(keyHeader)) throw new UnauthorizedError('Send one X-Api-Key header.');
    const apiKey = keyHeader ?? (bearer?.startsWith(API_KEY_PREFIX) ? bearer : undefined);

    if (apiKey) {
      const auth = await opts.verifyApiKey(apiKey, request);
      if (!auth) throw new UnauthorizedError('The API key is unknown, revoked or expired.');
      request.auth = { ...auth, requestId: request.id };
    } else if (bearer) {
      let claims: AccessClaims;
      try {
        claims = await opts.accessTokens.verify(bearer);
      } catch (err) {
        if (err instanceof InvalidTokenError) throw new UnauthorizedError(err.message);
        throw err;
      }
      const session = await opts.verifySession(claims);
      if (!session) throw new UnauthorizedError('The session of this access token has ended; sign in again.');
      request.auth = {
        tenantId: claims.tenantId,
        // The role comes from the user row, so a demotion applies without waiting for the token to expire.
        actor: { type: 'user', id: claims.userId, role: session.role, sessionId: claims.sessionId },
        requestId: request.id,
      };
    } else {
      throw new UnauthorizedError('Send an access token or an API key: Authorization: Bearer <token>.');
    }

    if (config.signedIn) {
      if (request.auth.actor.type !== 'user') throw new ForbiddenError('This route is for signed-in users only.');
      return;
    }
    if (!config.permission) throw new ForbiddenError('This route declares no permission.');
    if (!can(request.auth, config.permission)) {
      throw new ForbiddenError(`This needs the ${config.permission} permission, which the caller does not have.`);
    }
  });
});

/** The caller of an authenticated route; routes call this instead of reading `request.auth` directly. */
export function authOf(request: FastifyRequest): AuthContext {
  if (!request.auth) throw new UnauthorizedError('Not authenticated.');
  return request.auth;
}

/** The signed-in user behind a `signedIn` route. */
export function userOf(request: FastifyRequest): AuthContext & { actor: { type: 'user' } } {
  const auth = authOf(request);
  if (auth.actor.type !== 'user') throw new ForbiddenError('This route is for signed-in users only.');
  return auth as AuthContext & { actor: { type: 'user' } };
}
