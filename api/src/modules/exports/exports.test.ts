import type { GatewayHandle } from '@loyaltystudio/engines';
import { startTestGateway, tempDir } from '@loyaltystudio/engines/testing';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { parquetReadObjects } from 'hyparquet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiTest, startApiTest, type TestTenant } from '../../../test/support.ts';
import { signLink } from './exports.links.ts';
import { MARTS, type MartName } from './exports.marts.ts';

const LINK_SECRET = 'a-test-secret-for-export-links-0123456789';

/** The marts this test builds, as plain DDL from the allow-list's documented types (dbt builds them in the stack). */
const FIXTURE_MARTS: MartName[] = ['member_360', 'points_economy', 'member_rfm'];

function martDdl(mart: MartName): string {
  const spec = MARTS[mart];
  const columns = Object.entries(spec.columns).map(([name, type]) => `\`${name}\` ${type}`);
  return `CREATE TABLE marts.${mart} (${columns.join(', ')}) ENGINE = MergeTree ORDER BY (${spec.orderBy.join(', ')})`;
}

interface ExportView {
  id: string;
  status: string;
  rowsTotal: number | null;
  rowsWritten: number;
  bytesWritten: number;
  error: string | null;
  download: { url: string; expiresAt: string } | null;
}

/**
 * Exports on real Postgres and a real gateway: each format round-trips through its own reader, a file holds only
 * the caller's tenant's rows, another tenant's export is not found, links are checked, and bad input is refused
 * before any query. The marts are fixtures created here with plain DDL.
 */
describe('exports', () => {
  let gateway: GatewayHandle;
  let t: ApiTest;
  let a: TestTenant;
  let b: TestTenant;
  const files = tempDir('exports');
  let key = 0;

  const member = (tenant: TestTenant, n: number, extra: Record<string, unknown> = {}) => ({
    tenant_id: tenant.id,
    member_id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    external_id: `cust-${n}`,
    status: 'active',
    enrolled_at: `2026-0${(n % 9) + 1}-15 10:30:00.250`,
    cohort_month: `2026-0${(n % 9) + 1}-01`,
    tags: n % 2 ? ['vip', 'coffee'] : [],
    points_available: 100 * n,
    points_pending: 0,
    lifetime_earned_points: 150 * n,
    redeemed_points: 50 * n,
    expired_points: 0,
    tier_id: null,
    tier_name: n % 2 ? 'Gold' : null,
    tier_rank: n % 2 ? 2 : null,
    purchases: n,
    revenue_minor: 1234 * n,
    first_purchase_at: '2026-03-01 09:00:00.000',
    last_purchase_at: n % 3 ? '2026-04-01 18:00:00.000' : null,
    redemptions: 1,
    last_redemption_at: null,
    recency_days: n % 3 ? 30 : null,
    frequency: n,
    monetary_minor: 1000 * n,
    r_score: (n % 5) + 1,
    f_score: 3,
    m_score: 4,
    rfm_segment: 'Loyal',
    ...extra,
  });

  const economyDay = (tenant: TestTenant, dayOfMarch: number) => ({
    tenant_id: tenant.id,
    program_id: '00000000-0000-4000-8000-00000000000f',
    day: `2026-03-${String(dayOfMarch).padStart(2, '0')}`,
    issued_points: 100 + dayOfMarch,
    redeemed_points: 10,
    expired_points: 0,
    reversed_points: 0,
    adjusted_points: 0,
    net_change_points: 90 + dayOfMarch,
    outstanding_points: 1000 * dayOfMarch,
    outstanding_liability_minor: 500 * dayOfMarch,
    cumulative_issued_points: 2000 * dayOfMarch,
    cumulative_expired_points: 0,
    breakage_rate: dayOfMarch % 2 ? 0.25 : null,
  });

  beforeAll(async () => {
    gateway = await startTestGateway();
    t = await startApiTest({
      clickhouseUrl: gateway.url,
      exports: { dir: files.path, linkSecret: LINK_SECRET, linkTtlSeconds: 300 },
    });
    [a, b] = await Promise.all([t.tenant(), t.tenant()]);
    await t.clickhouse.command({ query: 'CREATE DATABASE IF NOT EXISTS marts' });
    for (const mart of FIXTURE_MARTS) await t.clickhouse.command({ query: martDdl(mart) });
    const insert = (table: string, values: object[]) =>
      t.clickhouse.insert({ table: `marts.${table}`, values, format: 'JSONEachRow' });
    // A's member 1 has an external id with a comma, quotes and a newline: CSV must quote it and keep it whole.
    await insert('member_360', [
      member(a, 1, { external_id: 'cust,"1"\nsecond line' }),
      member(a, 2),
      member(a, 3),
      member(b, 101),
      member(b, 102),
    ]);
    await insert('points_economy', [
      ...[1, 2, 3, 4, 5].map((d) => economyDay(a, d)),
      ...[1, 2, 3, 4, 5].map((d) => economyDay(b, d)),
    ]);
    await insert(
      'member_rfm',
      [a, a, b].map((tenant, i) => ({
        tenant_id: tenant.id,
        member_id: `00000000-0000-4000-8000-00000000020${i}`,
        as_of_date: '2026-11-30',
        recency_days: i === 1 ? null : 7 * (i + 1),
        frequency: i + 1,
        monetary_minor: 5000 + i,
        r_score: 5,
        f_score: 4,
        m_score: 3,
        rfm_segment: i === 1 ? 'Lost' : 'Champions',
      })),
    );
  }, 120_000);

  afterAll(async () => {
    await t?.stop();
    await gateway?.stop();
    files.remove();
  });

  const create = (
    tenant: TestTenant,
    payload: object,
    opts: { key?: string; role?: 'owner' | 'analyst' | 'viewer' } = {},
  ) =>
    t.app.inject({
      method: 'POST',
      url: '/v1/exports',
      headers: { ...tenant.as(opts.role ?? 'analyst'), 'idempotency-key': opts.key ?? `export-${++key}` },
      payload,
    });

  const status = (tenant: TestTenant, id: string) =>
    t.app.inject({ method: 'GET', url: `/v1/exports/${id}`, headers: tenant.as('analyst') });

  /** Creates an export and waits until it has finished; returns its final view. */
  async function exported(tenant: TestTenant, payload: object): Promise<ExportView> {
    const res = await create(tenant, payload);
    expect(res.statusCode, res.body).toBe(202);
    const created = res.json() as ExportView;
    expect(['queued', 'running']).toContain(created.status);
    let view = created;
    await expect
      .poll(
        async () => {
          view = (await status(tenant, created.id)).json();
          return view.status;
        },
        { timeout: 30_000, interval: 50 },
      )
      .toMatch(/succeeded|failed/);
    expect(view.error).toBeNull();
    expect(view.status).toBe('succeeded');
    return view;
  }

  const download = (tenant: TestTenant, url: string) =>
    t.app.inject({ method: 'GET', url, headers: tenant.as('analyst') });

  it('writes CSV as ClickHouse’s CSVWithNames would: all columns in documented order, only the tenant’s rows', async () => {
    const view = await exported(a, { mart: 'member_360', format: 'csv' });
    expect(view).toMatchObject({ rowsTotal: 3, rowsWritten: 3 });
    expect(view.download?.url).toMatch(new RegExp(`^/v1/exports/${view.id}/download\\?expires=\\d+&signature=`));

    const res = await download(a, view.download?.url as string);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(
      new RegExp(`^attachment; filename="member_360-\\d{4}-\\d{2}-\\d{2}-${view.id.slice(0, 8)}\\.csv"$`),
    );
    expect(Number(res.headers['content-length'])).toBe(view.bytesWritten);
    const header = Object.keys(MARTS.member_360.columns).map((name) => `"${name}"`);
    expect(res.rawPayload.toString('utf8').split('\n')[0]).toBe(header.join(','));
    const records = parse(res.rawPayload, { columns: true }) as Record<string, string>[];
    expect(Object.keys(records[0] ?? {})).toEqual(Object.keys(MARTS.member_360.columns));
    expect(records.map((r) => r.tenant_id)).toEqual([a.id, a.id, a.id]);
    expect(records.map((r) => r.external_id)).toEqual(['cust,"1"\nsecond line', 'cust-2', 'cust-3']);
    expect(records[0]).toMatchObject({
      enrolled_at: '2026-02-15T10:30:00.250Z',
      tags: "['vip','coffee']",
      tier_name: 'Gold',
      revenue_minor: '1234',
    });
  });

  it('writes Parquet with ClickHouse’s own format, typed, for a date range of the mart', async () => {
    const view = await exported(a, {
      mart: 'points_economy',
      format: 'parquet',
      columns: ['day', 'program_id', 'outstanding_points', 'breakage_rate'],
      filters: { from: '2026-03-02', to: '2026-03-04' },
    });
    expect(view).toMatchObject({ rowsTotal: 3, rowsWritten: 3 });
    const res = await download(a, view.download?.url as string);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.apache.parquet');
    const bytes = res.rawPayload;
    const rows = await parquetReadObjects({
      file: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
    });
    expect(rows).toEqual(
      [2, 3, 4].map((d) => ({
        day: new Date(`2026-03-0${d}T00:00:00Z`),
        program_id: '00000000-0000-4000-8000-00000000000f',
        outstanding_points: BigInt(1000 * d),
        breakage_rate: d % 2 ? 0.25 : null,
      })),
    );
  });

  it('writes XLSX through the streaming writer: numbers as numbers, days as dates, chosen columns in order', async () => {
    const view = await exported(a, {
      mart: 'member_rfm',
      format: 'xlsx',
      columns: ['rfm_segment', 'member_id', 'as_of_date', 'recency_days', 'monetary_minor'],
    });
    expect(view).toMatchObject({ rowsTotal: 2, rowsWritten: 2 });
    const res = await download(a, view.download?.url as string);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const [sheet] = workbook.worksheets;
    if (!sheet) throw new Error('the workbook has no sheet');
    const values = (n: number) => (sheet.getRow(n).values as unknown[]).slice(1);
    expect(values(1)).toEqual(['rfm_segment', 'member_id', 'as_of_date', 'recency_days', 'monetary_minor']);
    expect(values(2)).toEqual([
      'Champions',
      '00000000-0000-4000-8000-000000000200',
      new Date('2026-11-30T00:00:00Z'),
      7,
      5000,
    ]);
    // recency_days NULL is an empty cell.
    expect(values(3)).toEqual([
      'Lost',
      '00000000-0000-4000-8000-000000000201',
      new Date('2026-11-30T00:00:00Z'),
      undefined,
      5001,
    ]);
    expect(sheet.rowCount).toBe(3);
  });

  it("answers 404 for another tenant's export and its download, even with a valid link", async () => {
    const view = await exported(b, { mart: 'member_rfm', format: 'csv' });
    expect(view.rowsWritten).toBe(1);
    expect((await status(a, view.id)).statusCode).toBe(404);
    const res = await download(a, view.download?.url as string);
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
    // B's own file holds B's row only.
    const own = await download(b, view.download?.url as string);
    expect((parse(own.rawPayload, { columns: true }) as { tenant_id: string }[]).map((r) => r.tenant_id)).toEqual([
      b.id,
    ]);
  });

  it('refuses a wrong signature and an expired link with 403 problem+json', async () => {
    const view = await exported(a, { mart: 'member_rfm', format: 'csv', columns: ['member_id'] });
    const url = new URL(view.download?.url as string, 'http://api');
    const expires = Number(url.searchParams.get('expires'));
    const signature = url.searchParams.get('signature') as string;

    const tampered = await download(a, `${url.pathname}?expires=${expires + 3600}&signature=${signature}`);
    expect(tampered.statusCode).toBe(403);
    expect(tampered.json()).toMatchObject({ type: 'https://monet.dev/problems/download-link-invalid', status: 403 });
    const garbage = await download(a, `${url.pathname}?expires=${expires}&signature=AAAA`);
    expect(garbage.statusCode).toBe(403);

    const past = Math.floor(Date.now() / 1000) - 10;
    const expiredSignature = signLink(LINK_SECRET, { tenantId: a.id, exportId: view.id, expires: past });
    const expired = await download(a, `${url.pathname}?expires=${past}&signature=${expiredSignature}`);
    expect(expired.statusCode).toBe(403);
    expect(expired.json()).toMatchObject({ type: 'https://monet.dev/problems/download-link-expired' });
  });

  it('replays the first answer for the same Idempotency-Key and body, and refuses it with another body', async () => {
    const payload = { mart: 'member_rfm', format: 'csv' };
    const first = await create(a, payload, { key: 'same-export' });
    const again = await create(a, payload, { key: 'same-export' });
    expect(again.statusCode).toBe(202);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json().id).toBe(first.json().id);
    const other = await create(a, { ...payload, format: 'parquet' }, { key: 'same-export' });
    expect(other.statusCode).toBe(422);
    await expect.poll(async () => (await status(a, first.json().id)).json().status).toBe('succeeded');
  });

  it('reports an export whose writer stopped a minute ago as interrupted', async () => {
    const stale = await t.prisma.export.create({
      data: {
        tenantId: a.id,
        mart: 'member_rfm',
        format: 'csv',
        columns: ['member_id'],
        status: 'running',
        actorType: 'user',
        actorId: a.users.analyst.id,
        updatedAt: new Date(Date.now() - 120_000),
      },
    });
    const view = (await status(a, stale.id)).json() as ExportView;
    expect(view).toMatchObject({ status: 'failed', download: null });
    expect(view.error).toMatch(/^Interrupted/);
  });

  it('needs exports:create', async () => {
    expect((await create(a, { mart: 'member_rfm', format: 'csv' }, { role: 'viewer' })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'POST', url: '/v1/exports', payload: {} })).statusCode).toBe(401);
  });

  it('answers 503 for a mart dbt has not built yet', async () => {
    const res = await create(a, { mart: 'funnels', format: 'csv' });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toMatchObject({ type: 'https://monet.dev/problems/warehouse-unavailable' });
    expect(res.json().detail).toContain('funnels');
  });

  // `funnels` is not built here: a request that reached ClickHouse would answer 503, so each 400 below was decided
  // before any query ran.
  it.each([
    [{ mart: 'raw_members', format: 'csv' }, 'body.mart'],
    [{ mart: 'funnels', format: 'json' }, 'body.format'],
    [{ mart: 'funnels' }, 'body.format'],
    [{ mart: 'funnels', format: 'csv', columns: ['step', 'email'] }, 'body.columns.1'],
    [{ mart: 'funnels', format: 'csv', columns: ['step', 'step'] }, 'body.columns.1'],
    [{ mart: 'funnels', format: 'csv', columns: ['step; DROP TABLE x'] }, 'body.columns.0'],
    [{ mart: 'funnels', format: 'csv', columns: [] }, 'body.columns'],
    [{ mart: 'funnels', format: 'csv', filters: { from: '2026-03-01' } }, 'body.filters.to'],
    [{ mart: 'funnels', format: 'csv', filters: { from: '2026-02-30', to: '2026-03-01' } }, 'body.filters.from'],
    [{ mart: 'funnels', format: 'csv', filters: { from: '2026-03-02', to: '2026-03-01' } }, 'body.filters.to'],
    [{ mart: 'funnels', format: 'csv', filters: { from: '1990-01-01', to: '2026-03-01' } }, 'body.filters.to'],
    [{ mart: 'member_rfm', format: 'csv', filters: { from: '2026-01-01', to: '2026-03-01' } }, 'body.filters'],
    [{ mart: 'funnels', format: 'csv', tenantId: 'x' }, 'body.tenantId'],
  ])('refuses %j with problem+json 400 naming %s, before any query', async (payload, path) => {
    const res = await create(a, payload);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().errors.map((e: { path: string }) => e.path)).toContain(path);
  });

  it('refuses a request without an Idempotency-Key', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/exports',
      headers: a.as('analyst'),
      payload: { mart: 'member_rfm', format: 'csv' },
    });
    expect(res.statusCode).toBe(400);
  });
});
