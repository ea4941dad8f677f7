// The stack the signed-in browser tests share, one per test file: the dashboard's production build (`next start`)
// against the real api on Postgres, with marts that dbt built in the warehouse gateway from the proven fixture
// (tenant a, "Harbor Coffee"); with Temporal when a file passes the dev server it started.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { hashPassword } from '@loyaltystudio/api/core';
import { type ApiTest, startApiTest, startFixtureMarts, type TestTenant } from '@loyaltystudio/api/testing';
import {
  freePort,
  type GatewayHandle,
  type ManagedProcess,
  spawnManaged,
  type TemporalHandle,
  waitFor,
} from '@loyaltystudio/engines';
import { startTestGateway, tempDir } from '@loyaltystudio/engines/testing';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { type BrowserSession, launchBrowser } from './browser.ts';

const dashboardDir = fileURLToPath(new URL('..', import.meta.url));
const nextBin = createRequire(import.meta.url).resolve('next/dist/bin/next');
export const PASSWORD = 'a long passphrase for the dashboard';
/** The fixture's merchants trade in the spring of 2026. */
export const RANGE = 'from=2026-04-01&to=2026-06-30';

export type Role = 'owner' | 'admin' | 'analyst' | 'marketer' | 'viewer';

export interface DashboardStack {
  t: ApiTest;
  gateway: GatewayHandle;
  /** The fixture's first merchant, named Harbor Coffee, whose users all have PASSWORD. */
  a: TestTenant;
  program: string;
  apiUrl: string;
  baseUrl: string;
  browser: BrowserSession;
  /** A directory of the stack's own, removed with it. */
  workDir: string;
  /** Signs out (the browser's profile is shared), opens `path`, signs in through the form as that role and waits to be back on the page. */
  signIn(page: Page, role: Role, path: string): Promise<void>;
  /** The api's JSON answer to a GET as that role (analyst by default), asserting a 200. */
  // biome-ignore lint/suspicious/noExplicitAny: the api's JSON, read by each test as it needs
  api(url: string, role?: Role): Promise<any>;
  stop(): Promise<void>;
}

/** Builds the dashboard if its sources changed; safe to call from several files at once (the build takes a lock). */
export async function buildDashboard(): Promise<void> {
  const build = spawnManaged('dashboard-build', process.execPath, ['scripts/build.mjs'], { cwd: dashboardDir });
  const built = await build.exited;
  if (built.code !== 0) throw new Error(`dashboard build failed:\n${build.tail()}`);
}

/** `next start` of the built dashboard on a free port, asking the api at `apiUrl`; resolves once it answers. */
export async function startDashboard(apiUrl: string): Promise<{ baseUrl: string; process: ManagedProcess }> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const proc = spawnManaged('dashboard', process.execPath, [nextBin, 'start', '-p', String(port), '-H', '127.0.0.1'], {
    cwd: dashboardDir,
    env: { ...process.env, API_URL: apiUrl, NEXT_TELEMETRY_DISABLED: '1' },
  });
  await waitFor('dashboard', async () => (await fetch(`${baseUrl}/status`)).ok, { process: proc });
  return { baseUrl, process: proc };
}

export async function startDashboardStack(
  opts: {
    temporal?: TemporalHandle;
    /** The api's webhook and report settings, e.g. loopback endpoints allowed, or the local outbox's directory. */
    api?: Pick<NonNullable<Parameters<typeof startApiTest>[0]>, 'webhooks' | 'reports'>;
  } = {},
): Promise<DashboardStack> {
  const work = tempDir('dashboard-test');
  const stops: (() => Promise<unknown> | unknown)[] = [() => work.remove()];
  const stop = async () => {
    for (const s of stops.splice(0).reverse()) await s();
  };
  try {
    const [, gateway] = await Promise.all([buildDashboard(), startTestGateway()]);
    stops.push(() => gateway.stop());
    const t = await startApiTest({
      clickhouseUrl: gateway.url,
      ...opts.api,
      ...(opts.temporal ? { temporal: { address: opts.temporal.address, namespace: opts.temporal.namespace } } : {}),
    });
    stops.push(() => t.stop());
    const fixture = await startFixtureMarts(t, gateway.url, `${work.path}/dbt`);
    const { a } = fixture;
    const passwordHash = await hashPassword(PASSWORD);
    await t.prisma.user.updateMany({ where: { tenantId: a.id }, data: { passwordHash } });
    await t.prisma.tenant.update({ where: { id: a.id }, data: { name: 'Harbor Coffee' } });
    const apiPort = await freePort();
    await t.app.listen({ port: apiPort, host: '127.0.0.1' });
    const apiUrl = `http://127.0.0.1:${apiPort}`;

    const dashboard = await startDashboard(apiUrl);
    stops.push(() => dashboard.process.stop());
    const browser = await launchBrowser();
    stops.push(() => browser.close());
    // Pages of a production build still take seconds on a machine shared with other work.
    browser.context.setDefaultTimeout(60_000);
    const { baseUrl } = dashboard;

    return {
      t,
      gateway,
      a,
      program: fixture.programs.a,
      apiUrl,
      baseUrl,
      browser,
      workDir: work.path,
      async signIn(page, role, path) {
        await page.context().clearCookies();
        await page.goto(`${baseUrl}${path}`);
        expect(new URL(page.url()).pathname).toBe('/sign-in');
        await page.getByLabel('Organisation').fill(a.slug);
        await page.getByLabel('Email').fill(a.users[role].email);
        await page.getByLabel('Password').fill(PASSWORD);
        await page.getByRole('button', { name: 'Sign in' }).click();
        await page.waitForURL((url) => url.pathname !== '/sign-in');
      },
      async api(url, role = 'analyst') {
        const res = await t.app.inject({ method: 'GET', url, headers: a.as(role) });
        expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
        return res.json();
      },
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
