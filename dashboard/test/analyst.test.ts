// An analyst's day in Chromium against the real stack (see stack.ts): each analytics page against the api's answer
// and its CSV, members sorted and filtered by the api, a member's balance and ledger, and a mart exported in full as
// Parquet whose file opens with the mart's rows.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { ApiTest, TestTenant } from '@loyaltystudio/api/testing';
import { parquetReadObjects } from 'hyparquet';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
describe('an analyst', { timeout: 240_000 }, () => {
  it('analytics pages show what the analytics api answers, and each offers its numbers as CSV', async () => {
    const page = await browser.newPage();
    await page.context().clearCookies();
    const api = async (url: string) => {
      const res = await t.app.inject({ method: 'GET', url, headers: a.as('analyst') });
      expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
      return res.json();
    };

    await signIn(page, 'analyst', `/analytics/cohorts?${RANGE}&grain=month&show=count`);
    await page.locator('[data-chart="cohorts"]').waitFor();
    const cohorts = (await api(`/v1/analytics/cohorts?grain=month&${RANGE}`)).cohorts as {
      cohortStart: string;
      cohortSize: number;
    }[];
    expect(cohorts.length).toBeGreaterThan(0);
    const shown = await page.$$eval('tr[data-cohort]', (rows) =>
      rows.map((r) => [r.getAttribute('data-cohort'), r.querySelector('td')?.textContent]),
    );
    expect(shown).toEqual(cohorts.map((c) => [c.cohortStart, String(c.cohortSize)]));
    const download = page.waitForEvent('download');
    await page.locator('[data-chart="cohorts"]').getByRole('button', { name: 'Download CSV' }).click();
    const csv = await (await download)
      .path()
      .then((path) => import('node:fs').then((fs) => fs.readFileSync(path, 'utf8')));
    expect(csv.split('\r\n')[0]).toBe(
      'cohort_start,cohort_size,period_index,period_start,active_members,retention_rate,revenue_minor',
    );
    await browser.screenshot(page, 'cohorts');

    await page.goto(`${baseUrl}/analytics/rfm`);
    await page.locator('[data-chart="rfm-grid"]').waitFor();
    const rfm = await api('/v1/analytics/rfm');
    for (const cell of rfm.grid as { rScore: number; fScore: number; members: number }[]) {
      expect(await page.locator(`[data-cell="${cell.rScore}-${cell.fScore}"]`).textContent()).toBe(
        String(cell.members),
      );
    }
    const segments = await page.$$eval('tr[data-segment]', (rows) => rows.map((r) => r.getAttribute('data-segment')));
    expect(segments).toEqual((rfm.segments as { segment: string }[]).map((s) => s.segment));
    await browser.screenshot(page, 'rfm');

    await page.goto(`${baseUrl}/analytics/funnels?kind=enrolment&${RANGE}`);
    await page.locator('[data-chart="funnel-steps"]').waitFor();
    const funnels = await api(`/v1/analytics/funnels/enrolment?${RANGE}`);
    expect(await page.locator('tr[data-cohort]').count()).toBe(funnels.cohorts.length);

    await page.goto(`${baseUrl}/analytics/points?programId=${program}&${RANGE}`);
    await page.locator('[data-chart="points-flows"]').waitFor();
    const economy = await api(`/v1/analytics/points-economy?programId=${program}&${RANGE}`);
    for (const metric of ['issuedPoints', 'redeemedPoints', 'expiredPoints', 'outstandingLiabilityMinor']) {
      expect(await page.locator(`[data-metric="${metric}"]`).getAttribute('data-value'), metric).toBe(
        String(economy.totals[metric]),
      );
    }
    await browser.screenshot(page, 'points-economy');

    await page.goto(`${baseUrl}/analytics/tiers?programId=${program}&${RANGE}`);
    await page.locator('[data-chart="tier-movements"]').waitFor();
    expect(await page.locator('[data-chart="tier-distribution"]').getAttribute('data-state')).toBe('ready');
    await browser.screenshot(page, 'tiers');
    await page.close();
  });

  it('lists members by the api, opens an RFM cell and a member with their balance and ledger', async () => {
    const page = await browser.newPage();
    await page.context().clearCookies();
    const api = async (url: string) => {
      const res = await t.app.inject({ method: 'GET', url, headers: a.as('analyst') });
      expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
      return res.json();
    };
    await signIn(page, 'analyst', '/members?sort=revenueMinor&order=desc');
    await page.locator('table[data-table="members"]').waitFor();
    const listed = (await api('/v1/analytics/members?sort=revenueMinor&order=desc&limit=50')).items as {
      memberId: string;
      rScore: number;
      fScore: number;
      scores: { churnRiskBand: string } | null;
    }[];
    const rows = () => page.$$eval('tr[data-member]', (trs) => trs.map((tr) => tr.getAttribute('data-member')));
    expect(await rows()).toEqual(listed.map((m) => m.memberId));
    // The model scores' column: the band, or words until the member is scored.
    for (const m of listed.slice(0, 5)) {
      expect(await page.locator(`tr[data-member="${m.memberId}"]`).textContent()).toContain(
        m.scores ? m.scores.churnRiskBand : 'not scored yet',
      );
    }
    await browser.screenshot(page, 'members');

    // The columns shown are the user's choice, kept in the browser: Tags is hidden until chosen, and stays chosen.
    const tags = page.locator('th[data-column="tags"]');
    expect(await tags.isVisible()).toBe(false);
    await page.locator('.column-chooser summary').click();
    await page.getByLabel('Tags', { exact: true }).check();
    await tags.waitFor({ state: 'visible' });
    await page.reload();
    await tags.waitFor({ state: 'visible' });

    // Sorting is the api's: the header's link asks for the other order.
    await page.getByRole('link', { name: /^Revenue/ }).click();
    await page.waitForURL((url) => url.searchParams.get('order') === 'asc');
    await page.locator('table[data-table="members"]').waitFor();
    const ascending = (await api('/v1/analytics/members?sort=revenueMinor&order=asc&limit=50')).items as {
      memberId: string;
    }[];
    expect(await rows()).toEqual(ascending.map((m) => m.memberId));

    // A cell of the RFM grid opens exactly its members.
    const top = listed[0]!;
    await page.goto(`${baseUrl}/analytics/rfm`);
    await page.locator(`[data-cell="${top.rScore}-${top.fScore}"] a`).click();
    await page.waitForURL((url) => url.pathname === '/members');
    await page.locator('table[data-table="members"]').waitFor();
    const cell = (await api(`/v1/analytics/members?rScore=${top.rScore}&fScore=${top.fScore}&limit=50`)).items as {
      memberId: string;
    }[];
    expect(await rows()).toEqual(cell.map((m) => m.memberId));

    // A member written through the api: profile, balance and ledger as the api holds them.
    const created = await t.app.inject({
      method: 'POST',
      url: '/v1/members',
      headers: a.as('owner'),
      payload: { externalId: 'dash-member-1', email: 'ada@example.com', firstName: 'Ada', tags: ['vip'] },
    });
    expect(created.statusCode, created.body).toBe(201);
    const memberId = created.json().id as string;
    const adjusted = await t.app.inject({
      method: 'POST',
      url: `/v1/members/${memberId}/adjustments`,
      headers: { ...a.as('owner'), 'idempotency-key': 'dash-adjust-1' },
      payload: { programId: program, points: 500, reason: 'Welcome gift' },
    });
    expect(adjusted.statusCode, adjusted.body).toBe(201);
    await page.goto(`${baseUrl}/members/${memberId}`);
    await page.locator('[data-section="ledger"]').waitFor();
    expect(await page.locator('h1').textContent()).toBe('dash-member-1');
    expect(await page.locator(`[data-program="${program}"] [data-field="available"]`).textContent()).toBe('500');
    expect(await page.locator('[data-section="ledger"] tbody tr').count()).toBe(1);
    expect(await page.locator('[data-section="ledger"]').textContent()).toContain('Welcome gift');
    await browser.screenshot(page, 'member');

    // Churn risk and lifetime value: words until the models score the member, then the api's scores.
    expect(await page.locator('[data-section="scores"] [data-field="scores-state"]').textContent()).toMatch(
      /^Not scored yet/,
    );
    const runId = randomUUID();
    await t.prisma.scoringRun.create({
      data: {
        id: runId,
        tenantId: a.id,
        asOfDate: new Date('2026-06-30'),
        churnModelVersion: 'churn-test',
        churnModelSource: 'default',
        churnHorizonDays: 90,
        clvModelVersion: 'clv-test',
        clvHorizonDays: 365,
        membersScored: 1,
        scoredAt: new Date(),
      },
    });
    await t.prisma.memberScore.create({
      data: {
        tenantId: a.id,
        memberId,
        runId,
        churnProbability: 0.72,
        churnRiskBand: 'high',
        predictedClvMinor: 12_345n,
        probabilityAlive: 0.4,
        expectedPurchases: 1.5,
      },
    });
    const { scores } = await api(`/v1/members/${memberId}`);
    expect(scores).toMatchObject({ runId, churnRiskBand: 'high', predictedClvMinor: 12_345 });
    await page.reload();
    await page.locator('[data-field="churn-risk-band"]').waitFor();
    expect(await page.locator('[data-field="churn-risk-band"]').getAttribute('data-value')).toBe('high');
    expect(await page.locator('[data-field="churn-probability"]').getAttribute('data-value')).toBe(
      String(scores.churnProbability),
    );
    expect(await page.locator('[data-field="predicted-clv"]').textContent()).toMatch(
      /^€123\.45 over the next 365 days/,
    );
    await browser.screenshot(page, 'member-scored');

    // Another tenant's member is not found, in words.
    await page.goto(`${baseUrl}/members/00000000-0000-4000-8000-000000000000`);
    await page.locator('.problem').waitFor();
    expect(await page.locator('.problem h2').textContent()).toBe('Not Found');
    await page.close();
  });

  it('exports a mart in full as Parquet from its chart, and the file opens with the mart’s rows', async () => {
    const page = await browser.newPage();
    await signIn(page, 'analyst', `/analytics/cohorts?${RANGE}&grain=month`);
    const form = page.getByRole('form', { name: 'Export cohort_retention' });
    await form.getByLabel('Full export').selectOption('parquet');
    await form.getByRole('button', { name: 'Export all rows' }).click();
    await page.waitForURL((url) => url.pathname.startsWith('/exports/'));
    await page.locator('[data-section="export"][data-status="succeeded"]').waitFor({ timeout: 60_000 });
    expect(await page.locator('h1').textContent()).toBe('Export of cohort_retention');
    await browser.screenshot(page, 'export-parquet');
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Download' }).click();
    const bytes = readFileSync(await (await download).path());
    expect(bytes.subarray(0, 4).toString()).toBe('PAR1');
    const rows = (await parquetReadObjects({
      file: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
    })) as { tenant_id: string; cohort_grain: string; cohort_start: Date; period_index: number; cohort_size: bigint }[];

    // The monthly cohorts of the range as the analytics api gives them, every period a row of the file.
    const { cohorts } = (await s.api(`/v1/analytics/cohorts?grain=month&${RANGE}`)) as {
      cohorts: { cohortStart: string; cohortSize: number; periods: { periodIndex: number }[] }[];
    };
    const monthly = rows.filter((r) => r.cohort_grain === 'month');
    expect(monthly.length).toBe(cohorts.reduce((n, c) => n + c.periods.length, 0));
    expect(monthly.length).toBeGreaterThan(0);
    expect(new Set(rows.map((r) => r.tenant_id))).toEqual(new Set([a.id]));
    for (const c of cohorts) {
      const mine = monthly.filter((r) => r.cohort_start.toISOString().slice(0, 10) === c.cohortStart);
      expect(mine.map((r) => Number(r.period_index)).sort((x, y) => x - y)).toEqual(
        c.periods.map((p) => p.periodIndex).sort((x, y) => x - y),
      );
      expect(new Set(mine.map((r) => Number(r.cohort_size)))).toEqual(new Set([c.cohortSize]));
    }
    await page.close();
  });
});
