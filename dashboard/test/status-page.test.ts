// Renders the status page in Chromium against a stand-in for the api: a plain HTTP server answering
// GET /v1/system/status with the contract's JSON. This checks the page's rendering only (services up and
// down, refresh, an api that fails or is unreachable); the end-to-end test against the real stack lives
// with the stack and uses the same browser helper.
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { paths } from '@loyaltystudio/api-client';
import { freePort, type ManagedProcess, spawnManaged, waitFor } from '@loyaltystudio/engines';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserSession, launchBrowser } from './browser.ts';

type SystemStatus = paths['/v1/system/status']['get']['responses'][200]['content']['application/json'];

const dashboardDir = fileURLToPath(new URL('..', import.meta.url));
const nextBin = createRequire(import.meta.url).resolve('next/dist/bin/next');

const allUp: SystemStatus = {
  status: 'ok',
  checkedAt: '2026-11-24T22:00:00.000Z',
  version: '0.1.0',
  services: [
    { name: 'postgres', status: 'up', latencyMs: 3, detail: 'PostgreSQL 18.4', url: 'postgres://127.0.0.1:5432/monet' },
    { name: 'clickhouse', status: 'up', latencyMs: 5, detail: 'ClickHouse 26.7', url: 'http://127.0.0.1:8123' },
    { name: 'temporal', status: 'up', latencyMs: 12, detail: 'namespace default', url: '127.0.0.1:7233' },
    { name: 'worker', status: 'up', latencyMs: 0, detail: '1 poller on system' },
  ],
  workflow: {
    status: 'up',
    workflowId: 'system-check:2026-11-24T22:00:00.000Z',
    worker: 'monet-host/4242',
    roundTripMs: 1480,
    checkedAt: '2026-11-24T21:59:58.000Z',
    detail: 'completed',
  },
};

const degraded: SystemStatus = {
  ...allUp,
  status: 'degraded',
  checkedAt: '2026-11-24T22:00:05.000Z',
  services: allUp.services.map((s) =>
    s.name === 'clickhouse'
      ? { ...s, status: 'down', latencyMs: 2001, detail: 'connect ECONNREFUSED 127.0.0.1:8123' }
      : s,
  ),
  // A check that never reached a worker has neither a workflow id nor a worker.
  workflow: {
    status: 'down',
    roundTripMs: 10_000,
    checkedAt: '2026-11-24T22:00:05.000Z',
    detail: 'no worker completed it within 10 s',
  },
};

/** What the stand-in api answers: a report (200 when ok, 503 when degraded) or a broken answer. */
let answer: SystemStatus | { status: number; body: string } = allUp;

let api: Server;
let apiUrl: string;
let dashboard: ManagedProcess;
let baseUrl: string;
let browser: BrowserSession;
let page: Page;

beforeAll(async () => {
  const build = spawnManaged('dashboard-build', process.execPath, ['scripts/build.mjs'], { cwd: dashboardDir });
  const built = await build.exited;
  if (built.code !== 0) throw new Error(`dashboard build failed:\n${build.tail()}`);

  api = createServer((req, res) => {
    if (req.method !== 'GET' || req.url !== '/v1/system/status') {
      res.writeHead(404).end();
    } else if ('services' in answer) {
      res.writeHead(answer.status === 'ok' ? 200 : 503, { 'content-type': 'application/json' });
      res.end(JSON.stringify(answer));
    } else {
      res.writeHead(answer.status, { 'content-type': 'application/json' }).end(answer.body);
    }
  });
  api.listen(await freePort(), '127.0.0.1');
  await once(api, 'listening');
  apiUrl = `http://127.0.0.1:${(api.address() as { port: number }).port}`;

  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  dashboard = spawnManaged('dashboard', process.execPath, [nextBin, 'start', '-p', String(port), '-H', '127.0.0.1'], {
    cwd: dashboardDir,
    env: { ...process.env, API_URL: apiUrl, NEXT_TELEMETRY_DISABLED: '1' },
  });
  await waitFor('dashboard', async () => (await fetch(`${baseUrl}/status`)).ok, { process: dashboard });

  browser = await launchBrowser();
  page = await browser.newPage();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await dashboard?.stop();
  api?.closeAllConnections();
  api?.close();
});

function serviceRows() {
  return page.$$eval('tr[data-service]', (rows) =>
    rows.map((row) => ({
      service: row.dataset.service,
      status: row.dataset.status,
      indicator: row.querySelector('[data-status]')?.textContent,
      latency: row.querySelector('[data-field="latencyMs"]')?.textContent,
      detail: row.querySelector('[data-field="detail"]')?.textContent,
      address: row.querySelector('[data-field="url"]')?.textContent,
    })),
  );
}

async function workflowCheck() {
  const section = page.locator('[data-check="workflow"]');
  return {
    status: await section.getAttribute('data-status'),
    indicator: await section.locator('[data-status]').textContent(),
    roundTrip: await section.locator('[data-field="roundTripMs"]').textContent(),
    ranAt: await section.locator('[data-field="checkedAt"]').textContent(),
    workflowId: await section.locator('[data-field="workflowId"]').textContent(),
    worker: await section.locator('[data-field="worker"]').textContent(),
  };
}

describe('status page', () => {
  it('sends a visitor without a session from / to sign-in, and keeps /status public', async () => {
    const res = await fetch(`${baseUrl}/`, { redirect: 'manual' });
    expect(res.status).toBe(307);
    expect(new URL(res.headers.get('location') ?? '', baseUrl).pathname).toBe('/sign-in');
    expect((await fetch(`${baseUrl}/status`, { redirect: 'manual' })).status).toBe(200);
  });

  it('shows every service up, the workflow round trip and when it was checked', async () => {
    await page.goto(`${baseUrl}/status`);
    expect(await serviceRows()).toEqual([
      {
        service: 'postgres',
        status: 'up',
        indicator: 'Up',
        latency: '3 ms',
        detail: 'PostgreSQL 18.4',
        address: 'postgres://127.0.0.1:5432/monet',
      },
      {
        service: 'clickhouse',
        status: 'up',
        indicator: 'Up',
        latency: '5 ms',
        detail: 'ClickHouse 26.7',
        address: 'http://127.0.0.1:8123',
      },
      {
        service: 'temporal',
        status: 'up',
        indicator: 'Up',
        latency: '12 ms',
        detail: 'namespace default',
        address: '127.0.0.1:7233',
      },
      { service: 'worker', status: 'up', indicator: 'Up', latency: '0 ms', detail: '1 poller on system', address: '—' },
    ]);
    expect(await workflowCheck()).toEqual({
      status: 'up',
      indicator: 'Up',
      roundTrip: '1,480 ms',
      ranAt: '24 Nov 2026, 21:59:58 UTC',
      workflowId: 'system-check:2026-11-24T22:00:00.000Z',
      worker: 'monet-host/4242',
    });
    expect(await page.locator('[data-status="ok"]').first().textContent()).toBe('All systems operational');
    const checked = page.locator('footer time');
    expect(await checked.getAttribute('datetime')).toBe('2026-11-24T22:00:00.000Z');
    expect(await checked.textContent()).toBe('24 Nov 2026, 22:00:00 UTC');
    expect(await page.getByRole('link', { name: 'Status' }).getAttribute('aria-current')).toBe('page');
    // The program's pages need programs:read, which a visitor of the public status page does not hold.
    expect(await page.getByText('Rules').count()).toBe(0);
    await browser.screenshot(page, 'status-up');
  });

  it('refreshes by itself and marks what is down', async () => {
    answer = degraded;
    // No reload: the page's own refresh must pick the change up.
    await page.locator('tr[data-service="clickhouse"][data-status="down"]').waitFor({ timeout: 15_000 });
    expect((await serviceRows()).map((r) => [r.service, r.status, r.indicator, r.latency])).toEqual([
      ['postgres', 'up', 'Up', '3 ms'],
      ['clickhouse', 'down', 'Down', '2,001 ms'],
      ['temporal', 'up', 'Up', '12 ms'],
      ['worker', 'up', 'Up', '0 ms'],
    ]);
    expect(await workflowCheck()).toEqual({
      status: 'down',
      indicator: 'Down',
      roundTrip: '10,000 ms',
      ranAt: '24 Nov 2026, 22:00:05 UTC',
      workflowId: '—',
      worker: '—',
    });
    expect(await page.locator('p[data-status="degraded"]').textContent()).toBe(
      'Degraded: ClickHouse, workflow round trip',
    );
    await browser.screenshot(page, 'status-degraded');
  });

  it.each([
    [{ status: 500, body: '{}' }, 'HTTP 500 Internal Server Error'],
    [{ status: 200, body: '<html>' }, 'HTTP 200 with a body that is not JSON'],
    [{ status: 200, body: '{"status":"ok"}' }, 'HTTP 200 with JSON that is not a system status report'],
  ])('says what was wrong when the api answers %j', async (broken, what) => {
    answer = broken;
    await page.reload();
    const panel = page.locator('section[role="alert"]');
    expect(await panel.getAttribute('data-status')).toBe('bad-answer');
    expect(await panel.locator('h2').textContent()).toBe('The api did not answer as expected');
    expect(await panel.locator('p').first().textContent()).toBe(
      `Asked ${apiUrl}/v1/system/status: the api answered ${what}.`,
    );
  });

  it('shows an error panel naming API_URL when the api is unreachable', async () => {
    api.closeAllConnections();
    api.close();
    await page.reload();
    const panel = page.locator('section[role="alert"]');
    expect(await panel.getAttribute('data-status')).toBe('unreachable');
    expect(await panel.locator('h2').textContent()).toBe('The api is unreachable');
    expect(await panel.textContent()).toContain(
      `Asked ${apiUrl}/v1/system/status: could not connect (ECONNREFUSED).` +
        `The dashboard finds the api through API_URL, now ${apiUrl}.`,
    );
    expect(await page.locator('tr[data-service]').count()).toBe(0);
    await browser.screenshot(page, 'status-unreachable');
  });

  it('names the variable when API_URL itself is invalid', async () => {
    const port = await freePort();
    const misconfigured = spawnManaged(
      'dashboard',
      process.execPath,
      [nextBin, 'start', '-p', String(port), '-H', '127.0.0.1'],
      {
        cwd: dashboardDir,
        env: { ...process.env, API_URL: 'ftp://127.0.0.1/', NEXT_TELEMETRY_DISABLED: '1' },
      },
    );
    try {
      await waitFor('dashboard', async () => (await fetch(`http://127.0.0.1:${port}/status`)).ok, {
        process: misconfigured,
      });
      await page.goto(`http://127.0.0.1:${port}/status`);
      const panel = page.locator('section[role="alert"]');
      expect(await panel.getAttribute('data-status')).toBe('unreachable');
      expect(await panel.locator('p').textContent()).toBe(
        'API_URL="ftp://127.0.0.1/" is invalid: expected a http or https URL.',
      );
    } finally {
      await misconfigured.stop();
    }
  });
});
