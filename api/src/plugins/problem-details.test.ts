import Fastify, { type InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiTest, startApiTest } from '../../test/support.ts';
import problemDetails, { FRAMEWORK_PROBLEMS } from './problem-details.ts';

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
});
