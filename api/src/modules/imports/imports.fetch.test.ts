import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UnprocessableError } from '../../errors.ts';
import { fetchImportFile } from './imports.fetch.ts';

const CSV = 'externalId,memberExternalId,occurredAt,amountMinor,currency\no-1,c-1,2025-01-01T10:00:00Z,100,EUR\n';

describe('fetching an import file by URL', () => {
  let server: Server;
  let base: string;
  const hits: string[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      hits.push(req.url ?? '');
      if (req.url === '/moved') {
        res.writeHead(302, { location: '/orders.csv' }).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'text/csv' }).end(CSV);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const policy = { allowLoopback: false, timeoutMs: 5_000, maxBytes: 1_000_000 };
  const refused = async (p: Promise<unknown>) => {
    const err = await p.then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(UnprocessableError);
    return (err as UnprocessableError).message;
  };

  it('refuses loopback unless the development setting allows it, and then fetches the file', async () => {
    const before = hits.length;
    expect(await refused(fetchImportFile(`${base}/orders.csv`, 'body.orders', policy))).toContain(
      'only fetched from public https addresses',
    );
    expect(hits.length).toBe(before);
    const bytes = await fetchImportFile(`${base}/orders.csv`, 'body.orders', { ...policy, allowLoopback: true });
    expect(bytes.toString('utf8')).toBe(CSV);
  });

  it('refuses private, link-local and metadata addresses, and names that resolve to them, without connecting', async () => {
    const resolveTo = (address: string) => async () => [{ address, family: 4 }];
    for (const url of ['https://10.1.2.3/x.csv', 'https://192.168.0.10/x.csv', 'https://169.254.169.254/latest']) {
      expect(await refused(fetchImportFile(url, 'body.orders', policy))).toContain('public https');
    }
    const rebinding = { ...policy, allowLoopback: false, resolve: resolveTo('172.16.0.9') };
    expect(await refused(fetchImportFile('https://files.merchant.example/x.csv', 'body.orders', rebinding))).toContain(
      'public https',
    );
    // Plain http to a public address is refused too: only loopback may be reached without TLS.
    const publicName = { ...policy, resolve: resolveTo('93.184.215.14') };
    expect(await refused(fetchImportFile('http://files.merchant.example/x.csv', 'body.orders', publicName))).toContain(
      'public https',
    );
  });

  it('does not follow a redirect and refuses a file over the size limit', async () => {
    const loopback = { ...policy, allowLoopback: true };
    expect(await refused(fetchImportFile(`${base}/moved`, 'body.orders', loopback))).toContain(
      'redirects are not followed',
    );
    expect(
      await refused(fetchImportFile(`${base}/orders.csv`, 'body.orders', { ...loopback, maxBytes: 10 })),
    ).toContain('larger than 10 bytes');
  });
});
