import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ApiTest, startApiTest } from '@loyaltystudio/api/testing';
import { importProgram } from '@loyaltystudio/api/testing/imports';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { importCommand } from './import.ts';

/** Captures what the command writes to stdout and stderr. */
function capture() {
  let out = '';
  let err = '';
  const write = (s: string) => {
    out += s;
    return true;
  };
  const stream = { write, isTTY: false } as unknown as NodeJS.WriteStream;
  const spy = vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => {
    err += `${a.join(' ')}\n`;
  });
  return { stream, out: () => out, err: () => err, restore: () => spy.mockRestore() };
}

describe('monet import', () => {
  let t: ApiTest;
  let api: string;
  let apiKey: string;
  let dir: string;

  beforeAll(async () => {
    t = await startApiTest();
    const tenant = await t.tenant();
    await importProgram(t, tenant);
    const key = await t.app.inject({
      method: 'POST',
      url: '/v1/api-keys',
      headers: tenant.as('owner'),
      payload: { name: 'import', scopes: ['imports:write'] },
    });
    apiKey = key.json().key;
    api = await t.app.listen({ host: '127.0.0.1', port: 0 });
    dir = await mkdtemp(join(tmpdir(), 'monet-import-'));
  }, 60_000);
  afterAll(async () => {
    await t?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const run = async (args: string[]) => {
    const io = capture();
    try {
      const code = await importCommand([...args, '--api', api, '--api-key', apiKey], io.stream);
      return { code, out: io.out(), err: io.err() };
    } finally {
      io.restore();
    }
  };

  it('names the file, line and column of each bad row, and writes nothing', async () => {
    const path = join(dir, 'orders.csv');
    await writeFile(
      path,
      'id,customer,at,cents,currency\n' +
        'o-1,c-1,2025-03-01T10:00:00Z,1250,EUR\n' +
        'o-2,c-1,2025-03-02,12.5,EUR\n' +
        'o-3,c-2,not a date,900,EUR\n',
    );
    const maps = ['--map', 'externalId=id', '--map', 'orders.memberExternalId=customer', '--map', 'occurredAt=at'];
    const res = await run(['--orders', path, ...maps, '--map', 'amountMinor=cents']);
    expect(res.code).toBe(1);
    expect(res.err).toContain('orders.csv line 3, column cents: cents must be a whole number');
    expect(res.err).toContain('orders.csv line 4, column at: at must be an ISO 8601 date-time');
    expect(await t.prisma.member.count()).toBe(0);
  });

  it('reports a dry run, then imports with --skip-bad-rows and says what it wrote', async () => {
    const path = join(dir, 'orders.ndjson');
    const rows = [
      {
        externalId: 'n-1',
        memberExternalId: 'c-9',
        occurredAt: '2025-03-01T10:00:00Z',
        amountMinor: 4200,
        currency: 'EUR',
      },
      {
        externalId: 'n-2',
        memberExternalId: 'c-9',
        occurredAt: '2025-03-05T10:00:00Z',
        amountMinor: 900,
        currency: 'EUR',
      },
      {
        externalId: 'n-3',
        memberExternalId: 'c-9',
        occurredAt: '2025-03-06T10:00:00Z',
        amountMinor: -5,
        currency: 'EUR',
      },
    ];
    await writeFile(path, `${rows.map((r) => JSON.stringify(r)).join('\n')}\n`);
    const dry = await run(['--orders', path, '--dry-run', '--skip-bad-rows']);
    expect(dry.code).toBe(0);
    expect(dry.out).toContain('Would import 1 new members, 2 purchases and 0 refunds');
    expect(await t.prisma.member.count()).toBe(0);
    const real = await run(['--orders', path, '--skip-bad-rows']);
    expect(real.code).toBe(0);
    expect(real.out).toContain('Imported 1 new members, 2 purchases and 0 refunds');
    expect(real.out).toContain('points: 51 issued');
    expect(real.out).toContain('1 bad rows left out');
    expect(await t.prisma.event.count()).toBe(2);
  });

  it('imports the worked example of docs/import.md', async () => {
    const example = (name: string) => fileURLToPath(new URL(`../../../docs/examples/${name}`, import.meta.url));
    const args = [
      '--members',
      example('import-members.csv'),
      '--orders',
      example('import-orders.csv'),
      '--mapping',
      example('import-mapping.json'),
    ];
    const dry = await run([...args, '--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.out).toContain('Would import 4 new members, 6 purchases and 1 refunds');
    const real = await run(args);
    expect(real.code).toBe(0);
    expect(real.out).toContain('Imported 4 new members, 6 purchases and 1 refunds');
    const ines = await t.prisma.member.findFirstOrThrow({ where: { externalId: 'C-1001' } });
    expect(ines.enrolledAt.toISOString()).toBe('2024-03-02T08:15:00.000Z');
    // C-1004 is only in the orders file: enrolled by their first order.
    const c4 = await t.prisma.member.findFirstOrThrow({ where: { externalId: 'C-1004' } });
    expect(c4.enrolledAt.toISOString()).toBe('2024-09-09T06:30:00.000Z');
    process.stdout.write(`${dry.out}${real.out}`);
  });

  it('explains a missing API key or an unknown format without calling the api', async () => {
    const io = capture();
    try {
      expect(await importCommand(['--orders', join(dir, 'orders.xlsx'), '--api-key', 'x'], io.stream)).toBe(2);
      expect(io.err()).toContain('cannot tell the format of');
    } finally {
      io.restore();
    }
  });
});
