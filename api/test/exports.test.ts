import type { GatewayHandle } from '@loyaltystudio/engines';
import { startTestGateway, tempDir } from '@loyaltystudio/engines/testing';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MART_NAMES, MARTS, martColumns } from '../src/modules/exports/exports.marts.ts';
import { type ApiTest, startApiTest, startFixtureMarts, type TestTenant } from './support.ts';

/**
 * Exports of every mart as dbt builds it from the proven fixture, its two merchants mapped onto tenants a and b: the
 * allow-list matches the built tables, and every export holds exactly the caller's rows of the mart.
 */
describe('exports of real marts', () => {
  let gateway: GatewayHandle;
  let t: ApiTest;
  let a: TestTenant;
  let b: TestTenant;
  const work = tempDir('exports-dbt');
  const files = tempDir('exports-files');

  beforeAll(async () => {
    gateway = await startTestGateway();
    t = await startApiTest({ clickhouseUrl: gateway.url, exports: { dir: files.path } });
    ({ a, b } = await startFixtureMarts(t, gateway.url, work.path));
  }, 240_000);

  afterAll(async () => {
    await t?.stop();
    await gateway?.stop();
    work.remove();
    files.remove();
  });

  async function count(mart: string, tenant: TestTenant): Promise<number> {
    const result = await t.clickhouse.query({
      query: `SELECT count() AS n FROM marts.${mart} WHERE tenant_id = {tenant:UUID}`,
      query_params: { tenant: tenant.id },
      format: 'JSONEachRow',
      clickhouse_settings: { output_format_json_quote_64bit_integers: 0 },
    });
    return (await result.json<{ n: number }>())[0]?.n ?? 0;
  }

  it('lists every built column of every mart, in the built order', async () => {
    const result = await t.clickhouse.query({
      query:
        "SELECT table, groupArray(name) AS columns FROM (SELECT table, name FROM system.columns WHERE database = 'marts' ORDER BY table, position) GROUP BY table",
      format: 'JSONEachRow',
    });
    const built = Object.fromEntries(
      (await result.json<{ table: string; columns: string[] }>()).map((r) => [r.table, r.columns]),
    );
    for (const mart of MART_NAMES) expect([mart, built[mart]]).toEqual([mart, martColumns(mart)]);
  });

  it.each(MART_NAMES)('%s: the CSV holds exactly the tenant’s rows', async (mart) => {
    const expected = await count(mart, a);
    expect(expected + (await count(mart, b))).toBeGreaterThan(0);
    for (const [tenant, rows] of [
      [a, expected],
      [b, await count(mart, b)],
    ] as const) {
      const created = await t.app.inject({
        method: 'POST',
        url: '/v1/exports',
        headers: { ...tenant.as('analyst'), 'idempotency-key': `${mart}-${tenant.id}` },
        payload: { mart, format: 'csv' },
      });
      expect(created.statusCode, created.body).toBe(202);
      let view = created.json();
      await expect
        .poll(
          async () => {
            view = (
              await t.app.inject({ method: 'GET', url: `/v1/exports/${view.id}`, headers: tenant.as('analyst') })
            ).json();
            return view.status;
          },
          { timeout: 30_000, interval: 50 },
        )
        .toBe('succeeded');
      expect(view).toMatchObject({ rowsTotal: rows, rowsWritten: rows });
      const file = await t.app.inject({ method: 'GET', url: view.download.url, headers: tenant.as('analyst') });
      const records = parse(file.rawPayload, { columns: true }) as Record<string, string>[];
      expect(records).toHaveLength(rows);
      expect(new Set(records.map((r) => r.tenant_id))).toEqual(new Set(rows > 0 ? [tenant.id] : []));
      expect(Object.keys(records[0] ?? MARTS[mart].columns)).toEqual(martColumns(mart));
    }
  });
});
