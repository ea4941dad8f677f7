// A marketer's and an admin's pages in Chromium against the real stack without the workflow engine (see stack.ts):
// a segment built with its live size equal to the api's preview, saved as versions and exported; an API key created
// and used against the api, a user added, the audit log; a scheduled report and a campaign built, with what needs
// Temporal (send now, launch) refused in words. workflow-journeys.test.ts runs them with Temporal.
import { readFileSync } from 'node:fs';
import type { ApiTest, TestTenant } from '@loyaltystudio/api/testing';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserSession } from './browser.ts';
import { type DashboardStack, type Role, startDashboardStack } from './stack.ts';

let s: DashboardStack;
let t: ApiTest;
let a: TestTenant;
let baseUrl: string;
let browser: BrowserSession;
const signIn = (page: Page, role: Role, path: string) => s.signIn(page, role, path);

beforeAll(async () => {
  s = await startDashboardStack();
  ({ t, a, baseUrl, browser } = s);
}, 900_000);

afterAll(async () => {
  await s?.stop();
});

// Each journey loads several pages of a production build on a shared, busy machine.
describe('a marketer and an admin', { timeout: 240_000 }, () => {
  it('builds a segment with a live preview equal to the api, saves versions and exports its members', async () => {
    const page = await browser.newPage();
    await signIn(page, 'marketer', '/segments');
    await page.getByRole('link', { name: 'New segment' }).click();
    await page.waitForURL((url) => url.pathname === '/segments/new');
    await page.getByLabel('Name').fill('Loyal and active');
    await page.getByRole('button', { name: 'Add condition' }).click();
    // The first field offered is the RFM segment; its test "is one of" takes several values.
    await page.getByLabel('Test').selectOption('in');
    await page.getByLabel('Values').selectOption(['Champions', 'Loyal', 'Potential Loyalists']);
    await page.getByRole('button', { name: 'Add condition' }).click();
    const second = page.locator('li.condition').nth(1);
    await second.getByLabel('Field').selectOption('purchases');
    await second.getByLabel('Test').selectOption('gte');
    await second.getByLabel('Value').fill('2');

    const definition = {
      all: [{ rfmSegment: { in: ['Champions', 'Loyal', 'Potential Loyalists'] } }, { purchases: { gte: 2 } }],
    };
    const expected = await t.app.inject({
      method: 'POST',
      url: '/v1/segments:preview',
      headers: a.as('marketer'),
      payload: { definition },
    });
    expect(expected.statusCode, expected.body).toBe(200);
    const size = expected.json().size as number;
    expect(size).toBeGreaterThan(0);
    await expect
      .poll(() => page.locator('[data-field="size"]').getAttribute('data-value'), { timeout: 60_000 })
      .toBe(String(size));
    expect(await page.locator('.sample li').count()).toBe(Math.min(10, size));
    await browser.screenshot(page, 'segment-builder');

    // A value that is not a whole number is marked before anything is sent.
    await second.getByLabel('Value').fill('2.5');
    expect(await second.locator('.form-error').textContent()).toBe('give a whole number');
    await second.getByLabel('Value').fill('2');

    await page.getByRole('button', { name: 'Save segment' }).click();
    await page.waitForURL((url) => /^\/segments\/[0-9a-f-]{36}$/.test(url.pathname));
    const segmentId = new URL(page.url()).pathname.split('/').pop()!;
    await page.locator('[data-section="versions"]').waitFor();
    expect(await page.locator('tr[data-version]').count()).toBe(1);
    const saved = await t.app.inject({ method: 'GET', url: `/v1/segments/${segmentId}`, headers: a.as('viewer') });
    expect(saved.json().version.definition).toEqual(definition);

    // Saving again makes version 2, kept beside version 1.
    await page.getByRole('button', { name: 'Save new version' }).click();
    await expect.poll(() => page.locator('tr[data-version]').count(), { timeout: 60_000 }).toBe(2);

    // Its members as a file, downloaded through the dashboard.
    await page.getByRole('button', { name: 'Export members' }).click();
    await page.waitForURL((url) => url.pathname.startsWith('/exports/'));
    await page.locator('[data-section="export"][data-status="succeeded"]').waitFor({ timeout: 30_000 });
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Download' }).click();
    const csv = readFileSync(await (await download).path(), 'utf8')
      .trim()
      .split('\n');
    expect(csv.length - 1).toBe(size);

    // Another tenant's segment is not found.
    const other = await t.tenant();
    const theirs = await t.app.inject({
      method: 'POST',
      url: '/v1/segments',
      headers: other.as('marketer'),
      payload: { name: 'theirs', kind: 'dynamic', definition },
    });
    expect(theirs.statusCode, theirs.body).toBe(201);
    await page.goto(`${baseUrl}/segments/${theirs.json().id}`);
    await page.locator('.problem').waitFor();
    expect(await page.locator('.problem h2').textContent()).toBe('Not Found');
    await page.close();
  });

  it('settings: an admin creates an API key that works against the api, adds a user, and reads the audit log', async () => {
    const page = await browser.newPage();
    await signIn(page, 'admin', '/settings/api-keys');
    await page.getByLabel('Name').fill('shop server');
    await page.locator('input[name="scopes"][value="members:read"]').check();
    await page.getByRole('button', { name: 'Create key' }).click();
    const key = (await page.locator('[data-field="new-key"]').textContent({ timeout: 60_000 }))!;
    expect(key).toMatch(/^mk_/);
    const withKey = await t.app.inject({
      method: 'GET',
      url: '/v1/members',
      headers: { authorization: `Bearer ${key}` },
    });
    expect(withKey.statusCode, withKey.body).toBe(200);
    const refused = await t.app.inject({
      method: 'POST',
      url: '/v1/members',
      headers: { authorization: `Bearer ${key}` },
      payload: { externalId: 'not-allowed' },
    });
    expect(refused.statusCode).toBe(403);

    await page.goto(`${baseUrl}/settings/team`);
    await page.getByLabel('Name').fill('Grace');
    await page.getByLabel('Email').fill('grace@harbor.test');
    await page.getByLabel('Role').selectOption('analyst');
    await page.getByLabel('First password').fill('a first password for grace');
    await page.getByRole('button', { name: 'Add user' }).click();
    await page.locator('tr[data-user="grace@harbor.test"]').waitFor({ timeout: 60_000 });

    await page.goto(`${baseUrl}/settings/audit`);
    await page.locator('table[data-table="audit"]').waitFor();
    const actions = await page.$$eval('table[data-table="audit"] tbody tr td:nth-child(3)', (tds) =>
      tds.map((td) => td.textContent),
    );
    expect(actions).toEqual(expect.arrayContaining(['api_key.create', 'user.create']));
    await page.close();
  });

  it('reports: a marketer creates a scheduled report from tiles and recipients, and reads its page', async () => {
    const page = await browser.newPage();
    await signIn(page, 'marketer', '/reports');
    await page.getByLabel('Name').fill('Monday numbers');
    await page.locator('input[name="tiles"][value="overviewWeek"]').check();
    await page.locator('input[name="tiles"][value="rfm"]').check();
    await page.locator('input[name="formats"][value="csv"]').check();
    await page.getByLabel(/^Recipients/).fill('cfo@harbor.test\nops@harbor.test America/New_York');
    await page.locator('select[name="schedule"]').selectOption('marts');
    await page.getByRole('button', { name: 'Create report' }).click();
    await page.waitForURL((url) => /^\/reports\/[0-9a-f-]{36}$/.test(url.pathname));
    const reportId = new URL(page.url()).pathname.split('/').pop()!;
    const saved = await t.app.inject({ method: 'GET', url: `/v1/reports/${reportId}`, headers: a.as('viewer') });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({
      name: 'Monday numbers',
      formats: ['pdf', 'csv'],
      trigger: 'marts_rebuilt',
      recipients: [
        { email: 'cfo@harbor.test', timeZone: 'Europe/Paris' },
        { email: 'ops@harbor.test', timeZone: 'America/New_York' },
      ],
    });
    await page.locator('#tiles-title').waitFor();
    expect(await page.locator('#tiles-title + ol li').allTextContents()).toEqual(['The last 7 days', 'RFM segments']);
    // Sending needs the workflow engine, which this stack leaves out: the page says so in words.
    await page.getByRole('button', { name: 'Send now' }).click();
    const sent = await page.locator('[data-field="send-result"]').textContent();
    expect(sent).toMatch(/^Service Unavailable\./);
    expect(sent).not.toContain('{');
    // A bad report is refused in words, naming the field.
    await page.goto(`${baseUrl}/reports`);
    await page.getByLabel('Name').fill('Nobody');
    await page.locator('input[name="tiles"][value="rfm"]').check();
    await page.getByLabel(/^Recipients/).fill('not-an-email');
    await page.getByRole('button', { name: 'Create report' }).click();
    await expect
      .poll(() => page.locator('form[aria-label="New report"] [role="alert"]').textContent())
      .toMatch(/recipients\.0\.email/);
    await page.close();
  });

  it('campaigns: a marketer builds a double-points campaign with a 10 % holdout on a segment; launching says why it cannot', async () => {
    const segment = await t.app.inject({
      method: 'POST',
      url: '/v1/segments',
      headers: a.as('marketer'),
      payload: { name: 'At risk', kind: 'dynamic', definition: { all: [{ recencyDays: { gte: 0 } }] } },
    });
    expect(segment.statusCode, segment.body).toBe(201);
    const page = await browser.newPage();
    await signIn(page, 'marketer', '/campaigns/new');
    await page.getByLabel('Name').fill('Double points weekend');
    await page.getByLabel('Audience (a segment, as it is now)').selectOption({ label: 'At risk' });
    await page.getByLabel('Starts').fill('2030-06-07T00:00');
    await page.getByLabel('Ends').fill('2030-06-09T00:00');
    await page.getByLabel('Budget in points (empty: no limit)').fill('50000');
    await page.getByRole('button', { name: 'Create campaign' }).click();
    await page.waitForURL((url) => /^\/campaigns\/[0-9a-f-]{36}$/.test(url.pathname));
    const campaignId = new URL(page.url()).pathname.split('/').pop()!;
    const saved = await t.app.inject({ method: 'GET', url: `/v1/campaigns/${campaignId}`, headers: a.as('viewer') });
    expect(saved.json()).toMatchObject({
      type: 'multiplier',
      config: { percent: 200 },
      holdoutPercent: 10,
      status: 'draft',
      budget: { points: 50000 },
      audience: { segmentVersionId: segment.json().version.id },
      variants: [{ key: 'treatment', percent: 100 }],
    });
    expect(await page.locator('[data-field="status"]').textContent()).toBe('draft');
    // No results before it starts, said in words.
    const before = await page.locator('[data-field="results-state"]').textContent();
    expect(before).toMatch(/results begin when it starts/);
    expect(before).not.toContain('{');
    // Launching needs the workflow engine, which this stack leaves out: refused in words, the campaign stays a draft.
    await page.getByRole('button', { name: 'Launch' }).click();
    await expect
      .poll(() => page.locator('form [role="alert"]').textContent(), { timeout: 20_000 })
      .toMatch(/^Service Unavailable\./);
    await page.goto(`${baseUrl}/campaigns?status=draft`);
    expect(await page.locator(`tr[data-campaign="${campaignId}"]`).getAttribute('data-status')).toBe('draft');
    await page.close();
  });
});
