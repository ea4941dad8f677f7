import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DBT_PROJECT_DIR } from '../src/dbt/run-dbt.ts';
import { rfmQuery } from '../src/reports/rfm.ts';
import { arrivesLate, BUILD_TIMEOUT_MS, dbtProjectOnGateway, fixture } from './dbt-project.ts';
import { BUILT_MARTS, loadMartsFixture } from './marts-fixture.ts';

describe('dbt project on the gateway', { timeout: BUILD_TIMEOUT_MS }, () => {
  const project = dbtProjectOnGateway();
  const { dbt, dbtAsOf, rows, martContents, gatheredAgain } = project;

  beforeAll(() => project.start());
  afterAll(() => project.stop());

  it('connects (dbt debug)', async () => {
    expect(await dbt('debug')).toContain('All checks passed!');
  });

  it('builds every model and passes every data test, reconciliations included (dbt build)', async () => {
    const out = await dbt('build');
    expect(out).toMatch(/Done\. PASS=(\d+) WARN=0 ERROR=0 SKIP=0/);
    expect(out).toContain('assert_points_economy_equals_raw_ledger');
    expect(out).toContain('assert_member_counts_agree');
  });

  it('gives the same marts from an incremental run after late rows as from a full refresh', async () => {
    const before = await martContents();
    await loadMartsFixture(project.client, fixture, { keep: arrivesLate });
    const incremental = await dbt('build');
    expect(incremental).toMatch(/ERROR=0 SKIP=0/);
    const afterIncremental = await martContents();
    // The late rows matter: without them every revenue and points mart differs.
    for (const mart of ['daily_activity', 'points_economy', 'program_roi', 'member_rfm', 'member_360']) {
      expect(afterIncremental[`marts.${mart}`]).not.toBe(before[`marts.${mart}`]);
    }
    // The late rows reached their groups; groups without late rows keep the first build's watermark.
    const [groups] = await rows<{ old: number; recomputed: number }>(
      `SELECT toUInt32(countIf(synced_through <= '2026-06-30 23:00:00')) AS old,
            toUInt32(countIf(synced_through > '2026-06-30 23:00:00')) AS recomputed
     FROM intermediate.int_events_summed_daily`,
    );
    expect(groups?.old).toBeGreaterThan(0);
    expect(groups?.recomputed).toBeGreaterThan(0);
    // Every member with a late row was gathered again (here every member: the margin also takes the members
    // synced within ten minutes of the last run, and the first rows were all synced at one time).
    const gathered = await gatheredAgain();
    expect(gathered.late).toBeGreaterThan(0);
    expect(gathered.again).toBeGreaterThanOrEqual(gathered.late);

    await dbt('build', '--full-refresh');
    expect(await martContents()).toEqual(afterIncremental);
  });

  it('moves every window with the as-of date on a run with no new rows, as a full refresh does', async () => {
    // A later day with nothing new: the incremental tables keep their rows, the 365-day and 90-day windows,
    // recency and tenure move, and the result equals a full refresh on that day.
    const later = '2026-08-15';
    const before = await martContents();
    await dbtAsOf(later, 'run');
    const incremental = await martContents();
    // The rows synced in the last ten minutes (the late rows) are taken again, margin included; no other member is.
    const gathered = await gatheredAgain();
    expect(gathered.again).toBe(gathered.late);
    expect(gathered.again).toBeLessThan(gathered.members);
    for (const table of ['marts.member_rfm', 'marts.member_features', 'marts.member_360', 'marts.points_economy']) {
      expect(incremental[table]).not.toBe(before[table]);
    }
    // A new as-of date rebuilds every member of the member-keyed marts.
    expect(await rows('SELECT DISTINCT toString(built_as_of) AS d FROM marts.member_features')).toEqual([{ d: later }]);
    await dbtAsOf(later, 'run', '--full-refresh');
    expect(await martContents()).toEqual(incremental);
    await dbt('run', '--full-refresh');
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

  it('answers the RFM page from the counts member_rfm keeps beside its rows', async () => {
    const tenant = fixture.tables.tenants?.[0]?.id;
    if (!tenant) throw new Error('the fixture has no tenant');
    const { sql, params } = rfmQuery({ tenantId: String(tenant) });
    const plan = await project.client.query({
      query: `EXPLAIN ${sql}`,
      query_params: params,
      format: 'TabSeparatedRaw',
    });
    expect(await plan.text()).toContain('ReadFromMergeTree (rfm_cells)');
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
    const catalog = JSON.parse(readFileSync(join(project.work.path, 'target/catalog.json'), 'utf8'));
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
