// The settings and report pages in Chromium against the real stack (stack.ts): a webhook endpoint on a loopback
// receiver (the only kind of address delivered to here) with a delivery replayed to it; the exports list with its
// download; BI access for the tenant; the report schedule picker; the outbox of a real SMTP server; axe-core on
// each page in light and dark.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { connect } from 'node:net';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { webhookDispatcher } from '@loyaltystudio/api/testing';
import { freePort, type MailServer, startMailServer } from '@loyaltystudio/engines';
import { tempDir } from '@loyaltystudio/engines/testing';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DashboardStack, startDashboardStack } from './stack.ts';

let s: DashboardStack;
let mail: MailServer;
let receiver: Server;
let receiverUrl: string;
const received: IncomingMessage[] = [];
const mailDir = tempDir('dashboard-outbox');

/** One message over SMTP, as a report's send hands it to the local server: its headers name the tenant. */
async function sendMail(server: MailServer, tenantId: string, subject: string): Promise<void> {
  const socket = connect(server.port, server.host);
  let buffer = '';
  socket.on('data', (d) => {
    buffer += d.toString();
  });
  // A reply is complete at a line "NNN text" (continuations are "NNN-text").
  const reply = async (code: string) => {
    await expect.poll(() => /(^|\r\n)\d{3} [^\r\n]*\r\n$/.test(buffer), { timeout: 5_000 }).toBe(true);
    const last = buffer.trimEnd().split('\r\n').pop()!;
    buffer = '';
    expect(last.slice(0, 3), last).toBe(code);
  };
  const say = async (text: string, code: string) => {
    socket.write(`${text}\r\n`);
    await reply(code);
  };
  await reply('220');
  await say('EHLO test.localhost', '250');
  await say('MAIL FROM:<reports@monet.localhost>', '250');
  await say('RCPT TO:<cfo@harbor.test>', '250');
  await say('DATA', '354');
  const boundary = 'b-monet';
  await say(
    [
      'From: reports@monet.localhost',
      'To: cfo@harbor.test',
      `Subject: ${subject}`,
      `Message-ID: <${randomUUID()}@monet.localhost>`,
      `X-Monet-Tenant: ${tenantId}`,
      'MIME-Version: 1.0',
      `Content-Type: multipart/mixed; boundary="${boundary}"`,
      '',
      `--${boundary}`,
      'Content-Type: text/plain; charset=utf-8',
      '',
      'The numbers of the week, in words.',
      `--${boundary}`,
      'Content-Type: text/csv; name="numbers.csv"',
      'Content-Disposition: attachment; filename="numbers.csv"',
      '',
      'a,b',
      '1,2',
      `--${boundary}--`,
      '.',
    ].join('\r\n'),
    '250',
  );
  await say('QUIT', '221');
  socket.end();
}

beforeAll(async () => {
  mail = await startMailServer({ dir: join(mailDir.path, 'mail'), port: await freePort() });
  // The first request fails, as an endpoint that is down would; later ones succeed.
  receiver = createServer((req, res) => {
    received.push(req);
    req.resume();
    res.writeHead(received.length === 1 ? 500 : 204).end();
  });
  const port = await freePort();
  await new Promise<void>((resolve) => receiver.listen(port, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${port}/hooks/monet`;
  s = await startDashboardStack({ api: { webhooks: { allowLoopback: true }, reports: { outboxDir: mail.dir } } });
}, 900_000);

afterAll(async () => {
  await s?.stop();
  await mail?.stop();
  await new Promise((resolve) => receiver?.close(resolve));
  mailDir.remove();
});

const newMember = (externalId: string) =>
  s.t.app.inject({ method: 'POST', url: '/v1/members', headers: s.a.as('owner'), payload: { externalId } });

describe('the settings pages', () => {
  it('webhooks: an admin adds an endpoint, sees its secret once, replays a delivery to it and disables it', async () => {
    const page = await s.browser.newPage();
    await s.signIn(page, 'admin', '/settings/webhooks');
    const form = page.getByRole('form', { name: 'New endpoint' });
    await form.getByLabel('URL').fill(receiverUrl);
    await form.locator('input[name="eventTypes"][value="member.created"]').check();
    await form.getByRole('button', { name: 'Add endpoint' }).click();
    expect(await page.locator('[data-field="webhook-secret"]').textContent({ timeout: 15_000 })).toMatch(/^whsec_/);
    const endpoints = (await s.api('/v1/webhook-endpoints', 'admin')).items;
    expect(endpoints).toEqual([
      expect.objectContaining({ url: receiverUrl, eventTypes: ['member.created'], enabled: true }),
    ]);
    const endpointId = endpoints[0].id as string;

    // A member joins: the dispatcher routes the event to the endpoint and tries it once, which fails (HTTP 500), so
    // the delivery waits for its next attempt; replayed from the page, it succeeds.
    expect((await newMember('webhook-1')).statusCode).toBe(201);
    await webhookDispatcher(s.t, { allowLoopback: true }).drain();
    expect(received).toHaveLength(1);
    await page.goto(`${s.baseUrl}/settings/webhooks/${endpointId}`);
    const row = page.locator('tr[data-delivery]').first();
    await row.waitFor();
    expect(await row.getAttribute('data-status')).toBe('pending');
    await row.getByRole('button', { name: 'Replay' }).click();
    await expect
      .poll(() => row.locator('[data-field="replay-result"]').textContent(), { timeout: 15_000 })
      .toBe('Sent again: the endpoint answered HTTP 204; the delivery is succeeded.');
    expect(received).toHaveLength(2);
    expect(received[1]!.headers['monet-webhook-id']).toBe(received[0]!.headers['monet-webhook-id']);
    expect(received[1]!.url).toBe('/hooks/monet');

    // A refused address is named at its field, in words.
    const edit = page.getByRole('form', { name: 'Edit endpoint' });
    await edit.getByLabel('URL').fill('http://10.0.0.1/hooks');
    await edit.getByRole('button', { name: 'Save endpoint' }).click();
    await expect.poll(() => edit.locator('.field-error').textContent(), { timeout: 15_000 }).toMatch(/address/);

    await page.goto(`${s.baseUrl}/settings/webhooks`);
    await page.locator(`tr[data-endpoint="${endpointId}"]`).getByRole('button', { name: 'Disable' }).click();
    await expect
      .poll(() => page.locator(`tr[data-endpoint="${endpointId}"]`).getAttribute('data-enabled'), { timeout: 15_000 })
      .toBe('false');
    expect((await s.api(`/v1/webhook-endpoints/${endpointId}`, 'admin')).enabled).toBe(false);

    // Another tenant's endpoint is not found.
    const other = await s.t.tenant();
    const theirs = await s.t.app.inject({
      method: 'POST',
      url: '/v1/webhook-endpoints',
      headers: other.as('admin'),
      payload: { url: receiverUrl, eventTypes: ['*'] },
    });
    expect(theirs.statusCode, theirs.body).toBe(201);
    await page.goto(`${s.baseUrl}/settings/webhooks/${theirs.json().id}`);
    await page.locator('.problem').waitFor();
    expect(await page.locator('.problem h2').textContent()).toBe('Not Found');
    await page.close();
  }, 180_000);

  it('lists the exports with their files, and BI access for the tenant', async () => {
    const created = await s.t.app.inject({
      method: 'POST',
      url: '/v1/exports',
      headers: { ...s.a.as('analyst'), 'idempotency-key': randomUUID() },
      payload: { mart: 'member_rfm', format: 'csv' },
    });
    expect(created.statusCode, created.body).toBe(202);
    const exportId = created.json().id as string;
    await expect
      .poll(async () => (await s.api(`/v1/exports/${exportId}`)).status, { timeout: 30_000 })
      .toBe('succeeded');
    const done = await s.api(`/v1/exports/${exportId}`);

    const page = await s.browser.newPage();
    await s.signIn(page, 'analyst', '/settings/exports');
    const row = page.locator(`tr[data-export="${exportId}"]`);
    await row.waitFor();
    expect(await row.getAttribute('data-status')).toBe('succeeded');
    // From GET /v1/exports: who asked (the test's users are named by role) and the file's size.
    expect(await row.locator('td').first().textContent()).toContain('analyst');
    expect(await row.locator('td.number').last().textContent()).toMatch(/^\d+(\.\d)? (B|kB)$/);
    const download = page.waitForEvent('download');
    await row.getByRole('link', { name: /^Download/ }).click();
    const lines = readFileSync(await (await download).path(), 'utf8')
      .trim()
      .split('\n');
    expect(lines.length - 1).toBe(done.rowsWritten);

    await page.goto(`${s.baseUrl}/settings/bi`);
    expect(await page.locator('[data-field="bi-command"]').textContent()).toBe(
      `npm run monet -- bi-user --tenant ${s.a.slug}`,
    );
    // The test api reports no warehouse address, so the page says it shows the embedded default.
    expect(await page.locator('[data-field="bi-connection"]').textContent()).toMatch(/Host127\.0\.0\.1Port8123/);
    expect(await page.locator('[data-field="bi-address-unknown"]').count()).toBe(1);
    await page.close();
  }, 180_000);

  it('reports: the schedule picker shows its cron and next sends in the report’s zone; the outbox shows what the mail server kept', async () => {
    const page = await s.browser.newPage();
    await s.signIn(page, 'owner', '/reports');
    await page.getByLabel('Name').fill('Weekday mornings');
    await page.locator('input[name="tiles"][value="rfm"]').check();
    await page.getByLabel(/^Recipients/).fill('cfo@harbor.test');
    await page.locator('input[name="weekdays"][value="FRI"]').check();
    await page.getByLabel('At (local time)').fill('07:30');
    expect(await page.locator('[data-field="cron"]').textContent()).toBe('30 7 * * MON,FRI');
    expect(await page.locator('[data-field="next-sends"]').textContent()).toMatch(/(Mon|Fri), .* 07:30 Europe\/Paris/);
    // A schedule is kept by the workflow engine, which this stack leaves out: refused in words.
    await page.getByRole('button', { name: 'Create report' }).click();
    const refused = page.locator('form[aria-label="New report"] [role="alert"]').last();
    await expect.poll(() => refused.textContent(), { timeout: 15_000 }).toMatch(/Temporal|workflow|unavailable/i);
    expect(await refused.textContent()).not.toContain('{');

    await sendMail(mail, s.a.id, 'Weekday mornings, 7 June');
    await page.goto(`${s.baseUrl}/reports`);
    await page.getByRole('link', { name: 'Outbox' }).click();
    await page.waitForURL((url) => url.pathname === '/reports/outbox');
    await page.getByRole('link', { name: 'Weekday mornings, 7 June' }).click();
    await page.locator('[data-field="text"]').waitFor();
    expect(await page.locator('[data-field="text"]').textContent()).toContain('The numbers of the week, in words.');
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'numbers.csv' }).click();
    expect(readFileSync(await (await download).path(), 'utf8').trim()).toBe('a,b\r\n1,2');
    await page.close();
  }, 180_000);

  it.each(['light', 'dark'])(
    'every new page passes axe-core without serious or critical violations (%s)',
    async (theme) => {
      const page = await s.browser.newPage();
      await s.signIn(page, 'owner', '/');
      await page.context().addCookies([{ name: 'monet_theme', value: theme, url: s.baseUrl }]);
      const rule = await s.t.app.inject({
        method: 'POST',
        url: `/v1/programs/${s.program}/rules`,
        headers: s.a.as('owner'),
        payload: {
          name: `Base (${theme})`,
          priority: 1,
          stacking: 'stackable',
          conditions: { all: [{ eventType: { in: ['purchase'] } }] },
          effects: [{ pointsPerUnit: { points: 1, unitMinor: 100 } }],
        },
      });
      expect(rule.statusCode, rule.body).toBe(201);
      const endpoint = (await s.api('/v1/webhook-endpoints', 'owner')).items[0];
      const message = (await s.api('/v1/system/outbox', 'owner')).items[0];
      const pages = [
        `/program/rules?programId=${s.program}`,
        `/program/rules/new?programId=${s.program}`,
        `/program/rules/${rule.json().id}`,
        `/program/rewards?programId=${s.program}`,
        `/program/tiers?programId=${s.program}`,
        '/settings/webhooks',
        ...(endpoint ? [`/settings/webhooks/${endpoint.id}`] : []),
        '/settings/exports',
        '/settings/bi',
        '/reports',
        '/reports/outbox',
        ...(message ? [`/reports/outbox/${message.id}`] : []),
      ];
      for (const path of pages) await audit(page, path, theme);
      await page.close();
    },
    400_000,
  );
});

async function audit(page: Page, path: string, theme: string) {
  await page.goto(`${s.baseUrl}${path}`);
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
    .replace(/[0-9a-f-]{36}/g, 'id')
    .replace(/\//g, '-');
  await s.browser.screenshot(page, `page-${theme}-${name}`);
}
