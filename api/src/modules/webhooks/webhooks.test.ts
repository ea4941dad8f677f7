import { createHmac } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { freePort, waitFor } from '@loyaltystudio/engines';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiTest, startApiTest, type TestTenant } from '../../../test/support.ts';
import { withTenant } from '../../infra/tenant-tx.ts';
import { createWebhookDispatcher } from './dispatcher.ts';
import { type EventPayload, type EventType, emit } from './outbox.ts';
import { REFUSED_DESTINATION, type Resolver } from './webhooks.destination.ts';
import type { WebhookSettings } from './webhooks.settings.ts';

/** A public address, handed out for names that are registered and never delivered to. */
const PUBLIC = '93.184.215.14';

/** What endpoint host names resolve to: answered here, never looked up in DNS. */
const names = new Map<string, string[]>([['example.com', [PUBLIC]]]);
const resolve: Resolver = async (host) => {
  const addresses = names.get(host);
  if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
  return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
};

/** The receivers below listen on 127.0.0.1: these tests run with the development setting on, explicitly. */
const settings: WebhookSettings = {
  allowLoopback: true,
  resolve,
  timeoutMs: 400,
  maxAttempts: 3,
  backoffBaseMs: 60,
  backoffMaxMs: 1000,
  pollIntervalMs: 20,
  concurrency: 4,
};

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A real HTTP receiver: each path answers with the script its test sets (status, delay) per call. */
class Receiver {
  readonly received: Received[] = [];
  private readonly scripts = new Map<string, (call: number) => { status: number; delayMs?: number }>();
  private server!: Server;
  port = 0;

  async start() {
    this.port = await freePort();
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c) => chunks.push(c));
      req.on('end', () => {
        const path = req.url ?? '/';
        this.received.push({ path, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        const call = this.received.filter((r) => r.path === path).length;
        const { status, delayMs = 0 } = this.scripts.get(path)?.(call) ?? { status: 200 };
        setTimeout(() => {
          if (res.destroyed) return;
          res.writeHead(status, { 'content-type': 'text/plain' }).end(`answer ${call} from ${path}`);
        }, delayMs);
      });
    });
    this.server.listen(this.port, '127.0.0.1');
    await once(this.server, 'listening');
  }

  url(path: string, script?: (call: number) => { status: number; delayMs?: number }) {
    if (script) this.scripts.set(path, script);
    return `http://127.0.0.1:${this.port}${path}`;
  }

  at(path: string) {
    return this.received.filter((r) => r.path === path);
  }

  async stop() {
    this.server.closeAllConnections();
    this.server.close();
  }
}

describe('webhooks', () => {
  let t: ApiTest;
  let a: TestTenant;
  let b: TestTenant;
  const receiver = new Receiver();

  beforeAll(async () => {
    [t] = await Promise.all([startApiTest({ webhooks: settings }), receiver.start()]);
    [a, b] = await Promise.all([t.tenant(), t.tenant()]);
  });
  afterAll(async () => {
    await receiver.stop();
    await t?.stop();
  });

  async function createEndpoint(tenant: TestTenant, url: string, eventTypes: string[] = ['*'], enabled = true) {
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/webhook-endpoints',
      headers: tenant.as('admin'),
      payload: { url, eventTypes, enabled },
    });
    expect(res.statusCode).toBe(201);
    return res.json() as { id: string; secret: string; url: string };
  }

  function emitEvent(
    tenant: TestTenant,
    type: EventType = 'points.earned',
    data: EventPayload = { memberId: 'm-1', points: 120 },
  ) {
    return withTenant(t.prisma, tenant.id, (tx) => emit(tx, tenant.id, type, data));
  }

  async function deliveriesOf(endpointId: string) {
    return t.prisma.webhookDelivery.findMany({ where: { endpointId }, orderBy: { createdAt: 'asc' } });
  }

  async function attemptsOf(deliveryId: string) {
    return t.prisma.webhookAttempt.findMany({ where: { deliveryId }, orderBy: { attemptedAt: 'asc' } });
  }

  it('registers an endpoint, shows its secret only on creation and rotation, and audits without the secret', async () => {
    const created = await createEndpoint(a, 'https://example.com/hooks', ['points.earned', 'tier.changed']);
    expect(created).toMatchObject({ eventTypes: ['points.earned', 'tier.changed'], enabled: true, disabledAt: null });
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9_-]{32}$/);

    const got = await t.app.inject({
      method: 'GET',
      url: `/v1/webhook-endpoints/${created.id}`,
      headers: a.as('owner'),
    });
    expect(got.json()).not.toHaveProperty('secret');
    const list = await t.app.inject({ method: 'GET', url: '/v1/webhook-endpoints', headers: a.as('owner') });
    expect(list.json().items.map((e: { id: string }) => e.id)).toContain(created.id);
    expect(list.json().items.every((e: object) => !('secret' in e))).toBe(true);

    const disabled = await t.app.inject({
      method: 'PATCH',
      url: `/v1/webhook-endpoints/${created.id}`,
      headers: a.as('admin'),
      payload: { enabled: false, eventTypes: ['*'] },
    });
    expect(disabled.json()).toMatchObject({ enabled: false, eventTypes: ['*'], disabledAt: expect.any(String) });

    const rotated = await t.app.inject({
      method: 'POST',
      url: `/v1/webhook-endpoints/${created.id}/rotate-secret`,
      headers: a.as('owner'),
    });
    expect(rotated.statusCode).toBe(200);
    expect(rotated.json().secret).toMatch(/^whsec_/);
    expect(rotated.json().secret).not.toBe(created.secret);

    const removed = await t.app.inject({
      method: 'DELETE',
      url: `/v1/webhook-endpoints/${created.id}`,
      headers: a.as('owner'),
    });
    expect(removed.statusCode).toBe(204);
    const gone = await t.app.inject({
      method: 'GET',
      url: `/v1/webhook-endpoints/${created.id}`,
      headers: a.as('owner'),
    });
    expect(gone.statusCode).toBe(404);

    const log = await t.prisma.auditLog.findMany({ where: { entityId: created.id }, orderBy: { createdAt: 'asc' } });
    expect(log.map((e) => e.action)).toEqual([
      'webhook_endpoint.create',
      'webhook_endpoint.update',
      'webhook_endpoint.rotate_secret',
      'webhook_endpoint.delete',
    ]);
    expect(JSON.stringify(log)).not.toContain('whsec_');
  });

  it('delivers a signed event to subscribed, enabled endpoints of its own tenant only', async () => {
    const all = await createEndpoint(a, receiver.url('/a-all'));
    await createEndpoint(a, receiver.url('/a-earned'), ['points.earned']);
    await createEndpoint(a, receiver.url('/a-tier'), ['tier.changed']);
    await createEndpoint(a, receiver.url('/a-off'), ['*'], false);
    await createEndpoint(b, receiver.url('/b-all'));

    const event = await emitEvent(a, 'points.earned', { memberId: 'm-1', points: 120 });
    await createWebhookDispatcher(t.prisma, settings).drain();

    expect(receiver.at('/a-tier')).toEqual([]);
    expect(receiver.at('/a-off')).toEqual([]);
    expect(receiver.at('/b-all')).toEqual([]);
    expect(receiver.at('/a-earned')).toHaveLength(1);
    const [got] = receiver.at('/a-all');
    expect(receiver.at('/a-all')).toHaveLength(1);

    const body = JSON.parse(got!.body);
    expect(body).toEqual({
      id: event.id,
      type: 'points.earned',
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      tenantId: a.id,
      data: { memberId: 'm-1', points: 120 },
    });
    expect(got!.headers['content-type']).toBe('application/json');
    expect(got!.headers['monet-webhook-id']).toBe(event.id);
    const timestamp = Number(got!.headers['monet-webhook-timestamp']);
    expect(Math.abs(timestamp - Date.now() / 1000)).toBeLessThan(10);
    const expected = createHmac('sha256', all.secret).update(`${timestamp}.${got!.body}`).digest('hex');
    expect(got!.headers['monet-signature']).toBe(`v1=${expected}`);

    const [delivery] = await deliveriesOf(all.id);
    expect(delivery).toMatchObject({ tenantId: a.id, outboxEventId: event.id, status: 'succeeded', attempts: 1 });
    const detail = await t.app.inject({
      method: 'GET',
      url: `/v1/webhook-deliveries/${delivery!.id}`,
      headers: a.as('admin'),
    });
    expect(detail.json()).toMatchObject({
      id: delivery!.id,
      endpointId: all.id,
      eventId: event.id,
      eventType: 'points.earned',
      status: 'succeeded',
      attemptCount: 1,
      event: { id: event.id, type: 'points.earned', data: { memberId: 'm-1', points: 120 } },
      attempts: [{ statusCode: 200, error: null, responseBody: 'answer 1 from /a-all' }],
    });
    expect(detail.json().attempts[0].durationMs).toBeGreaterThanOrEqual(0);
    expect((await t.prisma.outboxEvent.findUniqueOrThrow({ where: { id: event.id } })).routedAt).not.toBeNull();
  });

  it('retries a failing endpoint with growing, jittered waits, then succeeds', async () => {
    const tenant = await t.tenant();
    const endpoint = await createEndpoint(
      tenant,
      receiver.url('/flaky', (call) => ({ status: call < 3 ? 500 : 204 })),
    );
    await emitEvent(tenant);
    const dispatcher = createWebhookDispatcher(t.prisma, settings);
    dispatcher.start();
    try {
      await waitFor('delivery succeeded', async () => (await deliveriesOf(endpoint.id))[0]?.status === 'succeeded', {
        timeoutMs: 10_000,
        intervalMs: 20,
      });
    } finally {
      await dispatcher.stop();
    }
    const [delivery] = await deliveriesOf(endpoint.id);
    expect(delivery!.attempts).toBe(3);
    const attempts = await attemptsOf(delivery!.id);
    expect(attempts.map((x) => [x.statusCode, x.error])).toEqual([
      [500, 'endpoint answered 500'],
      [500, 'endpoint answered 500'],
      [204, null],
    ]);
    expect(attempts[0]!.responseBody).toBe('answer 1 from /flaky');
    // Waits are between half and all of base·2^(n-1): ≥ 30 ms after the first failure, ≥ 60 ms after the second.
    const gaps = attempts.slice(1).map((x, i) => x.attemptedAt.getTime() - attempts[i]!.attemptedAt.getTime());
    expect(gaps[0]).toBeGreaterThanOrEqual(30);
    expect(gaps[1]).toBeGreaterThanOrEqual(60);
  });

  it('gives up after the last attempt, and times out slow endpoints', async () => {
    const tenant = await t.tenant();
    const down = await createEndpoint(
      tenant,
      receiver.url('/down', () => ({ status: 503 })),
    );
    const slow = await createEndpoint(
      tenant,
      receiver.url('/slow', () => ({ status: 200, delayMs: 2_000 })),
    );
    await emitEvent(tenant);
    const dispatcher = createWebhookDispatcher(t.prisma, { ...settings, backoffBaseMs: 1, backoffMaxMs: 1 });
    const started = Date.now();
    await waitFor(
      'both deliveries failed',
      async () => {
        await dispatcher.drain();
        const rows = [...(await deliveriesOf(down.id)), ...(await deliveriesOf(slow.id))];
        return rows.every((r) => r.status === 'failed');
      },
      { timeoutMs: 10_000, intervalMs: 10 },
    );
    expect(Date.now() - started).toBeLessThan(2_000 * settings.maxAttempts);

    const [downDelivery] = await deliveriesOf(down.id);
    expect(downDelivery!.attempts).toBe(settings.maxAttempts);
    expect((await attemptsOf(downDelivery!.id)).map((x) => x.statusCode)).toEqual([503, 503, 503]);

    const [slowDelivery] = await deliveriesOf(slow.id);
    const slowAttempts = await attemptsOf(slowDelivery!.id);
    expect(slowAttempts).toHaveLength(settings.maxAttempts);
    for (const x of slowAttempts) {
      expect(x).toMatchObject({ statusCode: null, error: `timed out after ${settings.timeoutMs} ms` });
      expect(x.durationMs).toBeGreaterThanOrEqual(settings.timeoutMs - 5);
      expect(x.durationMs).toBeLessThan(2_000);
    }

    await dispatcher.drain();
    expect(receiver.at('/down')).toHaveLength(settings.maxAttempts);
  });

  it('replays any delivery now, logging the attempt', async () => {
    const tenant = await t.tenant();
    let healthy = false;
    const endpoint = await createEndpoint(
      tenant,
      receiver.url('/replay', () => ({ status: healthy ? 200 : 500 })),
    );
    await emitEvent(tenant);
    await createWebhookDispatcher(t.prisma, { ...settings, maxAttempts: 1 }).drain();
    const [delivery] = await deliveriesOf(endpoint.id);
    expect(delivery).toMatchObject({ status: 'failed', attempts: 1 });

    const stillDown = await t.app.inject({
      method: 'POST',
      url: `/v1/webhook-deliveries/${delivery!.id}/replay`,
      headers: tenant.as('admin'),
    });
    expect(stillDown.statusCode).toBe(200);
    expect(stillDown.json()).toMatchObject({ status: 'failed', attemptCount: 2 });

    healthy = true;
    const replayed = await t.app.inject({
      method: 'POST',
      url: `/v1/webhook-deliveries/${delivery!.id}/replay`,
      headers: tenant.as('owner'),
    });
    expect(replayed.json()).toMatchObject({ status: 'succeeded', attemptCount: 3 });
    expect(replayed.json().attempts.map((x: { statusCode: number }) => x.statusCode)).toEqual([500, 500, 200]);

    // A delivered event can be sent again on demand; the receiver sees the same event id each time.
    const again = await t.app.inject({
      method: 'POST',
      url: `/v1/webhook-deliveries/${delivery!.id}/replay`,
      headers: tenant.as('owner'),
    });
    expect(again.json()).toMatchObject({ status: 'succeeded', attemptCount: 4 });
    expect(new Set(receiver.at('/replay').map((r) => r.headers['monet-webhook-id']))).toEqual(
      new Set([delivery!.outboxEventId]),
    );
    const log = await t.prisma.auditLog.findMany({ where: { entityId: delivery!.id } });
    expect(log.map((e) => e.action)).toEqual([
      'webhook_delivery.replay',
      'webhook_delivery.replay',
      'webhook_delivery.replay',
    ]);
  });

  it('delivers each event exactly once with two dispatchers running side by side', async () => {
    const tenant = await t.tenant();
    const endpoint = await createEndpoint(
      tenant,
      receiver.url('/parallel', () => ({ status: 200, delayMs: 5 })),
    );
    const events = await Promise.all(
      Array.from({ length: 60 }, (_, i) => emitEvent(tenant, 'points.earned', { n: i })),
    );
    const dispatchers = [createWebhookDispatcher(t.prisma, settings), createWebhookDispatcher(t.prisma, settings)];
    for (const d of dispatchers) d.start();
    try {
      await waitFor(
        'all delivered',
        async () =>
          (await t.prisma.webhookDelivery.count({ where: { endpointId: endpoint.id, status: 'succeeded' } })) === 60,
        { timeoutMs: 15_000, intervalMs: 20 },
      );
    } finally {
      await Promise.all(dispatchers.map((d) => d.stop()));
    }
    const ids = receiver.at('/parallel').map((r) => r.headers['monet-webhook-id']);
    expect(ids).toHaveLength(60);
    expect(new Set(ids)).toEqual(new Set(events.map((e) => e.id)));
    expect(await t.prisma.webhookAttempt.count({ where: { tenantId: tenant.id } })).toBe(60);
  });

  it('stops gracefully: no new claims, and the attempt in flight is logged before stop() returns', async () => {
    const tenant = await t.tenant();
    const endpoint = await createEndpoint(
      tenant,
      receiver.url('/slow-stop', () => ({ status: 200, delayMs: 200 })),
    );
    await emitEvent(tenant);
    // A long poll: once the first event is claimed, the loop sleeps until stop() wakes it.
    const dispatcher = createWebhookDispatcher(t.prisma, { ...settings, pollIntervalMs: 60_000 });
    dispatcher.start();
    await waitFor('attempt in flight', async () => receiver.at('/slow-stop').length === 1, { intervalMs: 5 });
    await emitEvent(tenant);
    await dispatcher.stop();
    const deliveries = await deliveriesOf(endpoint.id);
    expect(deliveries.find((d) => d.attempts === 1)).toMatchObject({ status: 'succeeded' });
    expect(await t.prisma.webhookAttempt.count({ where: { tenantId: tenant.id } })).toBe(1);
    // The second event waits for the next dispatcher.
    await createWebhookDispatcher(t.prisma, settings).drain();
    expect(receiver.at('/slow-stop')).toHaveLength(2);
  });

  it('lists deliveries newest first, filtered by endpoint, status and event type, a page at a time', async () => {
    const tenant = await t.tenant();
    const ok = await createEndpoint(tenant, receiver.url('/list-ok'));
    const bad = await createEndpoint(
      tenant,
      receiver.url('/list-bad', () => ({ status: 500 })),
      ['tier.changed'],
    );
    await emitEvent(tenant, 'points.earned');
    await emitEvent(tenant, 'tier.changed', { memberId: 'm-1', from: 'Silver', to: 'Gold' });
    await emitEvent(tenant, 'points.earned');
    await createWebhookDispatcher(t.prisma, { ...settings, maxAttempts: 1 }).drain();

    const get = async (query: string) => {
      const res = await t.app.inject({
        method: 'GET',
        url: `/v1/webhook-deliveries?${query}`,
        headers: tenant.as('admin'),
      });
      expect(res.statusCode).toBe(200);
      return res.json() as {
        items: { endpointId: string; eventType: string; status: string; createdAt: string }[];
        nextCursor: string;
      };
    };
    const everything = (await get('')).items;
    expect(everything.map((d) => d.eventType).sort()).toEqual([
      'points.earned',
      'points.earned',
      'tier.changed',
      'tier.changed',
    ]);
    const times = everything.map((d) => d.createdAt);
    expect(times).toEqual([...times].sort().reverse());
    expect((await get(`endpointId=${bad.id}`)).items).toMatchObject([{ endpointId: bad.id, status: 'failed' }]);
    expect((await get('status=succeeded')).items).toHaveLength(3);
    expect((await get('eventType=tier.changed')).items.map((d) => d.endpointId).sort()).toEqual([ok.id, bad.id].sort());

    const first = await get('limit=3');
    expect(first.items).toHaveLength(3);
    const second = await get(`limit=3&cursor=${first.nextCursor}`);
    expect(second.nextCursor).toBeNull();
    expect([...first.items, ...second.items]).toEqual(everything);
  });

  it("answers 404 for another tenant's endpoints and deliveries, on every route", async () => {
    const theirs = await createEndpoint(b, receiver.url('/b-isolated'));
    await emitEvent(b);
    await createWebhookDispatcher(t.prisma, settings).drain();
    const [delivery] = await deliveriesOf(theirs.id);
    const routes = [
      ['GET', `/v1/webhook-endpoints/${theirs.id}`, undefined],
      ['PATCH', `/v1/webhook-endpoints/${theirs.id}`, { enabled: false }],
      ['DELETE', `/v1/webhook-endpoints/${theirs.id}`, undefined],
      ['POST', `/v1/webhook-endpoints/${theirs.id}/rotate-secret`, undefined],
      ['GET', `/v1/webhook-deliveries/${delivery!.id}`, undefined],
      ['POST', `/v1/webhook-deliveries/${delivery!.id}/replay`, undefined],
    ] as const;
    for (const [method, url, payload] of routes) {
      const res = await t.app.inject({ method, url, headers: a.as('owner'), payload });
      expect([method, url, res.statusCode]).toEqual([method, url, 404]);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    const endpoints = await t.app.inject({
      method: 'GET',
      url: '/v1/webhook-endpoints?limit=200',
      headers: a.as('owner'),
    });
    expect(endpoints.json().items.some((e: { id: string }) => e.id === theirs.id)).toBe(false);
    const deliveries = await t.app.inject({
      method: 'GET',
      url: `/v1/webhook-deliveries?endpointId=${theirs.id}`,
      headers: a.as('owner'),
    });
    expect(deliveries.json().items).toEqual([]);
    expect(await t.prisma.webhookEndpoint.findUniqueOrThrow({ where: { id: theirs.id } })).toMatchObject({
      enabled: true,
      secret: theirs.secret,
    });
    expect(receiver.at('/b-isolated')).toHaveLength(1);
  });

  it('gives each role exactly its access', async () => {
    const expected = { owner: 201, admin: 201, marketer: 403, analyst: 403, viewer: 403 } as const;
    for (const [role, status] of Object.entries(expected)) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/v1/webhook-endpoints',
        headers: a.as(role as keyof typeof expected),
        payload: { url: 'https://example.com/roles', eventTypes: ['*'] },
      });
      expect([role, res.statusCode]).toEqual([role, status]);
      const list = await t.app.inject({
        method: 'GET',
        url: '/v1/webhook-deliveries',
        headers: a.as(role as keyof typeof expected),
      });
      expect([role, list.statusCode]).toEqual([role, status === 201 ? 200 : 403]);
    }
    expect((await t.app.inject({ method: 'GET', url: '/v1/webhook-endpoints' })).statusCode).toBe(401);
  });

  it('refuses bad input with the path of each bad field', async () => {
    const post = (payload: unknown) =>
      t.app.inject({
        method: 'POST',
        url: '/v1/webhook-endpoints',
        headers: a.as('owner'),
        payload: payload as object,
      });
    const paths = async (payload: unknown) =>
      (await post(payload))
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort();

    const insecure = await post({ url: 'http://example.com/hook', eventTypes: ['*'] });
    expect(insecure.statusCode).toBe(400);
    expect(insecure.json().errors).toEqual([
      { path: 'body.url', message: 'must be an https URL (http is accepted only for loopback addresses)' },
    ]);
    expect(await paths({ url: 'https://example.com', eventTypes: ['points.earned', 'points.stolen'] })).toEqual([
      'body.eventTypes.1',
    ]);
    expect(await paths({ url: 'https://example.com', eventTypes: [] })).toEqual(['body.eventTypes']);
    expect(await paths({ url: 'https://example.com', eventTypes: ['*'], secret: 'mine' })).toEqual(['body.secret']);
    expect(await paths({ eventTypes: ['*'] })).toEqual(['body.url']);

    const endpoint = await createEndpoint(a, 'https://example.com/patch');
    const patch = await t.app.inject({
      method: 'PATCH',
      url: `/v1/webhook-endpoints/${endpoint.id}`,
      headers: a.as('owner'),
      payload: { url: 'ftp://example.com' },
    });
    expect(patch.json().errors).toEqual([
      { path: 'body.url', message: 'must be an https URL (http is accepted only for loopback addresses)' },
    ]);
    const filters = await t.app.inject({
      method: 'GET',
      url: '/v1/webhook-deliveries?status=lost&eventType=nope&endpointId=42',
      headers: a.as('owner'),
    });
    expect(
      filters
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort(),
    ).toEqual(['querystring.endpointId', 'querystring.eventType', 'querystring.status']);
  });

  it('refuses endpoints on internal addresses when they are registered or changed', async () => {
    names.set('intranet.example.com', ['10.20.30.40']);
    names.set('split.example.com', [PUBLIC, '192.168.0.7']);
    const notPublic = {
      path: 'body.url',
      message:
        'must reach a public address: loopback, private, link-local, shared (CGNAT), reserved and cloud metadata ' +
        'addresses are refused',
    };
    for (const url of [
      'https://10.0.0.1/hook',
      'https://172.20.0.5/hook',
      'https://100.64.0.9/hook',
      'https://169.254.169.254/latest/meta-data/',
      'https://[fd00:ec2::254]/',
      'https://[fe80::1]/',
      'https://0.0.0.0/',
      'https://metadata.google.internal/computeMetadata/v1/',
      'https://intranet.example.com/hook',
      'https://split.example.com/hook',
    ]) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/v1/webhook-endpoints',
        headers: a.as('owner'),
        payload: { url, eventTypes: ['*'] },
      });
      expect([url, res.statusCode]).toEqual([url, 400]);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().errors).toEqual([notPublic]);
    }

    // Registered, never delivered to: disabled, and no event of its tenant follows.
    const endpoint = await createEndpoint(a, 'https://example.com/moving', ['*'], false);
    const moved = await t.app.inject({
      method: 'PATCH',
      url: `/v1/webhook-endpoints/${endpoint.id}`,
      headers: a.as('owner'),
      payload: { url: 'https://intranet.example.com/hook' },
    });
    expect(moved.statusCode).toBe(400);
    expect(moved.json().errors).toEqual([notPublic]);
    expect((await t.prisma.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } })).url).toBe(
      'https://example.com/moving',
    );
  });

  it('refuses to deliver to loopback without the development setting, and records only that it refused', async () => {
    const tenant = await t.tenant();
    const endpoint = await createEndpoint(tenant, receiver.url('/no-loopback'));
    await emitEvent(tenant);
    await createWebhookDispatcher(t.prisma, { ...settings, allowLoopback: false, maxAttempts: 1 }).drain();
    expect(receiver.at('/no-loopback')).toEqual([]);

    const [delivery] = await deliveriesOf(endpoint.id);
    const detail = await t.app.inject({
      method: 'GET',
      url: `/v1/webhook-deliveries/${delivery!.id}`,
      headers: tenant.as('admin'),
    });
    expect(detail.json()).toMatchObject({
      status: 'failed',
      attempts: [{ statusCode: null, error: REFUSED_DESTINATION, responseBody: null }],
    });
  });

  it('checks the address again on replay, where the name points now (DNS rebinding)', async () => {
    const tenant = await t.tenant();
    names.set('rebind.test', ['127.0.0.1']);
    const endpoint = await createEndpoint(tenant, `http://rebind.test:${receiver.port}/rebind`);
    await emitEvent(tenant);
    await createWebhookDispatcher(t.prisma, settings).drain();
    expect(receiver.at('/rebind')).toHaveLength(1);
    const [delivery] = await deliveriesOf(endpoint.id);

    // 0.0.0.0 reaches this machine's services too; the development setting opens loopback addresses only.
    names.set('rebind.test', ['0.0.0.0']);
    const replayed = await t.app.inject({
      method: 'POST',
      url: `/v1/webhook-deliveries/${delivery!.id}/replay`,
      headers: tenant.as('owner'),
    });
    expect(replayed.statusCode).toBe(200);
    expect(replayed.json()).toMatchObject({
      status: 'succeeded',
      attemptCount: 2,
      attempts: [
        { statusCode: 200, error: null },
        { statusCode: null, error: REFUSED_DESTINATION, responseBody: null },
      ],
    });
    expect(receiver.at('/rebind')).toHaveLength(1);
  });
});
