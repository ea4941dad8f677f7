import { randomUUID } from 'node:crypto';
import type { GatewayHandle } from '@loyaltystudio/engines';
import { startTestGateway, tempDir } from '@loyaltystudio/engines/testing';
import { migrateClickHouse, runDbt } from '@loyaltystudio/warehouse';
import { CdcConsumer } from '@loyaltystudio/warehouse/cdc';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  importProgram,
  ORDERS_MAPPING,
  type OrderLine,
  ordersCsv,
  postImport,
  settled,
} from '../src/modules/imports/imports.fixtures.ts';
import { expirePoints } from '../src/modules/ledger/expire-points.ts';
import { type ApiTest, startApiTest, type TestTenant } from './support.ts';

// The "done when": a merchant's history imported gives the same cohorts, RFM, points economy and tiers as
// the same history written live on those dates. Both tenants' rows reach ClickHouse through the change stream's own
// first-start snapshot, and dbt builds the marts from them.

const DAY = 86_400_000;
const AS_OF = '2025-12-31';
const TABLES = [
  'tenants',
  'programs',
  'rules',
  'rule_versions',
  'members',
  'events',
  'ledger_entries',
  'balances',
  'point_lots',
  'lot_allocations',
  'rewards',
  'redemptions',
  'tiers',
  'tier_changes',
  'guest_purchases',
  'campaigns',
  'campaign_members',
];

/** Twenty customers joining through 2025, buying every few weeks (some drop out), with a few refunds. */
function history(): OrderLine[] {
  const orders: OrderLine[] = [];
  for (let c = 0; c < 20; c++) {
    let at = Date.UTC(2025, 0, 3) + c * 11 * DAY + c * 3_600_000;
    const visits = 3 + ((c * 7) % 11);
    for (let k = 0; k < visits; k++) {
      const id = `m-${c}-${k}`;
      const amountMinor = 800 + ((c * 389 + k * 577) % 9_000);
      orders.push({ externalId: id, member: `cust-${c}`, type: 'purchase', at: new Date(at), amountMinor });
      if ((c + k) % 6 === 0) {
        const refundAt = new Date(at + 3 * DAY);
        orders.push({
          externalId: `${id}-r`,
          member: `cust-${c}`,
          type: 'refund',
          at: refundAt,
          amountMinor,
          refundOf: id,
        });
      }
      at += (9 + ((c * 5 + k * 3) % 40)) * DAY;
    }
  }
  return orders.filter((o) => o.at.getTime() < Date.parse(AS_OF)).sort((x, y) => x.at.getTime() - y.at.getTime());
}

describe('an imported history gives the marts of the same history written live', () => {
  let gateway: GatewayHandle;
  let t: ApiTest;
  let live: TestTenant;
  let imported: TestTenant;
  const work = tempDir('dbt-import');

  beforeAll(async () => {
    gateway = await startTestGateway();
    t = await startApiTest({ clickhouseUrl: gateway.url });
    await migrateClickHouse(t.clickhouse);
    [live, imported] = await Promise.all([t.tenant(), t.tenant()]);
    await Promise.all([importProgram(t, live), importProgram(t, imported)]);
    const orders = history();
    for (const o of orders) {
      await expirePoints(t.prisma, { now: o.at, tenantId: live.id });
      const res = await t.app.inject({
        method: 'POST',
        url: '/v1/events',
        headers: { ...live.as('owner'), 'idempotency-key': randomUUID() },
        payload: {
          externalId: o.externalId,
          type: o.type,
          occurredAt: o.at.toISOString(),
          amountMinor: o.amountMinor,
          currency: 'EUR',
          ...(o.type === 'purchase' ? { memberExternalId: o.member } : { refundOfExternalId: o.refundOf }),
        },
      });
      if (res.statusCode !== 201) throw new Error(`${o.externalId}: ${res.statusCode} ${res.body}`);
    }
    await expirePoints(t.prisma, { now: new Date(), tenantId: live.id });
    const res = await postImport(t, imported, {
      orders: { format: 'csv', content: ordersCsv(orders) },
      mapping: ORDERS_MAPPING,
    });
    expect((await settled(t, imported, res.json().id)).status).toBe('succeeded');

    const consumer = new CdcConsumer({
      databaseUrl: t.pg.url,
      clickhouse: t.clickhouse,
      tables: TABLES,
      publication: 'monet_import_test',
      slot: 'monet_import_test',
      batchRows: 5_000,
      maxBatchDelayMs: 100,
    });
    await consumer.start();
    await consumer.stop();
    await runDbt({
      args: ['run'],
      clickhouseUrl: gateway.url,
      username: 'monet',
      password: 'monet',
      workDir: work.path,
      vars: { as_of_date: AS_OF },
    });
  }, 900_000);
  afterAll(async () => {
    await t?.stop();
    await gateway?.stop();
    work.remove();
  });

  async function mart(tenant: TestTenant, sql: string): Promise<Record<string, unknown>[]> {
    const result = await t.clickhouse.query({ query: sql, query_params: { tenant: tenant.id }, format: 'JSONEachRow' });
    return result.json();
  }
  const both = async (sql: string) => {
    const [a, b] = [await mart(live, sql), await mart(imported, sql)];
    expect(a.length).toBeGreaterThan(0);
    expect(b).toEqual(a);
  };

  it('cohorts and retention', () =>
    both(`SELECT cohort_grain, toString(cohort_start) AS cohort, period_index, cohort_size, active_members
          FROM marts.cohort_retention WHERE tenant_id = {tenant:UUID} ORDER BY ALL`));

  it('RFM scores and segments', () =>
    both(`SELECT recency_days, frequency, monetary_minor, r_score, f_score, m_score, rfm_segment
          FROM marts.member_rfm WHERE tenant_id = {tenant:UUID} ORDER BY ALL`));

  it('the points economy, day by day', () =>
    both(`SELECT toString(day) AS d, issued_points, redeemed_points, expired_points, reversed_points, adjusted_points,
            net_change_points, outstanding_points, outstanding_liability_minor
          FROM marts.points_economy WHERE tenant_id = {tenant:UUID} ORDER BY ALL`));

  it('tiers held and tier moves, month by month', async () => {
    await both(`SELECT toString(month) AS m, tier_name, tier_rank, members
                FROM marts.tier_distribution WHERE tenant_id = {tenant:UUID} ORDER BY ALL`);
    await both(`SELECT toString(month) AS m, from_tier_name, to_tier_name, direction, changes
                FROM marts.tier_movements WHERE tenant_id = {tenant:UUID} ORDER BY ALL`);
  });
});
