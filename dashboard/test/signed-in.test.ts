// The signed-in shell in Chromium against the real stack (see stack.ts): sign-in and a wrong password, the
// executive's overview with every headline figure equal to the analytics api's for the same range, navigation by
// role, token refresh and sign-out, the theme, a tablet viewport; and axe-core on every page in light and dark (no
// serious or critical violation), with a screenshot of each in test-results/ (git-ignored).
import AxeBuilder from '@axe-core/playwright';
import type { ApiTest, TestTenant } from '@loyaltystudio/api/testing';
import { campaignBody, createCampaign } from '@loyaltystudio/api/testing/campaigns';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCESS_COOKIE, REFRESH_COOKIE } from '../src/lib/session.ts';
import type { BrowserSession } from './browser.ts';
import { type DashboardStack, RANGE, type Role, startDashboardStack } from './stack.ts';

let s: DashboardStack;
let t: ApiTest;
let a: TestTenant;
let program: string;
let baseUrl: string;
let browser: BrowserSession;
const signIn = (page: Page, role: Role, path: string) => s.signIn(page, role, path);

beforeAll(async () => {
  s = await startDashboardStack();
  ({ t, a, program, baseUrl, browser } = s);
}, 900_000);

afterAll(async () => {
  await s?.stop();
});

// Each journey loads several pages of a production build on a shared, busy machine.
describe('the signed-in dashboard', { timeout: 240_000 }, () => {
  it('refuses a wrong password in words, keeping what was typed', async () => {
    const page = await browser.newPage();
    await page.goto(`${baseUrl}/sign-in`);
    await page.getByLabel('Organisation').fill(a.slug);
    await page.getByLabel('Email').fill(a.users.owner.email);
    await page.getByLabel('Password').fill('not the password at all');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect
      .poll(() => page.locator('#sign-in-error').textContent())
      .toBe('The organisation, email or password is not right.');
    expect(await page.getByLabel('Email').inputValue()).toBe(a.users.owner.email);
    await page.close();
  });

  it('signs in, returns to the page asked for, and shows the figures the analytics api gives', async () => {
    const page = await browser.newPage();
    await signIn(page, 'owner', `/?${RANGE}`);
    expect(new URL(page.url()).search).toBe(`?${RANGE}`);
    expect(await page.locator('[data-field="tenant-name"]').textContent()).toBe('Harbor Coffee');

    const res = await t.app.inject({
      method: 'GET',
      url: `/v1/analytics/overview?${RANGE}`,
      headers: a.as('owner'),
    });
    expect(res.statusCode).toBe(200);
    const metrics = res.json().metrics as Record<string, { current: number | null }>;
    // The figures stream in after the page's shell.
    await page.locator('[data-chart="liability-trend"]').waitFor();
    const cards = await page.$$eval('[data-metric]', (els) =>
      els.map((el) => [(el as HTMLElement).dataset.metric, (el as HTMLElement).dataset.value]),
    );
    expect(cards.length, (await page.locator('main').textContent()) ?? '').toBe(8);
    for (const [metric, value] of cards) {
      const expected = metrics[metric!]?.current;
      expect(value, metric).toBe(expected === null || expected === undefined ? '' : String(expected));
    }
    expect(metrics.activeMembers?.current).toBeGreaterThan(0);
    // Money in the program's currency, written for people.
    expect(await page.locator('[data-metric="memberRevenueMinor"] .kpi-value').textContent()).toMatch(
      /^€[\d,]+\.\d\d$/,
    );
    for (const chart of ['revenue-trend', 'roi-trend', 'liability-trend']) {
      expect(await page.locator(`[data-chart="${chart}"]`).getAttribute('data-state'), chart).not.toBe('error');
    }
    expect(await page.locator('[data-chart="liability-trend"]').getAttribute('data-state')).toBe('ready');
    // Drawn, not only laid out: bars for revenue, points on the ROI line.
    await page.locator('[data-chart="revenue-trend"] .recharts-bar-rectangle').first().waitFor();
    await page.locator('[data-chart="roi-trend"] .recharts-line-dot').first().waitFor();
    expect(await page.locator('[data-chart="revenue-trend"] .recharts-bar-rectangle').count()).toBe(3);
    expect(await page.locator('[data-chart="roi-trend"] .recharts-line-dot').count()).toBeGreaterThan(0);
    await browser.screenshot(page, 'overview');

    // One program's figures, by the address a marketer would share.
    await page.goto(`${baseUrl}/?${RANGE}&programId=${program}`);
    await page.locator('[data-chart="liability-trend"]').waitFor();
    expect(await page.locator('.page-header').textContent()).toContain('Rewards');
    await page.close();
  });

  it('shows navigation by role: a viewer has no settings and no exports', async () => {
    const page = await browser.newPage();
    const exportsLinks = () => page.getByRole('link', { name: 'Exports', exact: true }).count();
    await signIn(page, 'owner', '/');
    expect(await page.getByText('Settings').count()).toBe(1);
    expect(await exportsLinks()).toBe(1);
    await signIn(page, 'viewer', '/');
    expect(await page.getByText('Settings').count()).toBe(0);
    expect(await exportsLinks()).toBe(0);
    expect(await page.getByRole('link', { name: 'Overview' }).getAttribute('aria-current')).toBe('page');
    await page.close();
  });

  it('refreshes an expired access token by itself, then signs out for good', async () => {
    const page = await browser.newPage();
    await signIn(page, 'owner', '/');
    const refreshBefore = (await page.context().cookies()).find((c) => c.name === REFRESH_COOKIE)?.value;
    // An access token past its expiry: the next page load must exchange the refresh token first.
    await page.context().addCookies([{ name: ACCESS_COOKIE, value: 'expired', url: baseUrl }]);
    await page.goto(`${baseUrl}/?${RANGE}`);
    expect(new URL(page.url()).pathname).toBe('/');
    const after = (await page.context().cookies()).find((c) => c.name === ACCESS_COOKIE);
    expect(after?.httpOnly).toBe(true);
    expect(after?.value).toMatch(/^ey/);
    // The refresh token was spent and replaced by the next one of the session.
    const refreshAfter = (await page.context().cookies()).find((c) => c.name === REFRESH_COOKIE);
    expect([refreshAfter?.httpOnly, refreshAfter?.value === refreshBefore]).toEqual([true, false]);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL((url) => url.pathname === '/sign-in');
    await page.goto(`${baseUrl}/`);
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await page.close();
  });

  it('keeps the theme the user chose', async () => {
    const page = await browser.newPage();
    await signIn(page, 'owner', '/');
    expect(await page.locator('html').getAttribute('data-theme')).toBe('light');
    await page.getByRole('button', { name: 'Switch to the dark theme' }).click();
    await page.reload();
    expect(await page.locator('html').getAttribute('data-theme')).toBe('dark');
    await browser.screenshot(page, 'overview-dark');
    await page.close();
  });

  it('reads on a tablet and says in words when a range is malformed', async () => {
    const page = await browser.newPage();
    await page.setViewportSize({ width: 768, height: 1024 });
    await signIn(page, 'owner', '/?from=2026-13-01&to=nope');
    await page.locator('.notice').waitFor();
    expect(await page.locator('.notice').textContent()).toContain('not a valid range');
    // The last 30 days instead: no figures in the fixture then, but no error either.
    await page.locator('[data-chart="liability-trend"]').waitFor();
    expect(await page.locator('[role="alert"].problem, [data-state="error"]').count()).toBe(0);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(await page.content()).not.toContain('"type":"https://monet.dev/problems');
    await browser.screenshot(page, 'overview-tablet');
    await page.close();
  });

  it('every page passes axe-core without serious or critical violations, in light and dark', async () => {
    // One object of each kind, for the pages that show one.
    const post = async (url: string, payload: object, key?: string) => {
      const res = await t.app.inject({
        method: 'POST',
        url,
        headers: { ...a.as('owner'), ...(key ? { 'idempotency-key': key } : {}) },
        payload,
      });
      expect(res.statusCode, `${url}: ${res.body}`).toBeLessThan(300);
      return res.json();
    };
    const member = await post('/v1/members', { externalId: 'axe-member', firstName: 'Ada' });
    const segment = await post('/v1/segments', {
      name: 'Everyone recent',
      kind: 'dynamic',
      definition: { all: [{ recencyDays: { gte: 0 } }] },
    });
    const campaign = await createCampaign(t, a, campaignBody(program, segment.version.id));
    const exported = await post('/v1/exports', { mart: 'member_rfm', format: 'csv' }, 'axe-export');
    const report = await post('/v1/reports', {
      name: 'Segments',
      tiles: [{ kind: 'rfm', title: 'RFM segments' }],
      formats: ['pdf'],
      recipients: [{ email: 'cfo@harbor.test', timeZone: 'Europe/Paris' }],
      timeZone: 'Europe/Paris',
      trigger: 'marts_rebuilt',
    });

    const page = await browser.newPage();
    await signIn(page, 'owner', '/');
    const pages = [
      `/?${RANGE}`,
      `/analytics/cohorts?${RANGE}`,
      '/analytics/rfm',
      `/analytics/funnels?${RANGE}`,
      `/analytics/points?programId=${program}&${RANGE}`,
      `/analytics/tiers?programId=${program}&${RANGE}`,
      '/members',
      `/members/${member.id}`,
      '/segments',
      '/segments/new',
      `/segments/${segment.id}`,
      '/campaigns',
      '/campaigns/new',
      `/campaigns/${campaign.id}`,
      `/exports/${exported.id}`,
      '/reports',
      `/reports/${report.id}`,
      '/settings/api-keys',
      '/settings/team',
      '/settings/audit',
    ];
    for (const theme of ['light', 'dark']) {
      await page.context().addCookies([{ name: 'monet_theme', value: theme, url: baseUrl }]);
      for (const path of pages) {
        await page.goto(`${baseUrl}${path}`);
        await page.waitForLoadState('networkidle');
        await page.locator('[data-state="loading"]').waitFor({ state: 'detached' });
        expect(await page.locator('.problem').count(), `${path}: ${await page.locator('main').textContent()}`).toBe(0);
        const { violations } = await new AxeBuilder({ page }).analyze();
        const serious = violations
          .filter((v) => v.impact === 'serious' || v.impact === 'critical')
          .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
        expect(serious, `${path} (${theme})`).toEqual([]);
        const name = path
          .split('?')[0]!
          .replace(/[0-9a-f-]{36}/, 'one')
          .replace(/\//g, '-');
        await browser.screenshot(page, `page-${theme}${name === '-' ? '-overview' : name}`);
      }
    }
    await page.close();
  }, 900_000);
});
