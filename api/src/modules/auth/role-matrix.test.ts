import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiTest, startApiTest, type TestTenant } from '../../../test/support.ts';
import { API_KEY_SCOPES, type Permission, ROLE_PERMISSIONS, ROLES } from '../../auth/permissions.ts';
import type { RouteAccess } from '../../plugins/authenticate.ts';

/** A concrete URL for a route pattern: every parameter (with or without a regex) a fresh uuid; `::` is a colon. */
function urlOf(pattern: string): string {
  return pattern
    .replaceAll('::', '\u0000')
    .replace(/:[A-Za-z0-9_]+(\([^)]*\))?/g, () => randomUUID())
    .replaceAll('\u0000', ':');
}

/** Whether a caller holding `permissions` (and being a signed-in user or not) may pass the route's access rule. */
function allowed(access: RouteAccess['access'], permissions: readonly Permission[], signedInUser: boolean): boolean {
  if ('permission' in access) return permissions.includes(access.permission);
  if ('signedIn' in access) return signedInUser;
  return true;
}

/**
 * For every route of the app, every role and an API key holding every scope: the route answers 403 exactly when
 * the role table (ROLE_PERMISSIONS) or the key's scopes say no. Requests carry an unknown field, so a permitted
 * write stops at validation (400) and changes nothing; parameters are fresh uuids, so a permitted read of one
 * entity answers 404.
 */
describe('the role matrix', () => {
  let t: ApiTest;
  let tenant: TestTenant;
  let apiKey: string;

  beforeAll(async () => {
    t = await startApiTest();
    tenant = await t.tenant();
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/api-keys',
      headers: tenant.as('owner'),
      payload: { name: 'matrix', scopes: API_KEY_SCOPES, rateLimitPerMinute: 100_000 },
    });
    apiKey = res.json().key;
  });
  afterAll(() => t?.stop());

  it('declares an access rule for every /v1 route', () => {
    const routes = t.app.routeAccess;
    expect(routes.length).toBeGreaterThan(20);
    expect(
      routes
        .filter((r) => 'public' in r.access)
        .map((r) => `${r.method} ${r.url}`)
        .sort(),
    ).toEqual(expect.arrayContaining(['POST /v1/auth/refresh', 'POST /v1/auth/sign-in', 'POST /v1/tenants']));
  });

  it('gives each role and each API key exactly the access the role table says, on every route', async () => {
    // Sign-out ends the caller's session, so it goes last.
    const routes = t.app.routeAccess
      .filter((r) => !('public' in r.access))
      .sort((x, y) => Number(x.url === '/v1/auth/sign-out') - Number(y.url === '/v1/auth/sign-out'));
    const callers = [
      ...ROLES.map((role) => ({
        name: role,
        headers: tenant.as(role),
        permissions: ROLE_PERMISSIONS[role],
        user: true,
      })),
      { name: 'api key', headers: { 'x-api-key': apiKey }, permissions: API_KEY_SCOPES, user: false },
    ];
    const wrong: string[] = [];
    for (const route of routes) {
      for (const caller of callers) {
        const hasBody = ['POST', 'PUT', 'PATCH'].includes(route.method);
        const res = await t.app.inject({
          method: route.method as 'GET',
          url: urlOf(route.url),
          headers: caller.headers,
          ...(hasBody && { payload: { matrixProbe: true } }),
        });
        const ok = allowed(route.access, caller.permissions, caller.user);
        const passed = res.statusCode !== 403 && res.statusCode !== 401;
        // 503: authorised, and the warehouse this test does not start answered unavailable.
        if (ok !== passed || (res.statusCode >= 500 && res.statusCode !== 503)) {
          wrong.push(`${caller.name} ${route.method} ${route.url}: ${res.statusCode}, expected ${ok ? 'access' : 403}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });
});
