import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiTest, startApiTest, type TestTenant } from '../../../test/support.ts';
import { ROLE_PERMISSIONS } from '../../auth/permissions.ts';

const password = 'correct horse battery staple';

describe('users', () => {
  let t: ApiTest;
  let a: TestTenant;
  let b: TestTenant;

  beforeAll(async () => {
    t = await startApiTest();
    [a, b] = await Promise.all([t.tenant(), t.tenant()]);
  });
  afterAll(() => t?.stop());

  const addUser = (tenant: TestTenant, as: 'owner' | 'admin', role: string, email: string) =>
    t.app.inject({
      method: 'POST',
      url: '/v1/users',
      headers: tenant.as(as),
      payload: { email, name: email, role, password },
    });
  const patch = (tenant: TestTenant, as: 'owner' | 'admin', id: string, payload: object) =>
    t.app.inject({ method: 'PATCH', url: `/v1/users/${id}`, headers: tenant.as(as), payload });

  it('adds, reads, lists, renames and disables users, auditing each change without password hashes', async () => {
    const created = await addUser(a, 'admin', 'marketer', 'Mia@Example.com');
    expect(created.statusCode).toBe(201);
    const user = created.json();
    expect(user).toMatchObject({ email: 'mia@example.com', role: 'marketer', disabled: false, lastSignInAt: null });
    expect(Object.keys(user)).not.toContain('passwordHash');

    const duplicate = await addUser(a, 'admin', 'viewer', 'mia@example.com');
    expect(duplicate.statusCode).toBe(409);

    const got = await t.app.inject({ method: 'GET', url: `/v1/users/${user.id}`, headers: a.as('admin') });
    expect(got.json()).toEqual(user);
    const list = await t.app.inject({ method: 'GET', url: '/v1/users?limit=200', headers: a.as('admin') });
    expect(list.json().items.map((u: { email: string }) => u.email)).toContain('mia@example.com');

    expect((await patch(a, 'admin', user.id, { name: 'Mia R.', role: 'analyst' })).json()).toMatchObject({
      name: 'Mia R.',
      role: 'analyst',
    });
    const disabled = await t.app.inject({ method: 'DELETE', url: `/v1/users/${user.id}`, headers: a.as('admin') });
    expect(disabled.json().disabled).toBe(true);
    const signIn = await t.app.inject({
      method: 'POST',
      url: '/v1/auth/sign-in',
      payload: { tenant: a.slug, email: 'mia@example.com', password },
    });
    expect(signIn.statusCode).toBe(401);
    expect((await patch(a, 'admin', user.id, { disabled: false })).json().disabled).toBe(false);

    const log = await t.prisma.auditLog.findMany({
      where: { tenantId: a.id, entityId: user.id },
      orderBy: { createdAt: 'asc' },
    });
    expect(log.map((e) => e.action)).toEqual(['user.create', 'user.update', 'user.disable', 'user.enable']);
    expect(JSON.stringify(log)).not.toMatch(/passwordHash|\$argon2/);
  });

  it('ends the sessions of a disabled user at once, and applies a new role at once', async () => {
    const tenant = await t.tenant();
    const before = await t.app.inject({ method: 'GET', url: '/v1/audit-log', headers: tenant.as('analyst') });
    expect(before.statusCode).toBe(200);
    await patch(tenant, 'admin', tenant.users.analyst.id, { role: 'viewer' });
    const demoted = await t.app.inject({ method: 'GET', url: '/v1/audit-log', headers: tenant.as('analyst') });
    expect(demoted.statusCode).toBe(403);

    await t.app.inject({ method: 'DELETE', url: `/v1/users/${tenant.users.marketer.id}`, headers: tenant.as('admin') });
    const after = await t.app.inject({ method: 'GET', url: '/v1/users/me', headers: tenant.as('marketer') });
    expect(after.statusCode).toBe(401);
    const session = await t.prisma.session.findUniqueOrThrow({ where: { id: tenant.users.marketer.sessionId } });
    expect(session.revokedReason).toBe('user_disabled');
  });

  it("tells the signed-in user the permissions of their role, so a client's navigation follows the role table", async () => {
    const tenant = await t.tenant();
    const me = async (role: 'owner' | 'viewer') =>
      (await t.app.inject({ method: 'GET', url: '/v1/users/me', headers: tenant.as(role) })).json();
    expect((await me('viewer')).permissions).toEqual([...ROLE_PERMISSIONS.viewer]);
    const owner = await me('owner');
    expect([owner.role, owner.permissions]).toEqual(['owner', [...ROLE_PERMISSIONS.owner]]);
  });

  it('lets only an owner make, change or disable an owner', async () => {
    const tenant = await t.tenant();
    const byAdmin = await addUser(tenant, 'admin', 'owner', 'second-owner@example.com');
    expect([byAdmin.statusCode, byAdmin.json().detail]).toEqual([403, 'Only an owner may create an owner.']);
    expect((await patch(tenant, 'admin', tenant.users.viewer.id, { role: 'owner' })).statusCode).toBe(403);
    expect((await patch(tenant, 'admin', tenant.users.owner.id, { role: 'viewer' })).statusCode).toBe(403);
    expect(
      (await t.app.inject({ method: 'DELETE', url: `/v1/users/${tenant.users.owner.id}`, headers: tenant.as('admin') }))
        .statusCode,
    ).toBe(403);

    const second = await addUser(tenant, 'owner', 'owner', 'second-owner@example.com');
    expect(second.statusCode).toBe(201);
    expect((await patch(tenant, 'owner', tenant.users.viewer.id, { role: 'owner' })).json().role).toBe('owner');
  });

  it('never leaves a tenant without an enabled owner, even under concurrent demotions', async () => {
    const tenant = await t.tenant();
    const lastOwner = await patch(tenant, 'owner', tenant.users.owner.id, { role: 'admin' });
    expect([lastOwner.statusCode, lastOwner.json().type]).toEqual([422, 'https://monet.dev/problems/last-owner']);
    const disableLast = await t.app.inject({
      method: 'DELETE',
      url: `/v1/users/${tenant.users.owner.id}`,
      headers: tenant.as('owner'),
    });
    expect(disableLast.statusCode).toBe(422);

    const second = (await addUser(tenant, 'owner', 'owner', 'co-owner@example.com')).json();
    const [one, two] = await Promise.all([
      patch(tenant, 'owner', second.id, { role: 'admin' }),
      patch(tenant, 'owner', tenant.users.owner.id, { disabled: true }),
    ]);
    expect([one.statusCode, two.statusCode].sort()).toEqual([200, 422]);
    expect(await t.prisma.user.count({ where: { tenantId: tenant.id, role: 'owner', disabledAt: null } })).toBe(1);
  });

  it("changes one's own password with the current one, ending one's other sessions", async () => {
    const slug = `pw-${Date.now().toString(36)}`;
    const signUp = await t.app.inject({
      method: 'POST',
      url: '/v1/tenants',
      payload: {
        name: 'PW',
        slug,
        timeZone: 'UTC',
        currency: 'USD',
        owner: { email: `o@${slug}.test`, name: 'O', password },
      },
    });
    const { tokens } = signUp.json();
    const other = (
      await t.app.inject({
        method: 'POST',
        url: '/v1/auth/sign-in',
        payload: { tenant: slug, email: `o@${slug}.test`, password },
      })
    ).json().tokens;
    const headers = { authorization: `Bearer ${tokens.accessToken}` };
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/v1/users/me/password',
      headers,
      payload: { currentPassword: 'not it at all', newPassword: 'a brand new passphrase' },
    });
    expect([wrong.statusCode, wrong.json().type]).toEqual([422, 'https://monet.dev/problems/wrong-password']);
    const short = await t.app.inject({
      method: 'POST',
      url: '/v1/users/me/password',
      headers,
      payload: { currentPassword: password, newPassword: 'short' },
    });
    expect(short.json().errors.map((e: { path: string }) => e.path)).toEqual(['body.newPassword']);
    const changed = await t.app.inject({
      method: 'POST',
      url: '/v1/users/me/password',
      headers,
      payload: { currentPassword: password, newPassword: 'a brand new passphrase' },
    });
    expect(changed.statusCode).toBe(204);
    const signInWith = (pw: string) =>
      t.app.inject({
        method: 'POST',
        url: '/v1/auth/sign-in',
        payload: { tenant: slug, email: `o@${slug}.test`, password: pw },
      });
    expect((await signInWith(password)).statusCode).toBe(401);
    expect((await signInWith('a brand new passphrase')).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/v1/users/me', headers })).statusCode).toBe(200);
    const otherMe = await t.app.inject({
      method: 'GET',
      url: '/v1/users/me',
      headers: { authorization: `Bearer ${other.accessToken}` },
    });
    expect(otherMe.statusCode).toBe(401);
  });

  it("answers 404 for another tenant's user on every route, and leaves them unchanged", async () => {
    const theirs = b.users.viewer.id;
    for (const [method, payload] of [
      ['GET', undefined],
      ['PATCH', { name: 'hijacked' }],
      ['DELETE', undefined],
    ] as const) {
      const res = await t.app.inject({ method, url: `/v1/users/${theirs}`, headers: a.as('owner'), payload });
      expect([method, res.statusCode]).toEqual([method, 404]);
    }
    const list = await t.app.inject({ method: 'GET', url: '/v1/users?limit=200', headers: a.as('owner') });
    expect(list.json().items.some((u: { id: string }) => u.id === theirs)).toBe(false);
    const row = await t.prisma.user.findUniqueOrThrow({ where: { id: theirs } });
    expect([row.name, row.disabledAt]).toEqual(['viewer', null]);
  });

  it('refuses bad input with the path of each bad field', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/users',
      headers: a.as('owner'),
      payload: { email: 'not-an-email', name: 'x', role: 'superuser', password: 'short', extra: 1 },
    });
    const paths = new Set(res.json().errors.map((e: { path: string }) => e.path));
    expect([...paths].sort()).toEqual(['body.email', 'body.extra', 'body.password', 'body.role']);
    const empty = await patch(a, 'owner', a.users.viewer.id, {});
    expect(empty.statusCode).toBe(400);
  });
});
