import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiTest, createProgram, startApiTest, type TestTenant } from '../../test/support.ts';
import { NUL_KEY_MESSAGE, NUL_MESSAGE } from './request-validation.ts';

type JsonSchema = {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  properties?: Record<string, JsonSchema>;
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
};
type Parameter = { name: string; in: string; schema: JsonSchema };
type Operation = {
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
};

/**
 * The keys leading to a string somewhere in a schema (array items as 0, a free key as `note`), or undefined when it
 * holds none. `components` resolves `$ref`s, each followed once so that recursive schemas end.
 */
function stringPath(
  schema: JsonSchema,
  components: Record<string, JsonSchema>,
  seen = new Set<string>(),
): (string | number)[] | undefined {
  const inner = (s: JsonSchema) => stringPath(s, components, seen);
  if (schema.$ref) {
    if (seen.has(schema.$ref)) return undefined;
    seen.add(schema.$ref);
    return inner(components[schema.$ref.replace('#/components/schemas/', '')]!);
  }
  if ([schema.type].flat().includes('string') || schema.enum?.some((v) => typeof v === 'string')) return [];
  for (const [key, property] of Object.entries(schema.properties ?? {})) {
    const rest = inner(property);
    if (rest) return [key, ...rest];
  }
  const extra = schema.additionalProperties;
  if (extra === true) return ['note'];
  const inExtra = typeof extra === 'object' && inner(extra);
  if (inExtra) return ['note', ...inExtra];
  const inItems = schema.items && inner(schema.items);
  if (inItems) return [0, ...inItems];
  for (const branch of [...(schema.anyOf ?? []), ...(schema.oneOf ?? []), ...(schema.allOf ?? [])]) {
    const inBranch = inner(branch);
    if (inBranch) return inBranch;
  }
  return undefined;
}

/** A JSON value holding `leaf` at `path`: ['tags', 0] gives { tags: [leaf] }. */
const valueAt = (path: (string | number)[], leaf: unknown): unknown =>
  path.reduceRight((inner, key) => (typeof key === 'number' ? [inner] : { [key]: inner }), leaf);

describe('request validation', () => {
  let t: ApiTest;
  let a: TestTenant;
  let operations: { method: string; path: string; op: Operation }[];
  let components: Record<string, JsonSchema>;

  beforeAll(async () => {
    t = await startApiTest();
    a = await t.tenant();
    const spec = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    components = spec.components.schemas;
    operations = Object.entries(spec.paths as Record<string, Record<string, Operation>>).flatMap(([path, item]) =>
      Object.entries(item).map(([method, op]) => ({ method: method.toUpperCase(), path, op })),
    );
  });
  afterAll(() => t?.stop());

  /** Sends the request as the owner and returns what is wrong with the answer, or null when it refuses the NUL. */
  async function refusesNul(method: string, url: string, payload: unknown, path: string) {
    const res = await t.app.inject({
      method: method as 'POST',
      url,
      headers: { ...a.as('owner'), 'idempotency-key': randomUUID() },
      ...(payload !== undefined && { payload: payload as object }),
    });
    const refused =
      res.statusCode === 400 &&
      String(res.headers['content-type']).startsWith('application/problem+json') &&
      res.json().errors?.some((e: { path: string; message: string }) => e.path === path && e.message === NUL_MESSAGE);
    return refused ? null : `${method} ${url} → ${res.statusCode} ${res.body.slice(0, 300)}`;
  }

  const withIds = (path: string) => path.replaceAll(/\{[^}]+\}/g, () => randomUUID());

  it('refuses a NUL in a string of every JSON body the api takes, naming its path', async () => {
    const failures: string[] = [];
    const withBody = operations.filter(({ op }) => op.requestBody?.content['application/json']);
    for (const { method, path, op } of withBody) {
      const keys = stringPath(op.requestBody!.content['application/json']!.schema, components);
      if (!keys) failures.push(`${method} ${path}: no string in its body schema`);
      else {
        const at = ['body', ...keys].join('.');
        failures.push((await refusesNul(method, withIds(path), valueAt(keys, 'a\u0000b'), at)) ?? '');
      }
    }
    expect(withBody.length).toBeGreaterThan(25);
    expect(failures.filter(Boolean)).toEqual([]);
  });

  it('refuses a NUL in every path parameter and string query parameter', async () => {
    const failures: string[] = [];
    for (const { method, path, op } of operations) {
      const params = op.parameters ?? [];
      const inPath = params.find((p) => p.in === 'path');
      if (inPath) {
        const url = withIds(path.replace(`{${inPath.name}}`, '%00'));
        failures.push((await refusesNul(method, url, undefined, `params.${inPath.name}`)) ?? '');
      }
      const inQuery = params.find((p) => p.in === 'query' && stringPath(p.schema, components));
      if (inQuery) {
        const url = `${withIds(path)}?${inQuery.name}=a%00b`;
        failures.push((await refusesNul(method, url, undefined, `querystring.${inQuery.name}`)) ?? '');
      }
    }
    expect(failures.filter(Boolean)).toEqual([]);
  });

  it('refuses a NUL before anything is stored, on public and authenticated routes alike', async () => {
    const signIn = await t.app.inject({
      method: 'POST',
      url: '/v1/auth/sign-in',
      payload: { email: `owner@${a.slug}.test`, password: 'pass\u0000word' },
    });
    expect([signIn.statusCode, signIn.json().errors]).toEqual([400, [{ path: 'body.password', message: NUL_MESSAGE }]]);

    const signUp = await t.app.inject({
      method: 'POST',
      url: '/v1/tenants',
      payload: {
        name: 'Caf\u0000é',
        slug: 'nul-cafe',
        timeZone: 'UTC',
        currency: 'EUR',
        owner: { email: 'nul@example.com', name: 'N\u0000', password: 'correct horse battery staple' },
      },
    });
    expect(signUp.statusCode).toBe(400);
    expect(signUp.json().errors).toEqual([
      { path: 'body.name', message: NUL_MESSAGE },
      { path: 'body.owner.name', message: NUL_MESSAGE },
    ]);
    expect(await t.prisma.tenant.count({ where: { slug: 'nul-cafe' } })).toBe(0);

    const member = await t.app.inject({
      method: 'POST',
      url: '/v1/members',
      headers: a.as('owner'),
      payload: { externalId: 'nul-1', tags: ['a\u0000b'], attributes: { 'city\u0000': 'Paris' } },
    });
    expect([member.statusCode, member.headers['content-type']]).toEqual([
      400,
      'application/problem+json; charset=utf-8',
    ]);
    expect(member.json()).toMatchObject({
      type: 'https://monet.dev/problems/validation',
      errors: [
        { path: 'body.tags.0', message: NUL_MESSAGE },
        { path: 'body.attributes', message: NUL_KEY_MESSAGE },
      ],
    });
    expect(await t.prisma.member.count({ where: { externalId: 'nul-1' } })).toBe(0);

    const search = await t.app.inject({ method: 'GET', url: '/v1/members?q=ada%00', headers: a.as('viewer') });
    expect([search.statusCode, search.json().errors]).toEqual([400, [{ path: 'querystring.q', message: NUL_MESSAGE }]]);

    const byId = await t.app.inject({ method: 'GET', url: '/v1/members/%00', headers: a.as('viewer') });
    expect([byId.statusCode, byId.json().errors]).toEqual([400, [{ path: 'params.memberId', message: NUL_MESSAGE }]]);
  });

  it('takes body values only as the JSON types their schema names', async () => {
    const errorsOf = async (method: 'PATCH' | 'POST', url: string, payload: object) => {
      const res = await t.app.inject({ method, url, headers: a.as('owner'), payload });
      expect(res.statusCode, res.body).toBe(400);
      return res.json().errors.map((e: { path: string }) => e.path);
    };

    expect(await errorsOf('PATCH', '/v1/tenant', { slug: false })).toEqual(['body.slug']);
    expect((await t.prisma.tenant.findUniqueOrThrow({ where: { id: a.id } })).slug).toBe(a.slug);

    const endpoint = await t.prisma.webhookEndpoint.create({
      data: { tenantId: a.id, url: 'https://example.com/hooks', secret: 'not-a-secret', eventTypes: ['points.earned'] },
    });
    expect(await errorsOf('PATCH', `/v1/webhook-endpoints/${endpoint.id}`, { enabled: null })).toEqual([
      'body.enabled',
    ]);
    expect((await t.prisma.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } })).enabled).toBe(true);

    expect(await errorsOf('PATCH', `/v1/users/${a.users.viewer.id}`, { disabled: null })).toEqual(['body.disabled']);

    const programId = await createProgram(t, a, 'EUR');
    const tier = { name: 'Gold', rank: 1, qualification: 'lifetime_points', threshold: 1000, benefits: [false] };
    expect(await errorsOf('POST', `/v1/programs/${programId}/tiers`, tier)).toEqual(['body.benefits.0']);

    const simulate = (tierId: unknown) =>
      errorsOf('POST', `/v1/programs/${programId}/rules:simulate`, {
        sampleEvent: {
          event: { type: 'purchase', occurredAt: '2026-06-06T10:15:00Z', amountMinor: 1250, currency: 'EUR' },
          member: { enrolledAt: '2025-01-10T09:00:00Z', tierId },
        },
      });
    expect(await simulate([randomUUID()])).toContain('body.sampleEvent.member.tierId');
    expect(await simulate(false)).toContain('body.sampleEvent.member.tierId');
    expect(await simulate('')).toContain('body.sampleEvent.member.tierId');
  });

  it('still reads query strings and path parameters as text: numbers and one-item lists', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/v1/members?limit=1&tag=vip', headers: a.as('viewer') });
    expect([res.statusCode, res.json().items]).toEqual([200, []]);
  });

  it('refuses a date-time Date cannot read (a leap second) as 400 at its field, in a body and a query string', async () => {
    const externalId = `leap-${randomUUID()}`;
    const event = await t.app.inject({
      method: 'POST',
      url: '/v1/events',
      headers: { ...a.as('owner'), 'idempotency-key': randomUUID() },
      payload: { type: 'signup', memberExternalId: externalId, externalId, occurredAt: '2016-12-31T23:59:60Z' },
    });
    expect(event.statusCode).toBe(400);
    expect(event.json().errors).toEqual([{ path: 'body.occurredAt', message: 'must match format "date-time"' }]);
    expect(await t.prisma.member.count({ where: { externalId } })).toBe(0);
    const listed = await t.app.inject({
      method: 'GET',
      url: '/v1/members?enrolledAfter=2016-12-31T23:59:60Z',
      headers: a.as('viewer'),
    });
    expect(listed.statusCode, listed.body).toBe(400);
  });
});
