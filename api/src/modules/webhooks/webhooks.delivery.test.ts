import { createHmac } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { freePort } from '@loyaltystudio/engines';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InvalidRequestError } from '../../errors.ts';
import { type DeliveryOptions, retryDelayMs, sendWebhook, signature, webhookBody } from './webhooks.delivery.ts';
import { REFUSED_DESTINATION, type Resolver } from './webhooks.destination.ts';
import { checkEndpointUrl } from './webhooks.service.ts';

// Every connection these tests make, or would make if a check failed, goes to a loopback address. Names are answered
// by the resolvers below: none of them is looked up in DNS.

/** A public address, handed out at registration only: nothing connects to it. */
const PUBLIC = '93.184.215.14';

/** Answers from a table; counts the questions. Unknown names do not resolve. */
function tableResolver(table: Record<string, string[] | (() => string[])>): Resolver & { calls: string[] } {
  const calls: string[] = [];
  const resolve = async (host: string) => {
    calls.push(host);
    const entry = table[host];
    const addresses = typeof entry === 'function' ? entry() : entry;
    if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
    return addresses.map((a) => ({ address: a, family: a.includes(':') ? 6 : 4 }));
  };
  return Object.assign(resolve, { calls });
}

const message = {
  eventId: '00000000-0000-4000-8000-000000000001',
  type: 'points.earned',
  createdAt: new Date('2026-11-24T10:00:00.000Z'),
  tenantId: '00000000-0000-4000-8000-000000000002',
  data: { points: 120 },
};

/** A loopback HTTP server that counts connections (a TLS attempt counts too) and requests. */
class LoopbackServer {
  connections = 0;
  readonly paths: string[] = [];
  private server!: Server;
  port = 0;

  constructor(private readonly answer: (path: string) => { status: number; headers?: Record<string, string> }) {}

  async start() {
    this.server = createServer((req, res) => {
      this.paths.push(req.url ?? '/');
      req.resume();
      req.on('end', () => {
        const { status, headers } = this.answer(req.url ?? '/');
        res.writeHead(status, { 'content-type': 'text/plain', ...headers }).end(`answer to ${req.url}`);
      });
    });
    this.server.on('connection', () => {
      this.connections += 1;
    });
    this.server.listen(0, '127.0.0.1');
    await once(this.server, 'listening');
    this.port = (this.server.address() as AddressInfo).port;
  }

  async stop() {
    this.server.closeAllConnections();
    this.server.close();
  }
}

async function refusalOf(url: string, options: DeliveryOptions) {
  try {
    await checkEndpointUrl(url, options);
  } catch (err) {
    return err;
  }
}

describe('webhook delivery', () => {
  it('signs "<timestamp>.<body>" with HMAC-SHA256 of the secret', () => {
    const body = webhookBody(message);
    expect(JSON.parse(body)).toEqual({
      id: '00000000-0000-4000-8000-000000000001',
      type: 'points.earned',
      createdAt: '2026-11-24T10:00:00.000Z',
      tenantId: '00000000-0000-4000-8000-000000000002',
      data: { points: 120 },
    });
    const expected = createHmac('sha256', 'whsec_test').update(`1700000000.${body}`).digest('hex');
    expect(signature('whsec_test', 1_700_000_000, body)).toBe(`v1=${expected}`);
  });

  it('backs off exponentially with equal jitter, up to the ceiling', () => {
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, 1000, 60_000, () => 0))).toEqual([500, 1000, 2000, 4000]);
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, 1000, 60_000, () => 1))).toEqual([1000, 2000, 4000, 8000]);
    expect(retryDelayMs(30, 1000, 60_000, () => 1)).toBe(60_000);
    expect(retryDelayMs(1000, 1000, 60_000, () => 0)).toBe(30_000);
  });

  describe('endpoint URLs at registration', () => {
    const resolve = tableResolver({
      'example.com': [PUBLIC],
      'dual.example.com': [PUBLIC, '2606:4700::1111'],
      'intranet.example.com': ['10.1.2.3'],
      'split.example.com': [PUBLIC, '192.168.1.20'],
      'v6-internal.example.com': ['fd12:3456::1'],
      'lb.example.com': ['127.0.0.1'],
    });
    const prod: DeliveryOptions = { allowLoopback: false, timeoutMs: 1_000, resolve };
    const dev: DeliveryOptions = { ...prod, allowLoopback: true };

    it('takes https to public addresses, and loopback (http or https) only under the development setting', async () => {
      for (const url of [
        'https://example.com/hook',
        'https://dual.example.com/hook',
        `https://${PUBLIC}/hook`,
        'https://[2606:4700::1111]/hook',
        // A name that does not resolve yet is taken: every attempt checks it again.
        'https://not-yet.example.com/hook',
      ]) {
        expect([url, await refusalOf(url, prod)]).toEqual([url, undefined]);
      }
      for (const url of [
        'http://127.0.0.1:9000/hook',
        'https://127.0.0.1:9000/hook',
        'http://127.0.0.2/hook',
        'http://lb.example.com/hook',
        'http://[::1]:8080/',
        'https://[::ffff:127.0.0.1]/',
      ]) {
        expect([url, await refusalOf(url, dev)]).toEqual([url, undefined]);
      }
    });

    it('refuses other schemes, and http beyond loopback', async () => {
      for (const [url, options, text] of [
        ['http://example.com/hook', prod, 'must be an https URL'],
        ['http://127.0.0.1:9000/hook', prod, 'must be an https URL'],
        ['http://example.com/hook', dev, 'must be an https URL (http is accepted only for loopback addresses)'],
        ['http://10.0.0.1/hook', dev, 'must be an https URL (http is accepted only for loopback addresses)'],
        ['ftp://example.com/', dev, 'must be an https URL (http is accepted only for loopback addresses)'],
        ['not a url', dev, 'is not a URL'],
      ] as const) {
        const refused = await refusalOf(url, options);
        expect(refused, url).toBeInstanceOf(InvalidRequestError);
        expect((refused as InvalidRequestError).extensions.errors).toEqual([{ path: 'body.url', message: text }]);
      }
    });

    it('refuses hosts that are, or resolve to, internal addresses', async () => {
      const refusedInProd = [
        'https://127.0.0.1/hook',
        'https://localhost.example.com@127.0.0.1/hook',
        'https://0x7f.1/hook',
        'https://[::1]/hook',
        'https://[::ffff:127.0.0.1]/hook',
        'https://lb.example.com/hook',
      ];
      const refusedAlways = [
        'https://10.0.0.1/hook',
        'https://172.16.5.4/hook',
        'https://192.168.0.10/hook',
        'https://100.64.1.1/hook',
        'https://169.254.169.254/latest/meta-data/',
        'https://[fd00:ec2::254]/',
        'https://[fe80::1]/',
        'https://[fc00::1]/',
        'https://0.0.0.0/',
        'https://255.255.255.255/',
        'https://224.0.0.1/',
        'https://metadata.google.internal/computeMetadata/v1/',
        'https://metadata/',
        'https://intranet.example.com/hook',
        'https://split.example.com/hook',
        'https://v6-internal.example.com/hook',
      ];
      const cases = [
        ...refusedInProd.map((url) => [url, prod] as const),
        ...refusedAlways.flatMap((url) => [[url, prod] as const, [url, dev] as const]),
      ];
      for (const [url, options] of cases) {
        const refused = await refusalOf(url, options);
        expect([url, options.allowLoopback, refused]).toEqual([
          url,
          options.allowLoopback,
          expect.any(InvalidRequestError),
        ]);
        expect((refused as InvalidRequestError).extensions.errors).toEqual([
          {
            path: 'body.url',
            message:
              'must reach a public address: loopback, private, link-local, shared (CGNAT), reserved and cloud ' +
              'metadata addresses are refused',
          },
        ]);
      }
      expect(resolve.calls).not.toContain('metadata.google.internal');
    });
  });

  describe('at connection time', () => {
    const other = new LoopbackServer(() => ({ status: 200 }));
    const server = new LoopbackServer((path) =>
      path === '/redirect'
        ? { status: 302, headers: { location: `http://127.0.0.1:${other.port}/moved` } }
        : { status: 200 },
    );

    beforeAll(() => Promise.all([server.start(), other.start()]));
    afterAll(() => Promise.all([server.stop(), other.stop()]));

    const send = (url: string, options: Partial<DeliveryOptions> = {}) =>
      sendWebhook(url, 'whsec_test', message, { allowLoopback: false, timeoutMs: 2_000, ...options });

    /** Runs `attempt` and answers how many connections the loopback server saw meanwhile. */
    async function connectionsDuring(attempt: () => Promise<unknown>) {
      const before = server.connections + other.connections;
      await attempt();
      return server.connections + other.connections - before;
    }

    it('refuses a server on 127.0.0.1 without the development setting, before connecting', async () => {
      for (const url of [
        `https://127.0.0.1:${server.port}/hook`,
        `http://127.0.0.1:${server.port}/hook`,
        `https://[::ffff:127.0.0.1]:${server.port}/hook`,
        `https://localhost:${server.port}/hook`,
      ]) {
        let result: Awaited<ReturnType<typeof send>> | undefined;
        expect(await connectionsDuring(async () => (result = await send(url)))).toBe(0);
        expect([url, result]).toEqual([
          url,
          {
            ok: false,
            statusCode: null,
            error: REFUSED_DESTINATION,
            durationMs: expect.any(Number),
            responseBody: null,
          },
        ]);
      }
      expect(server.paths).toEqual([]);
    });

    it('delivers to it with the development setting, by address and by a name that resolves to it', async () => {
      const resolve = tableResolver({ 'hooks.test': ['127.0.0.1'] });
      for (const [url, options] of [
        [`http://127.0.0.1:${server.port}/by-address`, { allowLoopback: true }],
        [`http://localhost:${server.port}/by-localhost`, { allowLoopback: true }],
        [`http://hooks.test:${server.port}/by-name`, { allowLoopback: true, resolve }],
      ] as const) {
        expect(await send(url, options)).toMatchObject({ ok: true, statusCode: 200, error: null });
      }
      expect(server.paths.slice(-3)).toEqual(['/by-address', '/by-localhost', '/by-name']);
      // The connection went to the address the check saw: one resolution per attempt, and no other lookup.
      expect(resolve.calls).toEqual(['hooks.test']);
    });

    it('checks the address it connects to, not the one seen at registration (DNS rebinding)', async () => {
      let registered = false;
      const resolve = tableResolver({ 'rebind.test': () => (registered ? ['127.0.0.1'] : [PUBLIC]) });
      const url = `https://rebind.test:${server.port}/rebind`;
      await expect(checkEndpointUrl(url, { allowLoopback: false, timeoutMs: 1_000, resolve })).resolves.toBeUndefined();
      registered = true;
      let result: Awaited<ReturnType<typeof send>> | undefined;
      expect(await connectionsDuring(async () => (result = await send(url, { resolve })))).toBe(0);
      expect(result).toMatchObject({ ok: false, statusCode: null, error: REFUSED_DESTINATION });
      expect(resolve.calls).toEqual(['rebind.test', 'rebind.test']);
    });

    it('refuses a name when any of its addresses is refused, and metadata names without resolving them', async () => {
      const resolve = tableResolver({ 'split.test': ['127.0.0.1', '0.0.0.0'], 'zero.test': ['0.0.0.0'] });
      const attempts = [
        send(`http://split.test:${server.port}/split`, { resolve, allowLoopback: true }),
        // 0.0.0.0 reaches this machine too: the development setting does not open it.
        send(`http://zero.test:${server.port}/zero`, { resolve, allowLoopback: true }),
        send(`http://0.0.0.0:${server.port}/zero`, { allowLoopback: true }),
        send('https://metadata.google.internal/computeMetadata/v1/', { resolve }),
      ];
      expect(await connectionsDuring(() => Promise.all(attempts))).toBe(0);
      for (const result of await Promise.all(attempts)) {
        expect(result).toMatchObject({ ok: false, statusCode: null, error: REFUSED_DESTINATION });
      }
      expect(resolve.calls.sort()).toEqual(['split.test', 'zero.test']);
    });

    it('records the same refusal whatever is behind the address: no port or service can be told apart', async () => {
      const closed = await freePort();
      const resolve = tableResolver({ 'open.test': ['127.0.0.1'], 'closed.test': ['::ffff:127.0.0.1'] });
      const errors = await Promise.all(
        [
          `https://open.test:${server.port}/`,
          `https://closed.test:${closed}/`,
          `https://127.0.0.1:${closed}/`,
          `https://[::1]:${server.port}/`,
        ].map(async (url) => (await send(url, { resolve })).error),
      );
      expect(new Set(errors)).toEqual(new Set([REFUSED_DESTINATION]));
      expect(REFUSED_DESTINATION).not.toMatch(/127|::1|ECONN|port|\d{2,}/);
    });

    it('does not follow redirects', async () => {
      const result = await send(`http://127.0.0.1:${server.port}/redirect`, { allowLoopback: true });
      expect(result).toMatchObject({ ok: false, statusCode: 302, error: 'endpoint answered 302' });
      expect(other.paths).toEqual([]);
    });

    it('counts the resolution in the timeout', async () => {
      const hanging: Resolver = () => new Promise(() => {});
      const result = await send('https://slow-dns.test/', { resolve: hanging, timeoutMs: 100 });
      expect(result).toMatchObject({ ok: false, statusCode: null, error: 'timed out after 100 ms' });
      expect(result.durationMs).toBeGreaterThanOrEqual(95);
    });
  });
});
