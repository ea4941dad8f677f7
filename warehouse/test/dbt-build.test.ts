import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ClickHouseClient } from '@clickhouse/client';
import type { GatewayHandle } from '@loyaltystudio/engines';
import { startTestGateway, tempDir } from '@loyaltystudio/engines/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClickHouseClient } from '../src/clickhouse/client.ts';
import { migrateClickHouse } from '../src/clickhouse/migrate.ts';
import { DBT_PROJECT_DIR, runDbt } from '../src/dbt/run-dbt.ts';
import { BUILT_MARTS, loadMartsFixture, readMartsFixture } from './marts-fixture.ts';

const fixture = readMartsFixture();
/** Events and ledger entries that arrive after the first build, spread over the whole history (late, backdated). */
const arrivesLate = (table: string, row: Record<string, unknown>) =>
  (table === 'events' || table === 'ledger_entries') && /^[ab]/.test(String(row.id));

const ALPHA = '00000000-0000-4000-8000-00000000000a';
const BRAVO = '00000000-0000-4000-8000-00000000000b';
const CHARLIE = '00000000-0000-4000-8000-00000000000c';
const DELTA = '00000000-0000-4000-8000-00000000000d';

const tenant = (id: string, version: number, fields: Record<string, string>, deleted = 0) => ({
  id,
  slug: 'unset',
  name: 'unset',
  time_zone: 'UTC',
  currency: 'EUR',
  created_at: '2026-01-05 09:00:00.000000',
  updated_at: '2026-01-05 09:00:00.000000',
  ...fields,
  _version: version,
  _deleted: deleted,
});

/**
 * Changes as the change stream delivers them, one insert (one part) per batch so nothing is merged beforehand:
 * alpha is created then renamed, bravo created then deleted, charlie's batch is replayed after a crash, and delta's
 * older change arrives after its newer one.
 */
const batches = [
  [
    tenant(ALPHA, 100, { slug: 'alpha', name: 'Alpha Coffee' }),
    tenant(BRAVO, 110, { slug: 'bravo', name: 'Bravo Books', currency: 'GBP', time_zone: 'Europe/London' }),
  ],
  [tenant(CHARLIE, 120, { slug: 'charlie', name: 'Charlie Cycles', currency: 'USD', time_zone: 'America/New_York' })],
  [tenant(CHARLIE, 120, { slug: 'charlie', name: 'Charlie Cycles', currency: 'USD', time_zone: 'America/New_York' })],
  [
    tenant(ALPHA, 200, {
      slug: 'alpha',
      name: 'Alpha Coffee Roasters',
      time_zone: 'Europe/Paris',
      updated_at: '2026-02-01 10:30:00.250000',
    }),
    tenant(BRAVO, 210, { slug: 'bravo', name: 'Bravo Books', currency: 'GBP' }, 1),
  ],
  [tenant(DELTA, 300, { slug: 'delta', name: 'Delta Deli (renamed)', currency: 'JPY', time_zone: 'Asia/Tokyo' })],
  [tenant(DELTA, 150, { slug: 'delta', name: 'Delta Deli', currency: 'JPY', time_zone: 'Asia/Tokyo' })],
];

// Worked out by hand from the batches above: the highest version per tenant, bravo gone.
const expectedTenants = [
  {
    tenant_id: ALPHA,
    tenant_slug: 'alpha',
    tenant_name: 'Alpha Coffee Roasters',
    time_zone: 'Europe/Paris',
    currency_code: 'EUR',
    created_at: '2026-01-05 09:00:00.000000',
    updated_at: '2026-02-01 10:30:00.250000',
  },
  {
    tenant_id: CHARLIE,
    tenant_slug: 'charlie',
    tenant_name: 'Charlie Cycles',
    time_zone: 'America/New_York',
    currency_code: 'USD',
    created_at: '2026-01-05 09:00:00.000000',
    updated_at: '2026-01-05 09:00:00.000000',
  },
  {
    tenant_id: DELTA,
    tenant_slug: 'delta',
    tenant_name: 'Delta Deli (renamed)',
    time_zone: 'Asia/Tokyo',
    currency_code: 'JPY',
    created_at: '2026-01-05 09:00:00.000000',
    updated_at: '2026-01-05 09:00:00.000000',
  },
];

describe('dbt project on the gateway', () => {
  let gateway: GatewayHandle;
  let client: ClickHouseClient;
  const work = tempDir('dbt');

  const dbt = (...args: string[]) =>
    runDbt({
      args,
      clickhouseUrl: gateway.url,
      username: 'monet',
      password: 'monet',
      workDir: work.path,
      vars: { as_of_date: fixture.as_of_date },
    });

  async function rows<T>(query: string): Promise<T[]> {
    return (await client.query({ query, format: 'JSONEachRow' })).json<T>();
  }

  /** Every mart's rows in a fixed order, as text: two builds agree when these are equal. */
  async function martContents(): Promise<Record<string, string>> {
    const contents: Record<string, string> = {};
    for (const mart of BUILT_MARTS) {
      // built_at records when each build ran, so it is the one column two builds never share.
      const columns = mart === 'campaign_results' ? '* EXCEPT (built_at)' : '*';
      const result = await client.query({
        query: `SELECT ${columns} FROM marts.${mart} ORDER BY ALL`,
        format: 'JSONEachRow',
      });
      contents[mart] = await result.text();
    }
    return contents;
  }

  beforeAll(async () => {
    gateway = await startTestGateway();
    client = createClickHouseClient({ url: gateway.url, username: 'monet', password: 'monet' });
    await migrateClickHouse(client);
    for (const values of batches) await client.insert({ table: 'raw.tenants', values, format: 'JSONEachRow' });
    // Synced long ago, so an incremental run can tell them from the late rows.
    await loadMartsFixture(client, fixture, {
      keep: (table, row) => !arrivesLate(table, row),
      extra: { _synced_at: '2026-06-30 23:00:00.000' },
    });
  });

  afterAll(async () => {
    await client?.close();
    await gateway?.stop();
    work.remove();
  });

  it('connects (dbt debug)', async () => {
    expect(await dbt('debug')).toContain('All checks passed!');
  });

  it('builds every model and passes every data test, reconciliations included (dbt build)', async () => {
    const out = await dbt('build');
    expect(out).toMatch(/Done\. PASS=(\d+) WARN=0 ERROR=0 SKIP=0/);
    expect(out).toContain('assert_points_economy_equals_raw_ledger');
    expect(out).toContain('assert_member_counts_agree');
  });

  it('collapses raw.tenants to the latest version of each live tenant', async () => {
    const ids = expectedTenants.map((t) => `'${t.tenant_id}'`).join(', ');
    expect(
      await rows(`SELECT * FROM staging.stg_monet__tenants WHERE tenant_id IN (${ids}, '${BRAVO}') ORDER BY tenant_id`),
    ).toEqual(expectedTenants);
    // Staging is a view: BI users' database holds tables only.
    expect(await rows("SELECT database, engine FROM system.tables WHERE name = 'stg_monet__tenants'")).toEqual([
      { database: 'staging', engine: 'View' },
    ]);
  });

  it('gives the same marts from an incremental run after late rows as from a full refresh', async () => {
    const before = await martContents();
    await loadMartsFixture(client, fixture, { keep: arrivesLate });
    const incremental = await dbt('build');
    expect(incremental).toMatch(/ERROR=0 SKIP=0/);
    const afterIncremental = await martContents();
    // The late rows matter: without them every revenue and points mart differs.
    for (const mart of ['daily_activity', 'points_economy', 'program_roi', 'member_rfm']) {
      expect(afterIncremental[mart]).not.toBe(before[mart]);
    }
    // The late rows reached their groups; groups without late rows keep the first build's watermark.
    const [groups] = await rows<{ old: number; recomputed: number }>(
      `SELECT toUInt32(countIf(synced_through <= '2026-06-30 23:00:00')) AS old,
              toUInt32(countIf(synced_through > '2026-06-30 23:00:00')) AS recomputed
       FROM intermediate.int_events_summed_daily`,
    );
    expect(groups?.old).toBeGreaterThan(0);
    expect(groups?.recomputed).toBeGreaterThan(0);

    await dbt('build', '--full-refresh');
    expect(await martContents()).toEqual(afterIncremental);
  });

  it('builds util_calendar as one row per day of the configured span', async () => {
    const [span] = await rows<{ days: number; first: string; last: string }>(
      'SELECT toUInt32(count()) AS days, min(date_day) AS first, max(date_day) AS last FROM marts.util_calendar',
    );
    const days = (Date.UTC(2035, 11, 31) - Date.UTC(2015, 0, 1)) / 86_400_000 + 1;
    expect(span).toEqual({ days, first: '2015-01-01', last: '2035-12-31' });
    // 1 March 2026 is a Sunday in ISO week 9, the week that starts on Monday 23 February.
    expect(await rows("SELECT * FROM marts.util_calendar WHERE date_day = '2026-03-01'")).toEqual([
      {
        date_day: '2026-03-01',
        week_start_date: '2026-02-23',
        month_start_date: '2026-03-01',
        quarter_start_date: '2026-01-01',
        year_start_date: '2026-01-01',
        calendar_year: 2026,
        calendar_quarter: 1,
        calendar_month: 3,
        iso_week: 9,
        iso_day_of_week: 7,
        is_weekend: true,
      },
    ]);
  });

  it('keeps every mart free of personal data and ordered by tenant first', async () => {
    const tables = await rows<{ name: string; sorting_key: string }>(
      "SELECT name, sorting_key FROM system.tables WHERE database = 'marts' AND name != 'util_calendar' ORDER BY name",
    );
    expect(tables.map((t) => t.name)).toEqual(BUILT_MARTS);
    for (const table of tables) expect(table.sorting_key).toMatch(/^tenant_id, /);
    const personal = await rows(
      "SELECT table, name FROM system.columns WHERE database = 'marts' AND match(name, '(email|first_name|last_name|phone|birth)')",
    );
    expect(personal).toEqual([]);
  });

  it('documents the project (dbt docs generate)', async () => {
    await dbt('docs', 'generate');
    const catalog = JSON.parse(readFileSync(join(work.path, 'target/catalog.json'), 'utf8'));
    expect(catalog.errors).toBeNull();
    expect(Object.keys(catalog.nodes['model.monet.stg_monet__tenants'].columns)).toEqual([
      'tenant_id',
      'tenant_slug',
      'tenant_name',
      'time_zone',
      'currency_code',
      'created_at',
      'updated_at',
    ]);
    for (const mart of BUILT_MARTS) expect(catalog.nodes[`model.monet.${mart}`]).toBeDefined();
    expect(catalog.sources['source.monet.monet.tenants'].metadata.type).toBe('table');
  });

  it('leaves nothing in the project directory', () => {
    for (const dir of ['target', 'logs']) expect(existsSync(join(DBT_PROJECT_DIR, dir))).toBe(false);
  });
});
