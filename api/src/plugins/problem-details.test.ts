import { randomUUID } from 'node:crypto';
import { connect } from 'node:net';
import { createPrismaClient } from '@loyaltystudio/prisma';
import Fastify, { type InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiTest, startApiTest } from '../../test/support.ts';
import problemDetails, { answerClientError, FRAMEWORK_PROBLEMS } from './problem-details.ts';

const json = { 'content-type': 'application/json' };

/** A request that makes Fastify itself fail, for each of its errors Monet names. */
const FRAMEWORK_FAILURES: Record<keyof typeof FRAMEWORK_PROBLEMS, [number, InjectOptions]> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [
    415,
    { method: 'POST', url: '/v1/tenants', headers: { 'content-type': 'application/xml' }, payload: '<tenant/>' },
  ],
  FST_ERR_CTP_BODY_TOO_LARGE: [
    413,
    { method: 'POST', url: '/v1/tenants', headers: json, payload: `"${'x'.repeat(1_100_000)}"` },
  ],
  FST_ERR_CTP_INVALID_JSON_BODY: [400, { method: 'POST', url: '/v1/tenants', headers: json, payload: '{"name":' }],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, { method: 'POST', url: '/v1/tenants', headers: json, payload: '' }],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [
    400,
    { method: 'POST', url: '/v1/tenants', headers: { ...json, 'content-length': '40' }, payload: '{}' },
  ],
  FST_ERR_BAD_URL: [400, { method: 'GET', url: '/v1/members/%E0%A4%A' }],
  FST_ERR_MAX_PARAM_LENGTH: [414, { method: 'GET', url: `/v1/members/${'a'.repeat(101)}` }],
};

describe('problem details', () => {
  let t: ApiTest;

  beforeAll(async () => {
    t = await startApiTest();
  });
  afterAll(() => t?.stop());

  it("answers each of Fastify's own errors with Monet's problem type, never a framework code", async () => {
    expect(Object.keys(FRAMEWORK_FAILURES).sort()).toEqual(Object.keys(FRAMEWORK_PROBLEMS).sort());
    for (const [code, [status, request]] of Object.entries(FRAMEWORK_FAILURES)) {
      const res = await t.app.inject(request);
      const { type, title, detail } = FRAMEWORK_PROBLEMS[code]!;
      expect([code, res.statusCode, res.headers['content-type']]).toEqual([
        code,
        status,
        'application/problem+json; charset=utf-8',
      ]);
      expect(res.json()).toEqual({
        type: `https://monet.dev/problems/${type}`,
        title,
        status,
        detail,
        instance: request.url,
        requestId: expect.any(String),
      });
      expect(res.body).not.toContain('FST_');
    }
  });

  it('names any other client error after its status, with the reason phrase as title', async () => {
    const app = Fastify();
    await app.register(problemDetails);
    app.get('/teapot', async () => {
      throw Object.assign(new Error('Brewing refused'), { statusCode: 418, code: 'FST_ERR_SOMETHING_NEW' });
    });
    app.get('/method', async () => {
      throw Object.assign(new Error('Use POST'), { statusCode: 405, code: 'FST_ERR_OTHER' });
    });
    const teapot = await app.inject({ method: 'GET', url: '/teapot' });
    expect([teapot.statusCode, teapot.json()]).toEqual([
      418,
      expect.objectContaining({
        type: 'https://monet.dev/problems/i-m-a-teapot',
        title: "I'm a Teapot",
        status: 418,
        detail: 'Brewing refused',
      }),
    ]);
    const method = await app.inject({ method: 'GET', url: '/method' });
    expect(method.json()).toMatchObject({
      type: 'https://monet.dev/problems/method-not-allowed',
      title: 'Method Not Allowed',
    });
    expect(teapot.body + method.body).not.toContain('FST_');
    await app.close();
  });

  it('answers 503 with Retry-After when no database connection comes free in time, and writes nothing', async () => {
    // One connection, held by a transaction that outlasts the route's wait for it.
    const prisma = createPrismaClient(t.pg.url, { pool: { max: 1 } });
    const app = Fastify();
    await app.register(problemDetails);
    const slug = `busy-${randomUUID().slice(0, 8)}`;
    app.post('/busy', () =>
      prisma.$transaction((tx) => tx.tenant.create({ data: { slug, name: slug, timeZone: 'UTC', currency: 'EUR' } }), {
        maxWait: 100,
      }),
    );
    let release = () => {};
    const releasing = new Promise<void>((resolve) => {
      release = resolve;
    });
    let holding = () => {};
    const holds = new Promise<void>((resolve) => {
      holding = resolve;
    });
    const held = prisma.$transaction(
      async (tx) => {
        await tx.$queryRaw`SELECT 1`;
        holding();
        await releasing;
      },
      { timeout: 60_000 },
    );
    // The route runs only once the connection is taken.
    await holds;
    try {
      const res = await app.inject({ method: 'POST', url: '/busy' });
      expect([res.statusCode, res.headers['retry-after'], res.json()]).toEqual([
        503,
        '1',
        expect.objectContaining({ type: 'https://monet.dev/problems/service-unavailable', status: 503 }),
      ]);
    } finally {
      release();
      await held;
      await app.close();
      await prisma.$disconnect();
    }
    expect(await t.prisma.tenant.count({ where: { slug } })).toBe(0);
  });

  it('answers what the HTTP parser refuses (headers over its limit, not HTTP at all) as problem+json', async () => {
    const app = Fastify({ clientErrorHandler: answerClientError });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = app.server.address() as { port: number };
    const raw = (request: string) =>
      new Promise<string>((resolve, reject) => {
        const socket = connect(port, '127.0.0.1', () => socket.end(request));
        let answer = '';
        socket.on('data', (chunk) => {
          answer += chunk;
        });
        socket.on('close', () => resolve(answer));
        socket.on('error', reject);
      });
    for (const [request, status, type] of [
      [
        `GET /v1/members?q=${'%F0%9F%98%80'.repeat(2_000)} HTTP/1.1\r\nHost: x\r\n\r\n`,
        431,
        'request-header-fields-too-large',
      ],
      ['NOT HTTP\r\n\r\n', 400, 'bad-request'],
    ] as const) {
      const answer = await raw(request);
      const [head = '', body = ''] = answer.split('\r\n\r\n');
      expect(head).toMatch(new RegExp(`^HTTP/1.1 ${status} `));
      expect(head).toContain('Content-Type: application/problem+json; charset=utf-8');
      expect(JSON.parse(body)).toMatchObject({ type: `https://monet.dev/problems/${type}`, status });
    }
    await app.close();
  });
});
