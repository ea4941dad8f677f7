import { startTestGateway, startTestPostgres, startTestTemporal, tempDir } from '@loyaltystudio/engines/testing';
import { createPrismaClient, migrate } from '@loyaltystudio/prisma';
import { createClickHouseClient } from '@loyaltystudio/warehouse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, buildApp } from '../src/app.ts';
import { createAccessTokens } from '../src/auth/access-token.ts';
import { createTemporalProvider } from '../src/infra/temporal.ts';
import { createSystemService } from '../src/modules/system/system.service.ts';
import { TEST_SECRET } from './support.ts';
import { startWorkerProcess } from './worker-process.ts';

type Handle = { stop(): Promise<void> };

describe('system routes against real Postgres, ClickHouse gateway, Temporal and a worker', () => {
  const handles: Handle[] = [];
  let app: App;
  let temporal: Awaited<ReturnType<typeof startTestTemporal>>;
  let worker: Awaited<ReturnType<typeof startWorkerProcess>>;

  beforeAll(async () => {
    const [pg, gateway, tmp] = await Promise.all([startTestPostgres(), startTestGateway(), startTestTemporal()]);
    handles.push(pg, gateway, tmp);
    temporal = tmp;
    await migrate(pg.url);
    const prisma = createPrismaClient(pg.url);
    const clickhouse = createClickHouseClient({ url: gateway.url, username: 'monet', password: 'monet' });
    const provider = createTemporalProvider(tmp.address, tmp.namespace);
    // The provider's connection is not closed here: the last test stops Temporal under it, and the client keeps
    // retrying the probe call that stop abandoned; closing the channel beneath that retry throws from a timer. The
    // connection ends with this test file's process.
    handles.push({ stop: () => prisma.$disconnect() }, { stop: () => clickhouse.close() });

    const home = tempDir('system-worker');
    handles.push({ stop: async () => home.remove() });
    worker = await startWorkerProcess({
      temporalAddress: tmp.address,
      databaseUrl: pg.url,
      clickhouseUrl: gateway.url,
      home: home.path,
    });

    const system = createSystemService({
      version: 'test',
      prisma,
      clickhouse,
      temporal: provider.get,
      urls: { postgres: 'postgres', clickhouse: gateway.url, temporal: tmp.address },
      probeTimeoutMs: 3_000,
    });
    app = await buildApp({
      version: 'test',
      prisma,
      clickhouse,
      system,
      accessTokens: createAccessTokens(TEST_SECRET, 900),
    });
  }, 180_000);

  afterAll(async () => {
    await app?.close();
    await worker?.stop();
    for (const h of handles.reverse()) await h.stop().catch(() => {});
  });

  it('is live', async () => {
    const res = await app.inject({ method: 'GET', url: '/healthz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('is ready when Postgres, ClickHouse and Temporal answer', async () => {
    const res = await app.inject({ method: 'GET', url: '/readyz' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.status).toBe('ready');
    expect(body.services.map((s: { name: string; status: string }) => `${s.name}:${s.status}`)).toEqual([
      'postgres:up',
      'clickhouse:up',
      'temporal:up',
    ]);
    expect(body.services[0].detail).toMatch(/^PostgreSQL 18\./);
    expect(body.services[1].detail).toMatch(/^ClickHouse \d+\./);
  });

  it('runs the system-check workflow: the api starts it, the worker runs it, the api reads its result', async () => {
    const res = await app.inject({ method: 'POST', url: '/v1/system/workflow-checks' });
    expect(res.statusCode).toBe(200);
    const check = res.json();
    expect(check.status).toBe('up');
    expect(check.workflowId).toMatch(/^system-check:[0-9a-f-]{36}$/);
    expect(check.worker).toBe(`${(await import('node:os')).hostname()}/${worker.pid}`);
  });

  it('reports every service and the workflow round trip in the status', async () => {
    const res = await app.inject({ method: 'GET', url: '/v1/system/status' });
    expect(res.statusCode).toBe(200);
    const status = res.json();
    expect(status.status).toBe('ok');
    expect(status.services.map((s: { name: string }) => s.name)).toEqual([
      'postgres',
      'clickhouse',
      'temporal',
      'worker',
    ]);
    expect(status.services.every((s: { status: string }) => s.status === 'up')).toBe(true);
    expect(status.workflow.status).toBe('up');
  });

  it('exports Prometheus metrics with request latency by route', async () => {
    await app.inject({ method: 'GET', url: '/healthz' });
    const res = await app.inject({ method: 'GET', url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain');
    expect(res.body).toMatch(
      /monet_api_http_request_duration_seconds_count\{method="GET",route="\/healthz",status="200"\} \d+/,
    );
  });

  it('publishes OpenAPI 3.1 from the route schemas, and its reference at /docs', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/openapi.json' })).json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/healthz', '/readyz', '/v1/system/status', '/v1/system/workflow-checks']),
    );
    const docs = await app.inject({ method: 'GET', url: '/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.headers['content-type']).toContain('text/html');
  });

  it('answers an unknown route with problem+json', async () => {
    const res = await app.inject({ method: 'GET', url: '/v1/nothing-here?x=1' });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ status: 404, title: 'Not Found', detail: 'No route for GET /v1/nothing-here' });
  });

  it('reports Temporal down, and not ready, when it stops', async () => {
    await temporal.stop();
    const res = await app.inject({ method: 'GET', url: '/readyz' });
    expect(res.statusCode).toBe(503);
    const services = res.json().services as { name: string; status: string }[];
    expect(services.find((s) => s.name === 'temporal')?.status).toBe('down');
    expect(services.find((s) => s.name === 'postgres')?.status).toBe('up');
  });
});
