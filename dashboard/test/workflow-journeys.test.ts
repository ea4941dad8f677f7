// The journeys that need the workflow engine, in Chromium against the real stack with the Temporal dev server, the
// workers' own process (workflows/src/worker.ts, as `monet up` runs it) and a real SMTP server keeping what it gets:
// a marketer builds a segment and launches a campaign with a holdout and sees it running; a report sent from its
// page arrives with a PDF whose text holds the tiles' titles and numbers.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TEST_SECRET } from '@loyaltystudio/api/testing';
import {
  freePort,
  type MailServer,
  type ManagedProcess,
  REPO_ROOT,
  spawnManaged,
  startMailServer,
  type TemporalHandle,
  waitFor,
} from '@loyaltystudio/engines';
import { startTestTemporal } from '@loyaltystudio/engines/testing';
import { formatValue } from '@loyaltystudio/workflows/reports/render';
import { simpleParser } from 'mailparser';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_PATH } from './browser.ts';
import { type DashboardStack, startDashboardStack } from './stack.ts';

// The worker as `monet up` runs it: a program of its own, configured by its environment.
const WORKER_ENTRY = join(REPO_ROOT, 'workflows/src/worker.ts');
const QUIET_CRON = '0 0 1 1 *';

let temporal: TemporalHandle;
let s: DashboardStack;
let mail: MailServer;
let worker: ManagedProcess;

beforeAll(async () => {
  temporal = await startTestTemporal();
  s = await startDashboardStack({ temporal });
  mail = await startMailServer({ dir: join(s.workDir, 'mail'), port: await freePort() });

  // Postgres holds the members the marts describe, as the change stream would have it: a campaign seats them there.
  const rows = await s.t.clickhouse.query({
    query: 'SELECT toString(id) AS id, external_id FROM raw.members FINAL WHERE tenant_id = {tenant:UUID}',
    query_params: { tenant: s.a.id },
    format: 'JSONEachRow',
  });
  const members = await rows.json<{ id: string; external_id: string }>();
  expect(members.length).toBeGreaterThan(0);
  await s.t.prisma.member.createMany({
    data: members.map((m) => ({ id: m.id, tenantId: s.a.id, externalId: m.external_id })),
  });

  const lines: string[] = [];
  worker = spawnManaged('worker', process.execPath, ['--import', 'tsx', WORKER_ENTRY], {
    env: {
      PATH: process.env.PATH,
      LOG_LEVEL: 'warn',
      MONET_HOME: s.workDir,
      TEMPORAL_ADDRESS: temporal.address,
      TEMPORAL_NAMESPACE: temporal.namespace,
      DATABASE_URL: s.t.pg.url,
      CLICKHOUSE_URL: s.gateway.url,
      SMTP_URL: mail.url,
      AUTH_TOKEN_SECRET: TEST_SECRET,
      API_URL: s.apiUrl,
      CHROMIUM_PATH,
      // Nothing scheduled fires during the test: only what the pages start runs.
      DBT_BUILD_CRON: QUIET_CRON,
      CHURN_SCORING_CRON: QUIET_CRON,
      ...Object.fromEntries(
        ['REDEMPTION_HOLDS', 'POINTS_EXPIRY', 'TIER_DOWNGRADES', 'SESSIONS', 'IDEMPOTENCY_KEYS', 'WAREHOUSE_HISTORY']
          .concat('MEMBER_ERASURES')
          .map((job) => [`HOUSEKEEPING_${job}_CRON`, QUIET_CRON]),
      ),
    },
    onLine: (line) => lines.push(line),
  });
  await waitFor('worker', async () => lines.some((l) => l.startsWith('worker ready')), {
    timeoutMs: 90_000,
    process: worker,
  });
}, 900_000);

afterAll(async () => {
  await worker?.stop();
  await mail?.stop();
  await s?.stop();
  await temporal?.stop();
});

/** The current minute in UTC as a datetime-local value (the builder's times are UTC). */
const utcMinute = (offsetMs = 0) => new Date(Date.now() + offsetMs).toISOString().slice(0, 16);

describe('journeys through the workflow engine', () => {
  it('a marketer builds a segment, launches a campaign with a 10 % holdout on it, and sees it running', async () => {
    const page = await s.browser.newPage();
    await s.signIn(page, 'marketer', '/segments/new');
    await page.getByLabel('Name').fill('Regulars');
    await page.getByRole('button', { name: 'Add condition' }).click();
    await page.getByLabel('Field').selectOption('purchases');
    await page.getByLabel('Test').selectOption('gte');
    await page.getByLabel('Value').fill('2');
    const preview = await s.t.app.inject({
      method: 'POST',
      url: '/v1/segments:preview',
      headers: s.a.as('marketer'),
      payload: { definition: { all: [{ purchases: { gte: 2 } }] } },
    });
    const size = preview.json().size as number;
    expect(size).toBeGreaterThan(10);
    await expect
      .poll(() => page.locator('[data-field="size"]').getAttribute('data-value'), { timeout: 15_000 })
      .toBe(String(size));
    await page.getByRole('button', { name: 'Save segment' }).click();
    await page.waitForURL((url) => /^\/segments\/[0-9a-f-]{36}$/.test(url.pathname));

    await page.goto(`${s.baseUrl}/campaigns/new`);
    await page.getByLabel('Name').fill('Double points for regulars');
    await page.getByLabel('Audience (a segment, as it is now)').selectOption({ label: 'Regulars' });
    // From this minute (UTC) for two days: the workflow starts it as soon as it is launched.
    await page.getByLabel('Starts').fill(utcMinute());
    await page.getByLabel('Ends').fill(utcMinute(2 * 86_400_000));
    await page.getByRole('button', { name: 'Create campaign' }).click();
    await page.waitForURL((url) => /^\/campaigns\/[0-9a-f-]{36}$/.test(url.pathname));
    const campaignId = new URL(page.url()).pathname.split('/').pop()!;
    expect(await page.locator('[data-field="status"]').textContent()).toBe('draft');

    await page.getByRole('button', { name: 'Launch' }).click();
    // The page follows the campaign by itself while it is scheduled or running.
    await expect.poll(() => page.locator('[data-field="status"]').textContent(), { timeout: 60_000 }).toBe('running');
    await s.browser.screenshot(page, 'campaign-running');

    const campaign = await s.api(`/v1/campaigns/${campaignId}`, 'viewer');
    expect(campaign).toMatchObject({ status: 'running', holdoutPercent: 10, type: 'multiplier' });
    // Every member of the segment seated once, about a tenth of them held out.
    const seats = await s.t.prisma.campaignMember.groupBy({
      by: ['variant'],
      where: { campaignId },
      _count: { _all: true },
    });
    const seated = Object.fromEntries(seats.map((r) => [r.variant, r._count._all]));
    expect((seated.treatment ?? 0) + (seated.holdout ?? 0)).toBe(size);
    expect(seated.holdout).toBeGreaterThan(0);
    expect(seated.holdout).toBeLessThan(size / 2);

    await page.goto(`${s.baseUrl}/campaigns?status=running`);
    expect(await page.locator(`tr[data-campaign="${campaignId}"]`).getAttribute('data-status')).toBe('running');
    await page.close();
  }, 180_000);

  it('a report sent from its page arrives over SMTP with a PDF that has the tiles’ titles and numbers', async () => {
    const page = await s.browser.newPage();
    await s.signIn(page, 'marketer', '/reports');
    const recipient = 'cfo@harbor.test';
    await page.getByLabel('Name').fill('Segments and cohorts');
    await page.locator('input[name="tiles"][value="rfm"]').check();
    await page.locator('input[name="tiles"][value="cohorts"]').check();
    await page.getByLabel(/^Recipients/).fill(recipient);
    await page.locator('select[name="schedule"]').selectOption('marts');
    await page.getByRole('button', { name: 'Create report' }).click();
    await page.waitForURL((url) => /^\/reports\/[0-9a-f-]{36}$/.test(url.pathname));

    await page.getByRole('button', { name: 'Send now' }).click();
    await expect.poll(() => page.locator('[data-field="send-result"]').textContent()).toMatch(/^Sending/);
    const kept = await waitFor(
      'the report in the SMTP server',
      async () => {
        const envelopes = readdirSync(mail.dir).filter((f) => f.endsWith('.json'));
        return envelopes.find((f) => JSON.parse(readFileSync(join(mail.dir, f), 'utf8')).to.includes(recipient));
      },
      { timeoutMs: 90_000 },
    );
    const message = await simpleParser(readFileSync(join(mail.dir, kept.replace(/\.json$/, '.eml'))));
    expect(message.subject).toContain('Segments and cohorts');
    const pdf = message.attachments.find((x) => x.contentType === 'application/pdf');
    expect(pdf, message.attachments.map((x) => x.contentType).join(', ')).toBeDefined();
    const { text } = await extractText(await getDocumentProxy(new Uint8Array(pdf!.content)), { mergePages: true });

    expect(text).toContain('RFM segments');
    expect(text).toContain('Cohort retention');
    const rfm = await s.api('/v1/analytics/rfm');
    for (const segment of rfm.segments as { segment: string; members: number }[]) {
      expect(text).toContain(segment.segment);
      expect(text).toContain(formatValue(segment.members, 'integer', null));
    }

    // The delivery log on the report's page says it was sent.
    await expect
      .poll(
        async () => {
          await page.reload();
          return page
            .locator('[data-section="deliveries"] tr[data-delivery-status]')
            .getAttribute('data-delivery-status');
        },
        { timeout: 30_000 },
      )
      .toBe('sent');
    await s.browser.screenshot(page, 'report-sent');
    await page.close();
  }, 180_000);
});
