import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_ANALYTICS_SETTINGS, DEFAULT_REPORT_SETTINGS } from '@loyaltystudio/api/core';
import { createReportSends, type TileData } from '@loyaltystudio/api/reports';
import { type ApiTest, startApiTest, startFixtureMarts, type TestTenant } from '@loyaltystudio/api/testing';
import type { GatewayHandle, TemporalHandle } from '@loyaltystudio/engines';
import { type MailServer, startMailServer } from '@loyaltystudio/engines';
import { freePort, startTestGateway, startTestTemporal, tempDir } from '@loyaltystudio/engines/testing';
import { Client, Connection, ScheduleOverlapPolicy } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import ExcelJS from 'exceljs';
import { type ParsedMail, simpleParser } from 'mailparser';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type DbtBuildWorkflow,
  type ReportSendInput,
  type ReportSendWorkflow,
  scheduleIds,
  taskQueues,
  workflowIds,
  workflowTypes,
} from '../contracts.ts';
import { loadWorkflowBundle } from '../workflow-bundle.ts';
import { createActivities } from './activities.ts';
import { closePdfBrowser } from './pdf.ts';
import { formatValue } from './render.ts';

/**
 * Report sends end to end on real engines: Postgres with the api, marts built by dbt from the proven fixture behind
 * the gateway, the Temporal dev server with a worker of the system queue in this process, Chromium printing the PDF,
 * and a real SMTP server on a free port keeping what it receives. Messages are read back as a mail client would.
 */
describe('report sends', () => {
  let gateway: GatewayHandle;
  let temporal: TemporalHandle;
  let t: ApiTest;
  let a: TestTenant;
  let programA: string;
  let mail: MailServer;
  let client: Client;
  let worker: Worker;
  let running: Promise<void>;
  const work = tempDir('report-sends');
  /** Recipients whose messages the SMTP server refuses (451), and how many times each. */
  const refusals = new Map<string, number>();

  beforeAll(async () => {
    [gateway, temporal] = await Promise.all([startTestGateway(), startTestTemporal()]);
    t = await startApiTest({
      clickhouseUrl: gateway.url,
      temporal: { address: temporal.address, namespace: 'default' },
    });
    ({
      a,
      programs: { a: programA },
    } = await startFixtureMarts(t, gateway.url, join(work.path, 'dbt')));
    mail = await startMailServer({
      dir: join(work.path, 'mail'),
      port: await freePort(),
      refuse: (_n, to) => {
        const left = refusals.get(to[0] ?? '') ?? 0;
        if (left <= 0) return null;
        refusals.set(to[0] ?? '', left - 1);
        return 'try again later';
      },
    });
    client = new Client({ connection: await Connection.connect({ address: temporal.address }) });
    const sends = createReportSends({
      prisma: t.prisma,
      clickhouse: t.clickhouse,
      analytics: DEFAULT_ANALYTICS_SETTINGS,
    });
    worker = await Worker.create({
      connection: await NativeConnection.connect({ address: temporal.address }),
      taskQueue: taskQueues.system,
      workflowBundle: await loadWorkflowBundle(() => {}),
      activities: {
        ...createActivities({
          sends,
          smtpUrl: mail.url,
          from: 'Monet reports <reports@monet.localhost>',
          dir: join(work.path, 'files'),
          linkSecret: DEFAULT_REPORT_SETTINGS.linkSecret,
          apiUrl: 'http://127.0.0.1:4000',
          chromiumPath: '/usr/bin/chromium',
        }),
        // The marts are already built: a build here only starts the reports that follow it.
        buildMarts: async () => ({
          startedAt: new Date().toISOString(),
          seconds: 0,
          counts: { pass: 1, warn: 0, error: 0, skip: 0, noOp: 0, total: 1 },
        }),
      },
    });
    running = worker.run();
  }, 240_000);

  afterAll(async () => {
    worker?.shutdown();
    await running;
    await closePdfBrowser();
    await client?.connection.close();
    await mail?.stop();
    await t?.stop();
    await Promise.allSettled([gateway?.stop(), temporal?.stop()]);
    work.remove();
  });

  const TILES = () => [
    { kind: 'overview', title: 'Second quarter', range: { from: '2026-04-01', to: '2026-06-30' }, programId: programA },
    { kind: 'cohorts', title: 'Cohorts this year', grain: 'month', range: { from: '2026-01-01', to: '2026-06-30' } },
    { kind: 'rfm', title: 'Customer segments' },
    {
      kind: 'pointsEconomy',
      title: 'Points in June',
      range: { from: '2026-06-01', to: '2026-06-30' },
      programId: programA,
    },
    { kind: 'tiers', title: 'Tier ladder', range: { from: '2026-01-01', to: '2026-06-30' }, programId: programA },
    { kind: 'topMembers', title: 'Best customers', limit: 5 },
  ];

  async function createReport(over: Record<string, unknown> = {}): Promise<string> {
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/reports',
      headers: a.as('analyst'),
      payload: {
        name: 'Quarter in review',
        tiles: TILES(),
        formats: ['pdf', 'csv', 'xlsx'],
        recipients: [
          { email: `cfo-${randomUUID().slice(0, 6)}@cafe.test`, timeZone: 'Europe/Paris' },
          { email: `ops-${randomUUID().slice(0, 6)}@cafe.test`, timeZone: 'America/New_York' },
        ],
        trigger: 'schedule',
        cron: '0 8 * * MON',
        timeZone: 'Europe/Paris',
        ...over,
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id;
  }

  const report = async (id: string) =>
    (await t.app.inject({ method: 'GET', url: `/v1/reports/${id}`, headers: a.as('viewer') })).json();
  const deliveries = async (id: string) =>
    (await t.app.inject({ method: 'GET', url: `/v1/reports/${id}/deliveries`, headers: a.as('viewer') })).json()
      .items as {
      runId: string;
      recipientEmail: string;
      status: string;
      skipReason: string | null;
      attempts: number;
      error: string | null;
      messageId: string | null;
    }[];

  /** Every kept message to `email`, oldest first, parsed. */
  async function messagesTo(email: string): Promise<ParsedMail[]> {
    const ids = readdirSync(mail.dir)
      .filter((f) => f.endsWith('.json'))
      .sort()
      .filter((f) => (JSON.parse(readFileSync(join(mail.dir, f), 'utf8')).to as string[]).includes(email));
    return Promise.all(ids.map((f) => simpleParser(readFileSync(join(mail.dir, f.replace(/\.json$/, '.eml'))))));
  }

  const send = (
    input: ReportSendInput,
    id = `${scheduleIds.report(input.tenantId, input.reportId)}:test:${randomUUID()}`,
  ) =>
    client.workflow.execute<ReportSendWorkflow>(workflowTypes.reportSend, {
      taskQueue: taskQueues.system,
      workflowId: id,
      args: [input],
    });

  const api = async (url: string) => (await t.app.inject({ method: 'GET', url, headers: a.as('analyst') })).json();

  it('mails a scheduled report: a PDF with the tiles’ titles and numbers, a CSV per tile and an XLSX', async () => {
    const id = await createReport();
    const { recipients } = await report(id);
    // The schedule's own action, now: as its cron would start it.
    const schedule = client.schedule.getHandle(scheduleIds.report(a.id, id));
    await schedule.trigger(ScheduleOverlapPolicy.ALLOW_ALL);
    let workflowId: string | undefined;
    while (!workflowId) {
      const { info } = await schedule.describe();
      workflowId = [...info.runningActions, ...info.recentActions.map((x) => x.action)][0]?.workflow.workflowId;
      if (!workflowId) await new Promise((r) => setTimeout(r, 100));
    }
    expect(workflowId.startsWith(`${scheduleIds.report(a.id, id)}-`)).toBe(true);
    const result = await client.workflow.getHandle<ReportSendWorkflow>(workflowId).result();
    expect(result).toMatchObject({ outcome: 'sent', sent: 2, failed: 0, skipped: 0 });

    const [message] = await messagesTo(recipients[0].email);
    expect(message?.subject).toMatch(/^Quarter in review — \d{4}-\d{2}-\d{2}$/);
    expect(message?.text).toContain('Europe/Paris');
    const unsubscribe = (message?.headerLines.find((h) => h.key === 'list-unsubscribe')?.line ?? '').replace(
      /\r\n\s+/g,
      ' ',
    );
    expect(unsubscribe).toMatch(
      /^List-Unsubscribe: <http:\/\/127\.0\.0\.1:4000\/v1\/reports\/unsubscribe\?token=[\w-]+\.[\w-]+>/,
    );
    expect(message?.headerLines.find((h) => h.key === 'list-unsubscribe-post')?.line).toBe(
      'List-Unsubscribe-Post: List-Unsubscribe=One-Click',
    );
    const names = message?.attachments.map((x) => x.filename) ?? [];
    expect(names.filter((n) => n?.endsWith('.csv'))).toHaveLength(6);
    expect(names.filter((n) => n?.endsWith('.pdf'))).toHaveLength(1);
    expect(names.filter((n) => n?.endsWith('.xlsx'))).toHaveLength(1);

    // The PDF's text holds every tile's title and the overview's figures as the analytics api gives them.
    const pdf = message?.attachments.find((x) => x.contentType === 'application/pdf');
    const { text } = await extractText(await getDocumentProxy(new Uint8Array(pdf?.content ?? [])), {
      mergePages: true,
    });
    for (const tile of TILES()) expect(text).toContain(tile.title);
    const overview = await api(`/v1/analytics/overview?from=2026-04-01&to=2026-06-30&programId=${programA}`);
    expect(overview.metrics.activeMembers.current).toBeGreaterThan(0);
    expect(text).toContain(formatValue(overview.metrics.activeMembers.current, 'integer', null));
    expect(text).toContain(formatValue(overview.metrics.memberRevenueMinor.current, 'money', overview.currency));
    const rfm = await api('/v1/analytics/rfm');
    expect(text).toContain(formatValue(rfm.members, 'integer', null));

    // The CSV of points holds the analytics api's days, row for row.
    const economy = await api(`/v1/analytics/points-economy?programId=${programA}&from=2026-06-01&to=2026-06-30`);
    const csv = message?.attachments.find((x) => x.filename?.startsWith('4-points-in-june'))?.content.toString('utf8');
    const lines = csv?.trim().split('\r\n') ?? [];
    expect(lines[0]).toBe(
      'day,issuedPoints,redeemedPoints,expiredPoints,outstandingPoints,outstandingLiabilityMinor,breakageRate',
    );
    expect(lines).toHaveLength(economy.days.length + 1);
    expect(lines[1]).toBe(
      [
        economy.days[0].day,
        economy.days[0].issuedPoints,
        economy.days[0].redeemedPoints,
        economy.days[0].expiredPoints,
        economy.days[0].outstandingPoints,
        economy.days[0].outstandingLiabilityMinor,
        economy.days[0].breakageRate ?? '',
      ].join(','),
    );
    // The XLSX has a sheet per tile; the RFM sheet lists the api's segments.
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(
      (message?.attachments.find((x) => x.filename?.endsWith('.xlsx'))?.content ?? Buffer.alloc(0)) as never,
    );
    expect(workbook.worksheets.map((w) => w.name)).toEqual(TILES().map((tile, i) => `${i + 1} ${tile.title}`));
    const rfmSheet = workbook.getWorksheet('3 Customer segments');
    expect(rfmSheet?.getRow(2).getCell(1).value).toBe(rfm.segments[0].segment);
    expect(rfmSheet?.getRow(2).getCell(2).value).toBe(rfm.segments[0].members);

    const log = await deliveries(id);
    expect(log.map((d) => d.status)).toEqual(['sent', 'sent']);
    expect(log.find((d) => d.recipientEmail === recipients[0].email)?.messageId).toBe(message?.messageId);
    expect((await report(id)).lastSentAt).not.toBeNull();
  }, 120_000);

  it('skips an unchanged send when asked to, and sends a changed one', async () => {
    const id = await createReport({ onlyWhenChanged: true });
    const { recipients } = await report(id);
    const first = await send({ tenantId: a.id, reportId: id, trigger: 'schedule' });
    expect(first.outcome).toBe('sent');
    const second = await send({ tenantId: a.id, reportId: id, trigger: 'schedule' });
    expect(second).toMatchObject({ outcome: 'unchanged', sent: 0, skipped: 2, dataHash: first.dataHash });
    expect(await messagesTo(recipients[0].email)).toHaveLength(1);
    const log = await deliveries(id);
    expect(log.filter((d) => d.runId === second.workflowId).map((d) => [d.status, d.skipReason])).toEqual([
      ['skipped', 'unchanged'],
      ['skipped', 'unchanged'],
    ]);
    // Other data (a narrower top list): sent again.
    const body = await report(id);
    const changed = await t.app.inject({
      method: 'PUT',
      url: `/v1/reports/${id}`,
      headers: a.as('owner'),
      payload: {
        ...pick(body),
        tiles: [...TILES().slice(0, 5), { kind: 'topMembers', title: 'Best customers', limit: 3 }],
      },
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect((await send({ tenantId: a.id, reportId: id, trigger: 'schedule' })).outcome).toBe('sent');
  }, 120_000);

  it('stops a recipient who followed the unsubscribe link in their message', async () => {
    const id = await createReport({ trigger: 'marts_rebuilt', cron: null });
    const { recipients } = await report(id);
    // After a build of the marts, the build starts the report's send.
    const build = await client.workflow.execute<DbtBuildWorkflow>(workflowTypes.dbtBuild, {
      taskQueue: taskQueues.system,
      workflowId: `${workflowIds.dbtBuild(new Date())}-${randomUUID()}`,
      args: [],
    });
    const afterBuild = await client.workflow
      .getHandle<ReportSendWorkflow>(workflowIds.reportSend(a.id, id, 'marts_rebuilt', build.workflowId))
      .result();
    expect(afterBuild.outcome).toBe('sent');
    const [message] = await messagesTo(recipients[1].email);
    // The link of the List-Unsubscribe header, as a mail client follows it.
    const link = /<(http[^>]+)>/.exec(
      message?.headerLines.find((h) => h.key === 'list-unsubscribe')?.line.replace(/\r\n\s+/g, '') ?? '',
    )?.[1];
    expect(link).toBeDefined();
    const url = new URL(String(link));
    const res = await t.app.inject({ method: 'GET', url: `${url.pathname}${url.search}` });
    expect(res.statusCode, res.body).toBe(200);

    const res2 = await t.app.inject({
      method: 'POST',
      url: `/v1/reports/${id}:send`,
      headers: { ...a.as('marketer'), 'idempotency-key': `after-unsubscribe-${id}` },
    });
    expect(res2.statusCode, res2.body).toBe(202);
    const now = await client.workflow.getHandle<ReportSendWorkflow>(res2.json().workflowId).result();
    expect(now).toMatchObject({ outcome: 'sent', sent: 1, skipped: 1 });
    expect(await messagesTo(recipients[1].email)).toHaveLength(1);
    expect(await messagesTo(recipients[0].email)).toHaveLength(2);
    const log = (await deliveries(id)).filter((d) => d.runId === now.workflowId);
    expect(log.find((d) => d.recipientEmail === recipients[1].email)).toMatchObject({
      status: 'skipped',
      skipReason: 'unsubscribed',
    });
  }, 120_000);

  it('retries a message the SMTP server refused, and logs one that kept failing', async () => {
    const id = await createReport({ formats: ['csv'], tiles: [{ kind: 'rfm' }] });
    const { recipients } = await report(id);
    refusals.set(recipients[0].email, 1);
    refusals.set(recipients[1].email, 99);
    const result = await send({
      tenantId: a.id,
      reportId: id,
      trigger: 'manual',
      retry: { initialIntervalMs: 100, maximumAttempts: 3 },
    });
    expect(result).toMatchObject({ outcome: 'sent', sent: 1, failed: 1 });
    const log = await deliveries(id);
    expect(log.find((d) => d.recipientEmail === recipients[0].email)).toMatchObject({
      status: 'sent',
      attempts: 2,
      error: null,
    });
    expect(log.find((d) => d.recipientEmail === recipients[1].email)).toMatchObject({
      status: 'failed',
      attempts: 3,
      messageId: null,
      error: expect.stringContaining('try again later'),
    });
    expect(await messagesTo(recipients[0].email)).toHaveLength(1);
    expect(await messagesTo(recipients[1].email)).toHaveLength(0);
  }, 120_000);
});

function pick(r: Record<string, unknown>) {
  const { name, tiles, formats, recipients, trigger, cron, timeZone, onlyWhenChanged, enabled } = r;
  return { name, tiles, formats, recipients, trigger, cron, timeZone, onlyWhenChanged, enabled } as Record<
    string,
    unknown
  >;
}

export type { TileData };
