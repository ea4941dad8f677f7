import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiTest, startApiTest, type TestTenant } from '../../../test/support.ts';

interface Listed {
  id: string;
  mart: string;
  status: string;
  bytesWritten: number;
  createdBy: { type: string; id: string; name: string | null };
  createdAt: string;
  download: { url: string } | null;
}

/**
 * GET /v1/exports on a real Postgres. The list reads only Postgres, so its rows are written here as the writer
 * leaves them; the writing itself is exports.test.ts's.
 */
describe('GET /v1/exports', () => {
  let t: ApiTest;
  let a: TestTenant;
  let b: TestTenant;
  let keyId: string;
  let keySecret: string;

  const row = (tenant: TestTenant, n: number, extra: Record<string, unknown> = {}) => ({
    tenantId: tenant.id,
    mart: n % 2 ? 'member_rfm' : 'member_360',
    format: 'csv' as const,
    columns: ['member_id'],
    status: 'succeeded' as const,
    rowsTotal: BigInt(n),
    rowsWritten: BigInt(n),
    bytesWritten: BigInt(100 * n),
    actorType: 'user',
    actorId: tenant.users.analyst.id,
    createdAt: new Date(Date.UTC(2026, 10, 1, 12, n)),
    ...extra,
  });

  const list = (tenant: TestTenant, query = '', headers: Record<string, string> = tenant.as('analyst')) =>
    t.app.inject({ method: 'GET', url: `/v1/exports${query}`, headers });

  beforeAll(async () => {
    t = await startApiTest();
    [a, b] = await Promise.all([t.tenant(), t.tenant()]);
    const key = await t.app.inject({
      method: 'POST',
      url: '/v1/api-keys',
      headers: a.as('owner'),
      payload: { name: 'Nightly BI sync', scopes: ['exports:create'] },
    });
    expect(key.statusCode, key.body).toBe(201);
    keyId = key.json().id;
    keySecret = key.json().key;
    await t.prisma.export.createMany({
      data: [
        ...[1, 2, 3, 4].map((n) => row(a, n)),
        row(a, 5, { status: 'failed', error: 'Timed out', actorType: 'api_key', actorId: keyId }),
        // Interrupted: still running, its heartbeat stopped long ago.
        row(a, 6, { status: 'running', updatedAt: new Date(Date.UTC(2026, 10, 1)) }),
        row(b, 7),
      ],
    });
  }, 120_000);

  afterAll(async () => {
    await t?.stop();
  });

  it('pages the tenant’s exports newest first, with who asked, their size and download links', async () => {
    const first = await list(a, '?limit=4');
    expect(first.statusCode, first.body).toBe(200);
    const page1 = first.json() as { items: Listed[]; nextCursor: string | null };
    expect(page1.items.map((e) => e.bytesWritten)).toEqual([600, 500, 400, 300]);
    expect(page1.items[0]).toMatchObject({ status: 'failed', download: null });
    expect(page1.items[1]).toMatchObject({
      status: 'failed',
      createdBy: { type: 'api_key', id: keyId, name: 'Nightly BI sync' },
      download: null,
    });
    expect(page1.items[2]).toMatchObject({
      mart: 'member_360',
      createdBy: { type: 'user', id: a.users.analyst.id, name: 'analyst' },
      createdAt: '2026-11-01T12:04:00.000Z',
    });
    expect(page1.items[2]?.download?.url).toMatch(/^\/v1\/exports\/[0-9a-f-]{36}\/download\?expires=\d+&signature=/);
    expect(page1.nextCursor).toEqual(expect.any(String));

    const page2 = (await list(a, `?limit=4&cursor=${page1.nextCursor}`)).json() as typeof page1;
    expect(page2.items.map((e) => e.bytesWritten)).toEqual([200, 100]);
    expect(page2.nextCursor).toBeNull();
  });

  it('filters by status, and the link it gives downloads only for the tenant (the file itself is not here: 410)', async () => {
    const page = (await list(a, '?status=succeeded')).json() as { items: Listed[] };
    expect(page.items.map((e) => e.bytesWritten)).toEqual([400, 300, 200, 100]);
    const url = page.items[0]?.download?.url as string;
    expect((await t.app.inject({ method: 'GET', url, headers: a.as('analyst') })).statusCode).toBe(410);
    expect((await t.app.inject({ method: 'GET', url, headers: b.as('analyst') })).statusCode).toBe(404);
  });

  it('never lists another tenant’s exports', async () => {
    const ofB = (await list(b)).json() as { items: Listed[] };
    expect(ofB.items.map((e) => e.bytesWritten)).toEqual([700]);
    const ofA = (await list(a, '?limit=200')).json() as { items: Listed[] };
    expect(ofA.items.map((e) => e.id)).not.toContain(ofB.items[0]?.id);
    // A cursor made from B's newest export does not reach into B from A.
    const cursor = Buffer.from(
      JSON.stringify({ createdAt: '2027-01-01T00:00:00.000Z', id: ofB.items[0]?.id }),
    ).toString('base64url');
    const fromA = (await list(a, `?cursor=${cursor}`)).json() as { items: Listed[] };
    expect(fromA.items.every((e) => e.createdBy.id !== b.users.analyst.id)).toBe(true);
    expect(fromA.items).toHaveLength(6);
  });

  it('is readable with an API key holding exports:create', async () => {
    const res = await list(a, '?limit=1', { authorization: `Bearer ${keySecret}` });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().items).toHaveLength(1);
  });

  it('needs exports:create', async () => {
    expect((await list(a, '', a.as('viewer'))).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/v1/exports' })).statusCode).toBe(401);
  });

  it.each([
    ['?cursor=not-a-cursor', 'querystring.cursor'],
    ['?status=done', 'querystring.status'],
    ['?limit=0', 'querystring.limit'],
    ['?limit=201', 'querystring.limit'],
    ['?tenantId=x', 'querystring.tenantId'],
  ])('refuses %s with problem+json 400 naming %s', async (query, path) => {
    const res = await list(a, query);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().errors.map((e: { path: string }) => e.path)).toContain(path);
  });
});
