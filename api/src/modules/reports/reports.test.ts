import { randomUUID } from 'node:crypto';
import type { TemporalHandle } from '@loyaltystudio/engines';
import { startTestTemporal } from '@loyaltystudio/engines/testing';
import { scheduleIds } from '@loyaltystudio/workflow-contracts';
import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiTest, createProgram, startApiTest, type TestTenant } from '../../../test/support.ts';
import { DEFAULT_ANALYTICS_SETTINGS } from '../analytics/analytics.settings.ts';
import { signUnsubscribe } from './reports.links.ts';
import { createReportSends } from './reports.sends.ts';
import { DEFAULT_REPORT_SETTINGS } from './reports.settings.ts';
import { reconcileReportSchedules, reportSchedule } from './reports.workflows.ts';

/**
 * Reports on a real Postgres and a real Temporal dev server (no worker: a send is started, not run). The schedule
 * of a report is checked on the server itself. Sends, PDFs and mail: workflows/src/reports.
 */
describe('reports', () => {
  let t: ApiTest;
  let temporal: TemporalHandle;
  let client: Client;
  let a: TestTenant;
  let b: TestTenant;
  let programA: string;
  let programB: string;

  beforeAll(async () => {
    temporal = await startTestTemporal();
    t = await startApiTest({ temporal: { address: temporal.address, namespace: 'default' } });
    client = new Client({ connection: await Connection.connect({ address: temporal.address }) });
    [a, b] = await Promise.all([t.tenant(), t.tenant()]);
    [programA, programB] = await Promise.all([createProgram(t, a, 'EUR'), createProgram(t, b, 'EUR')]);
  }, 120_000);
  afterAll(async () => {
    await client?.connection.close();
    await t?.stop();
    await temporal?.stop();
  });

  const report = (over: Record<string, unknown> = {}) => ({
    name: 'Monday numbers',
    tiles: [
      { kind: 'overview', title: 'Last 7 days', range: { lastDays: 7 }, metrics: ['activeMembers', 'roi'] },
      { kind: 'pointsEconomy', range: { calendar: 'previousMonth' }, programId: programA },
      { kind: 'rfm' },
      { kind: 'topMembers', limit: 5 },
    ],
    formats: ['pdf', 'csv', 'xlsx'],
    recipients: [
      { email: 'cfo@cafe.test', timeZone: 'Europe/Paris' },
      { email: 'ops@cafe.test', timeZone: 'America/New_York' },
    ],
    trigger: 'schedule',
    cron: '0 8 * * MON',
    timeZone: 'Europe/Paris',
    ...over,
  });

  const call = (
    tenant: TestTenant,
    role: Parameters<TestTenant['as']>[0],
    method: string,
    url: string,
    payload?: object,
    headers = {},
  ) => t.app.inject({ method: method as 'GET', url, headers: { ...tenant.as(role), ...headers }, payload });

  it('keeps a Temporal Schedule in step with the report: cron and time zone, paused, gone', async () => {
    const created = await call(a, 'marketer', 'POST', '/v1/reports', report());
    expect(created.statusCode, created.body).toBe(201);
    const r = created.json();
    expect(r).toMatchObject({ trigger: 'schedule', cron: '0 8 * * MON', scheduleId: scheduleIds.report(a.id, r.id) });
    const handle = client.schedule.getHandle(scheduleIds.report(a.id, r.id));
    let described = await handle.describe();
    expect(described.spec.timezone).toBe('Europe/Paris');
    expect(described.action).toMatchObject({ type: 'startWorkflow', workflowType: 'reportSend' });
    expect(described.state.paused).toBe(false);

    const updated = await call(
      a,
      'analyst',
      'PUT',
      `/v1/reports/${r.id}`,
      report({ cron: '30 6 * * *', timeZone: 'Asia/Tokyo', enabled: false }),
    );
    expect(updated.statusCode, updated.body).toBe(200);
    described = await handle.describe();
    expect(described.spec.timezone).toBe('Asia/Tokyo');
    expect(described.state.paused).toBe(true);

    // After the marts' builds instead: no schedule.
    const marts = await call(
      a,
      'admin',
      'PUT',
      `/v1/reports/${r.id}`,
      report({ trigger: 'marts_rebuilt', cron: null }),
    );
    expect(marts.statusCode, marts.body).toBe(200);
    expect(marts.json().scheduleId).toBeNull();
    await expect(handle.describe()).rejects.toThrow();

    await call(a, 'admin', 'PUT', `/v1/reports/${r.id}`, report());
    expect((await handle.describe()).state.paused).toBe(false);
    expect((await call(a, 'owner', 'DELETE', `/v1/reports/${r.id}`)).statusCode).toBe(204);
    await expect(handle.describe()).rejects.toThrow();
    expect((await call(a, 'owner', 'GET', `/v1/reports/${r.id}`)).statusCode).toBe(404);

    const actions = await t.prisma.auditLog.findMany({
      where: { tenantId: a.id, entityId: r.id },
      orderBy: { createdAt: 'asc' },
    });
    expect(actions.map((x) => x.action)).toEqual([
      'report.create',
      'report.update',
      'report.update',
      'report.update',
      'report.delete',
    ]);
  });

  it('names every bad field by its path', async () => {
    const res = await call(
      a,
      'owner',
      'POST',
      '/v1/reports',
      report({
        tiles: [
          { kind: 'overview', range: { lastDays: 0 } },
          { kind: 'pointsEconomy', range: { lastDays: 7 } },
          { kind: 'funnel' },
          { kind: 'topMembers', limit: 5, colour: 'red' },
        ],
      }),
    );
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().errors).toEqual([
      { path: 'body.tiles.0.range', message: expect.stringContaining('lastDays') },
      { path: 'body.tiles.1.programId', message: 'is required' },
      { path: 'body.tiles.2.kind', message: expect.stringContaining('overview, cohorts, rfm') },
      { path: 'body.tiles.3.colour', message: 'is not a known field' },
    ]);

    const fields = await call(
      a,
      'owner',
      'POST',
      '/v1/reports',
      report({
        recipients: [
          { email: 'not-an-email', timeZone: 'Europe/Paris' },
          { email: 'a@cafe.test', timeZone: 'Mars/Olympus' },
          { email: 'A@cafe.test', timeZone: 'UTC' },
        ],
        cron: '61 * * * *',
      }),
    );
    expect(fields.statusCode).toBe(400);
    expect(fields.json().errors.map((e: { path: string }) => e.path)).toEqual(['body.recipients.0.email']);

    const service = await call(
      a,
      'owner',
      'POST',
      '/v1/reports',
      report({
        recipients: [
          { email: 'a@cafe.test', timeZone: 'Mars/Olympus' },
          { email: 'A@cafe.test', timeZone: 'UTC' },
        ],
        cron: '61 * * * *',
        timeZone: 'Nowhere',
      }),
    );
    expect(service.json().errors).toEqual([
      { path: 'body.timeZone', message: 'is not an IANA time zone' },
      { path: 'body.recipients.0.timeZone', message: 'is not an IANA time zone' },
      { path: 'body.recipients.1.email', message: 'is listed twice' },
      { path: 'body.cron', message: expect.stringContaining('minute field "61"') },
    ]);

    const noCron = await call(a, 'owner', 'POST', '/v1/reports', report({ cron: undefined }));
    expect(noCron.json().errors).toEqual([{ path: 'body.cron', message: 'is required when trigger is schedule' }]);
    const otherProgram = await call(
      a,
      'owner',
      'POST',
      '/v1/reports',
      report({
        tiles: [{ kind: 'tiers', range: { lastDays: 30 }, programId: programB }],
      }),
    );
    expect(otherProgram.json().errors).toEqual([
      { path: 'body.tiles.0.programId', message: 'is not a program of the tenant' },
    ]);
  });

  it("answers 404 for another tenant's report on every route, and follows the role table", async () => {
    const r = (await call(a, 'owner', 'POST', '/v1/reports', report({ trigger: 'marts_rebuilt', cron: null }))).json();
    for (const [method, url, payload] of [
      ['GET', `/v1/reports/${r.id}`],
      ['PUT', `/v1/reports/${r.id}`, report({ trigger: 'marts_rebuilt', cron: null, tiles: [{ kind: 'rfm' }] })],
      ['DELETE', `/v1/reports/${r.id}`],
      ['GET', `/v1/reports/${r.id}/deliveries`],
    ] as const) {
      const res = await call(b, 'owner', method, url, payload);
      expect(res.statusCode, `${method} ${url}`).toBe(404);
    }
    const send = await call(b, 'owner', 'POST', `/v1/reports/${r.id}:send`, undefined, { 'idempotency-key': 'k-1' });
    expect(send.statusCode).toBe(404);
    expect((await call(b, 'owner', 'GET', '/v1/reports')).json().items).toEqual([]);

    expect((await call(a, 'viewer', 'GET', `/v1/reports/${r.id}`)).statusCode).toBe(200);
    expect((await call(a, 'viewer', 'DELETE', `/v1/reports/${r.id}`)).statusCode).toBe(403);
    expect((await call(a, 'viewer', 'POST', '/v1/reports', report())).statusCode).toBe(403);
  });

  it('starts a send now once per Idempotency-Key', async () => {
    const r = (await call(a, 'owner', 'POST', '/v1/reports', report({ trigger: 'marts_rebuilt', cron: null }))).json();
    const url = `/v1/reports/${r.id}:send?asOf=2026-03-31`;
    const first = await call(a, 'marketer', 'POST', url, undefined, { 'idempotency-key': 'send-1' });
    expect(first.statusCode, first.body).toBe(202);
    expect(first.json()).toMatchObject({ reportId: r.id, asOf: '2026-03-31' });
    const workflowId: string = first.json().workflowId;
    expect(workflowId).toMatch(new RegExp(`^report:${a.id}:${r.id}:manual:[0-9a-f]{24}$`));
    const description = await client.workflow.getHandle(workflowId).describe();
    expect(description.type).toBe('reportSend');

    const again = await call(a, 'marketer', 'POST', url, undefined, { 'idempotency-key': 'send-1' });
    expect(again.statusCode).toBe(202);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json().workflowId).toBe(workflowId);
    const other = await call(a, 'marketer', 'POST', `/v1/reports/${r.id}:send`, undefined, {
      'idempotency-key': 'send-1',
    });
    expect(other.statusCode).toBe(422);
    const noKey = await call(a, 'marketer', 'POST', url);
    expect(noKey.statusCode).toBe(400);
    await client.workflow.getHandle(workflowId).terminate('test');
  });

  it('stops a recipient through the signed link, without sign-in', async () => {
    const r = (await call(a, 'owner', 'POST', '/v1/reports', report({ trigger: 'marts_rebuilt', cron: null }))).json();
    const token = signUnsubscribe(DEFAULT_REPORT_SETTINGS.linkSecret, {
      tenantId: a.id,
      reportId: r.id,
      email: 'OPS@cafe.test',
    });
    const res = await t.app.inject({ method: 'GET', url: `/v1/reports/unsubscribe?token=${token}` });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain('ops@cafe.test will receive no more messages of the report “Monday numbers”');
    expect((await t.app.inject({ method: 'POST', url: `/v1/reports/unsubscribe?token=${token}` })).statusCode).toBe(
      200,
    );
    expect((await call(a, 'viewer', 'GET', `/v1/reports/${r.id}`)).json().unsubscribed).toEqual(['ops@cafe.test']);

    const forged = `${token.slice(0, -2)}xx`;
    const bad = await t.app.inject({ method: 'GET', url: `/v1/reports/unsubscribe?token=${forged}` });
    expect(bad.statusCode).toBe(403);
    const gone = signUnsubscribe(DEFAULT_REPORT_SETTINGS.linkSecret, {
      tenantId: a.id,
      reportId: programA,
      email: 'x@y.z',
    });
    expect((await t.app.inject({ method: 'GET', url: `/v1/reports/unsubscribe?token=${gone}` })).statusCode).toBe(404);
  });

  it('puts schedules back in step at a worker start: a lost one recreated, one without a report deleted', async () => {
    const r = (await call(a, 'owner', 'POST', '/v1/reports', report({ timeZone: 'Asia/Tokyo' }))).json();
    const lost = client.schedule.getHandle(scheduleIds.report(a.id, r.id));
    await lost.delete();
    const orphan = reportSchedule({
      tenantId: b.id,
      reportId: randomUUID(),
      trigger: 'schedule',
      cron: '0 1 * * *',
      timeZone: 'UTC',
      enabled: true,
    });
    await client.schedule.create(orphan);
    // Schedules are listed from Temporal's visibility store, which sees a new one a moment later.
    const listed = async () => {
      for await (const x of client.schedule.list()) if (x.scheduleId === orphan.scheduleId) return true;
      return false;
    };
    for (let tries = 0; !(await listed()); tries += 1) {
      if (tries > 100) throw new Error('the new schedule was never listed');
      await new Promise((done) => setTimeout(done, 100));
    }
    const sends = createReportSends({
      prisma: t.prisma,
      clickhouse: t.clickhouse,
      analytics: DEFAULT_ANALYTICS_SETTINGS,
    });
    const result = await reconcileReportSchedules(client, await sends.scheduled());
    expect(result.deleted).toBeGreaterThanOrEqual(1);
    expect((await lost.describe()).spec.timezone).toBe('Asia/Tokyo');
    await expect(client.schedule.getHandle(orphan.scheduleId).describe()).rejects.toThrow();
  });
});
