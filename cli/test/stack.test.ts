import { mkdirSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../../dashboard/test/browser.ts';
import { freePort, tempDir } from '../src/engines/testing.ts';
import { type Stack, startStack } from '../src/stack.ts';

async function stackEnv(home: string): Promise<NodeJS.ProcessEnv> {
  const env: NodeJS.ProcessEnv = { ...process.env, MONET_HOME: home, LOG_LEVEL: 'warn' };
  for (const name of ['POSTGRES_PORT', 'CLICKHOUSE_HTTP_PORT', 'TEMPORAL_PORT', 'TEMPORAL_UI_PORT', 'API_PORT', 'DASHBOARD_PORT']) {
    env[name] = String(await freePort());
  }
  for (const name of ['DATABASE_URL', 'CLICKHOUSE_URL', 'TEMPORAL_ADDRESS']) delete env[name];
  return env;
}

function alive(pid: number | undefined): boolean {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('monet up: the whole stack on embedded engines', () => {
  const dir = tempDir('stack');
  let stack: Stack;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    env = await stackEnv(join(dir.path, 'home'));
    stack = await startStack({ env });
  }, 240_000);

  afterAll(async () => {
    await stack?.stop();
    dir.remove();
  });

  it('reports every service ready with its URL', () => {
    const services = stack.endpoints.map((e) => e.service).sort();
    expect(services).toEqual(['api', 'clickhouse', 'dashboard', 'postgres', 'temporal', 'temporal ui', 'worker']);
    expect(stack.endpoints.find((e) => e.service === 'postgres')?.url).not.toContain(':monet@');
  });

  it('answers readiness and a workflow round trip through the api', async () => {
    const api = stack.endpoints.find((e) => e.service === 'api')!.url;
    const ready = await fetch(`${api}/readyz`);
    expect(ready.status).toBe(200);
    const status = (await (await fetch(`${api}/v1/system/status`)).json()) as {
      status: string;
      services: { name: string; status: string }[];
      workflow: { status: string; worker?: string };
    };
    expect(status.services.map((s) => [s.name, s.status])).toEqual([
      ['postgres', 'up'],
      ['clickhouse', 'up'],
      ['temporal', 'up'],
      ['worker', 'up'],
    ]);
    expect(status.workflow.status).toBe('up');
    expect(status.workflow.worker).toMatch(/\/\d+$/);
    expect(status.status).toBe('ok');
  });

  it('shows every service green on the dashboard status page in a real browser', async () => {
    const dashboard = stack.endpoints.find((e) => e.service === 'dashboard')!.url;
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage();
      await page.goto(`${dashboard}/status`);
      const rows = page.locator('[data-service]');
      await expect.poll(() => rows.count()).toBe(4);
      const states = await rows.evaluateAll((els) => els.map((el) => [el.getAttribute('data-service'), el.getAttribute('data-status')]));
      expect(states).toEqual([
        ['postgres', 'up'],
        ['clickhouse', 'up'],
        ['temporal', 'up'],
        ['worker', 'up'],
      ]);
      await browser.screenshot(page, 'stack-status');
    } finally {
      await browser.close();
    }
  });

  it('refuses a second supervisor on the same MONET_HOME', async () => {
    await expect(startStack({ env })).rejects.toThrow(/already running/);
  });

  it('leaves no process behind when it stops', async () => {
    const pids = stack.pids();
    expect(pids).toHaveLength(6);
    expect(pids.every(alive)).toBe(true);
    await stack.stop();
    expect(pids.filter(alive)).toEqual([]);
  });
});

describe('monet up: bad input stops start-up with one clear line', () => {
  it('names a malformed variable and what it expects', async () => {
    const dir = tempDir('badenv');
    try {
      await expect(startStack({ env: { ...process.env, MONET_HOME: dir.path, API_PORT: 'eighty' } })).rejects.toThrow(
        'API_PORT="eighty" is invalid: expected a TCP port (1-65535)',
      );
    } finally {
      dir.remove();
    }
  });

  it('names a taken port and the variable that moves it', async () => {
    const dir = tempDir('port');
    const server = net.createServer().listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    const { port } = server.address() as net.AddressInfo;
    try {
      const env = { ...(await stackEnv(dir.path)), CLICKHOUSE_HTTP_PORT: String(port) };
      await expect(startStack({ env })).rejects.toThrow(
        `Port ${port} is taken, so the ClickHouse gateway cannot start: set CLICKHOUSE_HTTP_PORT to another port.`,
      );
    } finally {
      server.close();
      dir.remove();
    }
  });

  it('refuses a damaged data directory, points to --reset, and deletes nothing', async () => {
    const dir = tempDir('damaged');
    try {
      const home = join(dir.path, 'home');
      mkdirSync(join(home, 'postgres'), { recursive: true });
      writeFileSync(join(home, 'postgres', 'precious.txt'), 'keep me');
      const env = await stackEnv(home);
      await expect(startStack({ env })).rejects.toThrow(/holds no Postgres cluster.*monet up --reset/);
      const { readFileSync } = await import('node:fs');
      expect(readFileSync(join(home, 'postgres', 'precious.txt'), 'utf8')).toBe('keep me');
    } finally {
      dir.remove();
    }
  });
});
