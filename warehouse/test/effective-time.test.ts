import { randomUUID } from 'node:crypto';
import type { ClickHouseClient } from '@clickhouse/client';
import type { GatewayHandle } from '@loyaltystudio/engines';
import { startTestGateway, tempDir } from '@loyaltystudio/engines/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClickHouseClient } from '../src/clickhouse/client.ts';
import { migrateClickHouse } from '../src/clickhouse/migrate.ts';
import { runDbt } from '../src/dbt/run-dbt.ts';
import { loadMartsFixture, readMartsFixture } from './marts-fixture.ts';

// A merchant's history imported in June 2026: every row is recorded on the day of the import, but took effect in
// 2024 and 2025. The marts must put each point, redemption, expiry and tier move in the month it took effect, and
// the member in the cohort of their enrolment, whatever day the rows were written (or synced: one entry arrives
// after the first build, as an import's next chunk would).
const fixture = readMartsFixture();
const template = (table: string) => ({ ...fixture.tables[table]![0]! });

const IMPORTED = '2026-06-20 12:00:00.000';
const tenantId = randomUUID();
const programId = randomUUID();
const memberId = randomUUID();
const tierId = randomUUID();
const purchaseId = randomUUID();

let version = 900_000;
const row = (table: string, fields: Record<string, unknown>) => ({
  ...template(table),
  ...fields,
  _version: ++version,
  _deleted: 0,
});
const entry = (seq: number, kind: string, points: number, effectiveAt: string, eventId: string | null = null) =>
  row('ledger_entries', {
    tenant_id: tenantId,
    id: randomUUID(),
    member_id: memberId,
    program_id: programId,
    seq,
    kind,
    points,
    event_id: eventId,
    redemption_id: null,
    campaign_id: null,
    effective_at: effectiveAt,
    created_at: IMPORTED,
  });

const rows: Record<string, Record<string, unknown>[]> = {
  tenants: [row('tenants', { id: tenantId, slug: 'echo', name: 'Echo Outfitters', created_at: IMPORTED })],
  programs: [
    row('programs', { tenant_id: tenantId, id: programId, money_value_per_1000_points: 1000, created_at: IMPORTED }),
  ],
  members: [
    row('members', {
      tenant_id: tenantId,
      id: memberId,
      external_id: 'echo-1',
      email: 'echo-1@example.com',
      enrolled_at: '2024-01-10 08:00:00.000',
      created_at: IMPORTED,
      updated_at: IMPORTED,
    }),
  ],
  events: [
    row('events', {
      tenant_id: tenantId,
      id: purchaseId,
      program_id: programId,
      member_id: memberId,
      external_id: 'echo-order-1',
      type: 'purchase',
      occurred_at: '2024-02-15 10:00:00.000',
      amount_minor: 10_000,
      currency: 'EUR',
      created_at: IMPORTED,
    }),
  ],
  ledger_entries: [
    entry(1, 'accrual', 100, '2024-02-15 10:00:00.000', purchaseId),
    entry(2, 'redemption', -40, '2024-03-10 09:00:00.000'),
    entry(3, 'expiry', -60, '2025-02-15 10:00:00.000'),
  ],
  balances: [
    row('balances', {
      tenant_id: tenantId,
      member_id: memberId,
      program_id: programId,
      available: 30,
      lifetime_earned: 130,
      redeemed: 40,
      expired: 60,
      tier_id: tierId,
      tier_since: '2024-02-15 10:00:00.000',
      seq: 4,
      updated_at: IMPORTED,
    }),
  ],
  tiers: [row('tiers', { tenant_id: tenantId, id: tierId, program_id: programId, name: 'Silver', rank: 1 })],
  tier_changes: [
    row('tier_changes', {
      tenant_id: tenantId,
      id: randomUUID(),
      member_id: memberId,
      program_id: programId,
      from_tier_id: null,
      to_tier_id: tierId,
      reason: 'upgrade',
      effective_at: '2024-02-15 10:00:00.000',
      created_at: IMPORTED,
    }),
  ],
};
/** The import's next chunk: an entry recorded and synced after the first build, which took effect in May 2024. */
const late = entry(4, 'accrual', 30, '2024-05-05 18:30:00.000');

describe('marts date ledger entries and tier moves when they took effect', () => {
  let gateway: GatewayHandle;
  let client: ClickHouseClient;
  const work = tempDir('dbt-effective');

  const dbt = (...args: string[]) =>
    runDbt({
      args,
      clickhouseUrl: gateway.url,
      username: 'monet',
      password: 'monet',
      workDir: work.path,
      vars: { as_of_date: fixture.as_of_date },
    });
  async function query<T>(sql: string): Promise<T[]> {
    return (await client.query({ query: sql, query_params: { tenantId }, format: 'JSONEachRow' })).json<T>();
  }

  beforeAll(async () => {
    gateway = await startTestGateway();
    client = createClickHouseClient({ url: gateway.url, username: 'monet', password: 'monet' });
    await migrateClickHouse(client);
    const synced = { _synced_at: '2026-06-20 13:00:00.000' };
    await loadMartsFixture(client, fixture, { extra: synced });
    for (const [table, values] of Object.entries(rows)) {
      await client.insert({
        table: `raw.${table}`,
        values: values.map((v) => ({ ...v, ...synced })),
        format: 'JSONEachRow',
      });
    }
    const out = await dbt('build');
    expect(out).toMatch(/Done\. PASS=\d+ WARN=0 ERROR=0 SKIP=0/);
  }, 600_000);

  afterAll(async () => {
    await client?.close();
    await gateway?.stop();
    work.remove();
  });

  it('puts points issued, redeemed and expired on the days they took effect in points_economy', async () => {
    const days = await query<Record<string, string | number>>(
      `SELECT toString(day) AS day, toInt32(issued_points) AS issued_points, toInt32(redeemed_points) AS redeemed_points,
         toInt32(expired_points) AS expired_points, toInt32(outstanding_points) AS outstanding_points
       FROM marts.points_economy
       WHERE tenant_id = {tenantId:UUID} AND (issued_points != 0 OR redeemed_points != 0 OR expired_points != 0)
       ORDER BY day`,
    );
    expect(days).toEqual([
      { day: '2024-02-15', issued_points: 100, redeemed_points: 0, expired_points: 0, outstanding_points: 100 },
      { day: '2024-03-10', issued_points: 0, redeemed_points: 40, expired_points: 0, outstanding_points: 60 },
      { day: '2025-02-15', issued_points: 0, redeemed_points: 0, expired_points: 60, outstanding_points: 0 },
    ]);
    // Nothing on the day of the import.
    const [importDay] = await query<{ net: number }>(
      `SELECT toInt32(net_change_points) AS net FROM marts.points_economy
       WHERE tenant_id = {tenantId:UUID} AND day = '2026-06-20'`,
    );
    expect(importDay).toEqual({ net: 0 });
  });

  it('counts the points cost of redemptions in the month they were redeemed in program_roi', async () => {
    const months = await query<Record<string, string | number>>(
      `SELECT toString(month) AS month, toInt32(redeemed_points) AS redeemed_points,
         toInt32(points_cost_minor) AS points_cost_minor, toInt32(member_revenue_minor) AS member_revenue_minor
       FROM marts.program_roi
       WHERE tenant_id = {tenantId:UUID} AND (redeemed_points != 0 OR member_revenue_minor != 0)
       ORDER BY month`,
    );
    expect(months).toEqual([
      { month: '2024-02-01', redeemed_points: 0, points_cost_minor: 0, member_revenue_minor: 10_000 },
      { month: '2024-03-01', redeemed_points: 40, points_cost_minor: 40, member_revenue_minor: 0 },
    ]);
  });

  it('moves and counts tiers in the month the move took effect', async () => {
    expect(
      await query(
        `SELECT toString(month) AS month, to_tier_name, direction, toInt32(changes) AS changes FROM marts.tier_movements
         WHERE tenant_id = {tenantId:UUID}`,
      ),
    ).toEqual([{ month: '2024-02-01', to_tier_name: 'Silver', direction: 'upgrade', changes: 1 }]);
    const held = await query<{ month: string; members: number }>(
      `SELECT toString(month) AS month, toInt32(members) AS members FROM marts.tier_distribution
       WHERE tenant_id = {tenantId:UUID} AND tier_name = 'Silver' AND month IN ('2024-01-01', '2024-02-01', '2026-06-01')
       ORDER BY month`,
    );
    expect(held).toEqual([
      { month: '2024-02-01', members: 1 },
      { month: '2026-06-01', members: 1 },
    ]);
  });

  it('puts the member in the cohort of their enrolment', async () => {
    expect(
      await query(
        `SELECT toString(cohort_start) AS cohort, toInt32(cohort_size) AS cohort_size FROM marts.cohort_retention
         WHERE tenant_id = {tenantId:UUID} AND cohort_grain = 'month' AND period_index = 0`,
      ),
    ).toEqual([{ cohort: '2024-01-01', cohort_size: 1 }]);
  });

  it('lands an entry synced after the last build in the month it took effect, as a full refresh would', async () => {
    await client.insert({
      table: 'raw.ledger_entries',
      values: [{ ...late, _synced_at: new Date().toISOString().replace('T', ' ').replace('Z', '') }],
      format: 'JSONEachRow',
    });
    expect(await dbt('build', '--select', 'int_ledger_entries_summed_daily+')).toMatch(/ERROR=0 SKIP=0/);
    const may = await query<{ on_day: string; issued: number }>(
      `SELECT toString(day) AS on_day, toInt32(issued_points) AS issued FROM marts.points_economy
       WHERE tenant_id = {tenantId:UUID} AND day BETWEEN '2024-05-01' AND '2024-05-31' AND issued_points != 0`,
    );
    expect(may).toEqual([{ on_day: '2024-05-05', issued: 30 }]);
    const incremental = await query(
      'SELECT * EXCEPT (synced_through) FROM intermediate.int_ledger_entries_summed_daily ORDER BY ALL',
    );
    await dbt('build', '--select', 'int_ledger_entries_summed_daily', '--full-refresh');
    expect(
      await query('SELECT * EXCEPT (synced_through) FROM intermediate.int_ledger_entries_summed_daily ORDER BY ALL'),
    ).toEqual(incremental);
  }, 300_000);
});
