import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, spawnManaged, waitFor } from '@loyaltystudio/engines';
import lighthouse from 'lighthouse';
import { type Browser, type BrowserContext, chromium } from 'playwright-core';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// Without the background-networking flags Chromium keeps calling home, and the closed network refuses each call.
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
/** The dashboard's session cookies (dashboard/src/lib/session.ts): the api's access and refresh tokens. */
const ACCESS_COOKIE = 'monet_access';
const REFRESH_COOKIE = 'monet_refresh';

export interface Session {
  accessToken: string;
  refreshToken: string;
}

/** Signs in at the api as the dashboard's sign-in form does; the tokens become the dashboard's cookies. */
export async function signIn(
  apiUrl: string,
  who: { tenant: string; email: string; password: string },
): Promise<Session> {
  const res = await fetch(`${apiUrl}/v1/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(who),
  });
  if (!res.ok) throw new Error(`sign-in as ${who.email} answered ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { tokens: Session }).tokens;
}

export const cookieHeader = (s: Session) => `${ACCESS_COOKIE}=${s.accessToken}; ${REFRESH_COOKIE}=${s.refreshToken}`;

/** Lighthouse's scores (0–100) of a page and the metrics its performance score is made of. */
export interface LighthouseFigures {
  performance: number;
  accessibility: number;
  /** First and Largest Contentful Paint, Speed Index and Total Blocking Time (ms, simulated), Cumulative Layout Shift. */
  fcp_ms: number;
  lcp_ms: number;
  speed_index_ms: number;
  tbt_ms: number;
  cls: number;
  /**
   * Lighthouse's measure of the host's CPU speed at the audit (BenchmarkIndex); it simulates a phone by slowing what it
   * observes 4 times, which presumes an index above 1,000 (below it, Lighthouse warns that the host is too slow).
   */
  benchmark_index: number;
}

export interface AuditBrowser {
  /**
   * Lighthouse's performance and accessibility scores (0–100) of a signed-in page, its default (mobile) setup, with
   * the metrics behind the performance score, the whole report and the page load's trace (each as JSON).
   */
  lighthouse(url: string, session: Session): Promise<{ figures: LighthouseFigures; report: string; trace: string }>;
  /** A PNG of the page's first screen (1280×800, light theme), signed in, once its figures have loaded. */
  screenshot(url: string, session: Session, path: string): Promise<void>;
  close(): Promise<void>;
}

/** Debian's Chromium for Lighthouse (over a debugging port) and for screenshots (playwright-core). */
export async function launchAuditBrowser(): Promise<AuditBrowser> {
  // Lighthouse drives a Chromium of its own over its debugging port (one that playwright-core launched closes the
  // tabs Lighthouse opens); the screenshots use playwright-core's.
  const port = await freePort();
  const profile = mkdtempSync(join(tmpdir(), 'monet-lighthouse-'));
  const chrome = spawnManaged('chromium', CHROMIUM, [
    ...CHROMIUM_ARGS,
    `--remote-debugging-port=${port}`,
    `--user-data-dir=${profile}`,
    'about:blank',
  ]);
  await waitFor('chromium', async () => (await fetch(`http://127.0.0.1:${port}/json/version`)).ok, {
    process: chrome,
  });
  const browser: Browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  const withCookies = async (url: string, session: Session): Promise<BrowserContext> => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const origin = new URL(url).origin;
    await context.addCookies([
      { name: ACCESS_COOKIE, value: session.accessToken, url: origin },
      { name: REFRESH_COOKIE, value: session.refreshToken, url: origin },
      { name: 'monet_theme', value: 'light', url: origin },
    ]);
    return context;
  };
  return {
    async lighthouse(url, session) {
      const result = await lighthouse(url, {
        port,
        output: 'json',
        logLevel: 'error',
        onlyCategories: ['performance', 'accessibility'],
        // Lighthouse clears the origin's storage first; the session rides on every request instead.
        extraHeaders: { Cookie: cookieHeader(session) },
      });
      if (!result) throw new Error(`Lighthouse gave no result for ${url}`);
      const { audits, categories, environment, finalDisplayedUrl, runtimeError } = result.lhr;
      if (!categories.performance?.score || !categories.accessibility?.score) {
        throw new Error(`Lighthouse gave no scores for ${url}: ${runtimeError?.message ?? 'no score'}`);
      }
      if (finalDisplayedUrl.includes('/sign-in')) throw new Error(`${url} sent Lighthouse to sign in`);
      const metric = (id: string, digits = 0) => {
        const n = audits[id]?.numericValue;
        return n === undefined ? Number.NaN : Math.round(n * 10 ** digits) / 10 ** digits;
      };
      const figures = {
        performance: Math.round(categories.performance.score * 100),
        accessibility: Math.round(categories.accessibility.score * 100),
        fcp_ms: metric('first-contentful-paint'),
        lcp_ms: metric('largest-contentful-paint'),
        speed_index_ms: metric('speed-index'),
        tbt_ms: metric('total-blocking-time'),
        cls: metric('cumulative-layout-shift', 3),
        benchmark_index: Math.round(environment.benchmarkIndex),
      };
      return { figures, report: JSON.stringify(result.lhr), trace: JSON.stringify(result.artifacts.Trace) };
    },
    async screenshot(url, session, path) {
      const context = await withCookies(url, session);
      try {
        const page = await context.newPage();
        await page.goto(url);
        if (new URL(page.url()).pathname === '/sign-in') throw new Error(`${url} asked to sign in`);
        await page.waitForLoadState('networkidle');
        await page.locator('[data-state="loading"]').waitFor({ state: 'detached' });
        mkdirSync(join(path, '..'), { recursive: true });
        await page.screenshot({ path });
      } finally {
        await context.close();
      }
    },
    async close() {
      await browser.close();
      await chrome.stop();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
