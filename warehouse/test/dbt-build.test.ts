import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ClickHouseClient } from '@clickhouse/client';
import type { GatewayHandle } from '@loyaltystudio/engines';
import { startTestGateway, tempDir } from '@loyaltystudio/engines/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClickHouseClient } from '../src/clickhouse/client.ts';
import { migrateClickHouse } from '../src/clickhouse/migrate.ts';
import { DBT_PROJECT_DIR, runDbt } from '../src/dbt/run-dbt.ts';
import { rfmQuery } from '../src/reports/rfm.ts';
import { BUILT_MARTS, loadMartsFixture, readMartsFixture } from './marts-fixture.ts';

const fixture = readMartsFixture();
/** Events and ledger entries that arrive after the first build, spread over the whole history (late, backdated). */
const arrivesLate = (table: string, row: Record<string, unknown>) =>
  (table === 'events' || table === 'ledger_entries') && /^[ab]/.test(String(row.id));

/** A dbt build of the fixture takes about 15 s on an idle machine; the shared machines run several at once. */
const BUILD_TIMEOUT_MS = 300_000;

describe('dbt project on the gateway', { timeout: BUILD_TIMEOUT_MS }, () => {
  let gateway: GatewayHandle;
  let client: ClickHouseClient;
  const work = tempDir('dbt');

  const dbtWith = (vars: Record<string, string | number>, ...args: string[]) =>
    runDbt({
      args,
      clickhouseUrl: gateway.url,
      username: 'monet',
      password: 'monet',
      workDir: work.path,
      vars: { as_of_date: fixture.as_of_date, ...vars },
    });
  const dbtAsOf = (asOfDate: string, ...args: string[]) => dbtWith({ as_of_date: asOfDate }, ...args);
  const dbt = (...args: string[]) => dbtWith({}, ...args);

  async function rows<T>(query: string): Promise<T[]> {
    return (await client.query({ query, format: 'JSONEachRow' })).json<T>();
  }

  /**
   * Every mart's rows in a fixed order, as text, and those of the incremental tables below them (the daily facts and
   * the members' gathered days, latest row per member): two builds agree when these are equal.
   */
  async function martContents(): Promise<Record<string, string>> {
    const contents: Record<string, string> = {};
    // built_at records when the run that built a row started, so it is the one column two builds never share.
    const stamped = new Set(
      (
        await rows<{ table: string }>("SELECT table FROM system.columns WHERE database = 'marts' AND name = 'built_at'")
      ).map((r) => r.table),
    );
    const tables = [
      ...[...BUILT_MARTS, 'util_calendar'].map((mart) => ({
        name: `marts.${mart}`,
        columns: stamped.has(mart) ? '* EXCEPT (built_at)' : '*',
      })),
      { name: 'intermediate.int_events_summed_daily', columns: '*' },
      { name: 'intermediate.int_ledger_entries_summed_daily', columns: '*' },
      { name: 'intermediate.int_program_points_summed_daily', columns: '*' },
      // gathered_at records when a member's row was gathered; FINAL keeps each member's latest row.
      { name: 'intermediate.int_member_days_gathered FINAL', columns: '* EXCEPT (gathered_at)' },
      { name: 'intermediate.int_funnel_members_enrolled', columns: '* EXCEPT (built_at)' },
      { name: 'intermediate.int_funnel_members_targeted', columns: '* EXCEPT (built_at)' },
      { name: 'intermediate.int_campaign_members_measured', columns: '* EXCEPT (built_at)' },
    ];
    for (const { name, columns } of tables) {
      const result = await client.query({
        query: `SELECT ${columns} FROM ${name} ORDER BY ALL`,
        format: 'JSONEachRow',
      });
      contents[name] = await result.text();
    }
    return contents;
  }

  /**
   * Members of int_member_days_gathered whose latest row is from the last run (`again`), members with a daily fact
   * synced after the first rows (`late`), and all its members.
   */
  async function gatheredAgain(): Promise<{ again: number; late: number; members: number }> {
    const [counts] = await rows<{ again: number; late: number; members: number }>(
      `SELECT
         (SELECT toUInt32(count()) FROM intermediate.int_member_days_gathered FINAL
          WHERE gathered_at = (SELECT max(gathered_at) FROM intermediate.int_member_days_gathered)) AS again,
         (SELECT toUInt32(count()) FROM (SELECT DISTINCT tenant_id, member_id FROM (
             SELECT tenant_id, member_id, synced_through FROM intermediate.int_events_summed_daily
             UNION ALL
             SELECT tenant_id, member_id, synced_through FROM intermediate.int_ledger_entries_summed_daily)
           WHERE synced_through > '2026-06-30 23:00:00')) AS late,
         (SELECT toUInt32(count()) FROM intermediate.int_member_days_gathered FINAL) AS members`,
    );
    return counts ?? { again: 0, late: 0, members: 0 };
  }

  /**
   * A new purchase of the member of an early purchase of the fixture (of one that `of` accepts, when given), at
   * `occurredAt`, synced `hoursAhead` hours from now (ahead of every run's watermark until then); returns the member.
   */
  async function insertPurchase(
    id: string,
    occurredAt: string,
    hoursAhead: number,
    of: (event: Record<string, unknown>) => boolean = () => true,
  ): Promise<string> {
    const purchase = (fixture.tables.events ?? []).find(
      (e) => e.type === 'purchase' && String(e.occurred_at) < '2026-04-01' && !arrivesLate('events', e) && of(e),
    );
    if (!purchase) throw new Error('the fixture has no early purchase');
    // The source row is picked in a subquery: outside it, REPLACE's `id` would be the new id in the WHERE.
    await client.command({
      query: `INSERT INTO raw.events SELECT * REPLACE (toUUID({id:String}) AS id, {external:String} AS external_id,
                toDateTime64({at:String}, 3, 'UTC') AS occurred_at, toDateTime64({at:String}, 3, 'UTC') AS created_at,
                now64(3) + toIntervalHour({hours:UInt8}) AS _synced_at)
              FROM (SELECT * FROM raw.events WHERE tenant_id = {tenant:UUID} AND id = {source:UUID} LIMIT 1)`,
      query_params: {
        id,
        external: `o-${id.slice(0, 8)}`,
        at: occurredAt,
        hours: hoursAhead,
        tenant: purchase.tenant_id,
        source: purchase.id,
      },
    });
    const [inserted] = await rows<{ n: number }>(
      `SELECT toUInt32(count()) AS n FROM raw.events WHERE id = toUUID('${id}')`,
    );
    expect(inserted?.n).toBe(1);
    return String(purchase.member_id);
  }

  /** The members of `table` whose rows the last run that wrote it built. */
  async function rebuiltMembers(table: string): Promise<string[]> {
    const rebuilt = await rows<{ member_id: string }>(
      `SELECT DISTINCT toString(member_id) AS member_id FROM ${table}
       WHERE built_at = (SELECT max(built_at) FROM ${table}) ORDER BY member_id`,
    );
    return rebuilt.map((r) => r.member_id);
  }

  beforeAll(async () => {
    gateway = await startTestGateway();
    client = createClickHouseClient({ url: gateway.url, username: 'monet', password: 'monet' });
    await migrateClickHouse(client);
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

  it('gives the same marts from an incremental run after late rows as from a full refresh', async () => {
    const before = await martContents();
    await loadMartsFixture(client, fixture, { keep: arrivesLate });
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

  it('keeps a touched member’s elements outside the changed days from its last row, as a full refresh has them', async () => {
    // New purchases of one member in June, synced an hour and two hours ahead so that the second run's margin
    // reaches back to the first new row only: the second run reads the facts of those two days and takes the
    // member's other days (and all its ledger days) from the member's last row.
    await insertPurchase('cccccccc-0000-4000-8000-000000000001', '2026-06-28 10:00:00.000', 1);
    await dbt('run');
    // The first run after a full refresh rebuilt the funnels' member steps of the members changed since (the new
    // purchase's, and those with rows synced within the margin), not every member's.
    for (const table of ['intermediate.int_funnel_members_enrolled', 'intermediate.int_funnel_members_targeted']) {
      const [steps] = await rows<{ rebuilt: number; members: number }>(
        `SELECT toUInt32(uniqExactIf(member_id, built_at = (SELECT max(built_at) FROM ${table}))) AS rebuilt,
                toUInt32(uniqExact(member_id)) AS members
         FROM ${table}`,
      );
      expect(steps?.rebuilt, table).toBeGreaterThan(0);
      expect(steps?.members, table).toBeGreaterThan(steps?.rebuilt ?? 0);
    }
    const member = await insertPurchase('cccccccc-0000-4000-8000-000000000002', '2026-06-29 10:00:00.000', 2);
    await dbt('run');
    const gathered = await gatheredAgain();
    expect(gathered.again).toBeLessThan(gathered.members);
    // The member-keyed marts rebuilt the members gathered again, and kept every other member's rows.
    const [features] = await rows<{ rebuilt: number; again: number; members: number }>(
      `SELECT toUInt32(uniqExactIf(member_id, built_at = (SELECT max(built_at) FROM marts.member_features))) AS rebuilt,
              toUInt32(uniqExactIf(member_id, (tenant_id, member_id) IN (
                SELECT tenant_id, member_id FROM intermediate.int_member_days_gathered FINAL
                WHERE gathered_at = (SELECT max(gathered_at) FROM intermediate.int_member_days_gathered)))) AS again,
              toUInt32(uniqExact(member_id)) AS members
       FROM marts.member_features`,
    );
    expect(features?.again).toBeGreaterThan(0);
    // It also rebuilds the members whose campaign figures were rebuilt (changed_in): the late rows inside a
    // campaign's reach, synced within the margin of the campaign model's last run.
    expect(features?.rebuilt).toBeGreaterThanOrEqual(features?.again ?? 0);
    expect(features?.members).toBeGreaterThan(features?.again ?? 0);
    // The campaign members' figures did not rebuild the member: a purchase outside every campaign's reach.
    expect(await rebuiltMembers('intermediate.int_campaign_members_measured')).not.toContain(member);
    const incremental = await martContents();
    await dbt('run', '--full-refresh');
    expect(await martContents()).toEqual(incremental);
  });

  it('recomputes only the months of program_roi and the periods of cohort_retention that received rows', async () => {
    await dbt('run', '--full-refresh');
    // A purchase in June synced three hours ahead; with no margin the run takes nothing else again.
    await insertPurchase('dddddddd-0000-4000-8000-000000000001', '2026-06-12 10:00:00.000', 3);
    await dbtWith({ sync_margin_minutes: 0 }, 'run');
    const recomputed = await rows<{ month: string }>(
      `SELECT DISTINCT toString(month) AS month FROM marts.program_roi
       WHERE built_at = (SELECT max(built_at) FROM marts.program_roi)`,
    );
    expect(recomputed).toEqual([{ month: '2026-06-01' }]);
    expect(await rows('SELECT DISTINCT month FROM marts.program_roi')).not.toHaveLength(1);
    // Every cohort's cells of June and of the weeks of this purchase and the last test's (synced ahead), no other.
    const cells = (where: string) =>
      rows(`SELECT cohort_grain, toString(period_start) AS period, toUInt32(count()) AS n FROM marts.cohort_retention
            WHERE ${where} GROUP BY ALL ORDER BY ALL`);
    expect(await cells('built_at = (SELECT max(built_at) FROM marts.cohort_retention)')).toEqual(
      await cells(`(cohort_grain, period_start) IN (('month', '2026-06-01'), ('week', '2026-06-08'),
                     ('week', '2026-06-22'), ('week', '2026-06-29'))`),
    );
    const incremental = await martContents();
    await dbt('run', '--full-refresh');
    expect(await martContents()).toEqual(incremental);
  });

  it('rebuilds the campaign members’ figures of a member only for rows inside some campaign’s reach', async () => {
    await dbt('run', '--full-refresh');
    // An audience member of the March campaign (2026-03-10 to 04-10, in its program) buys during it, then in June.
    const march = (fixture.tables.campaigns ?? []).find((c) => String(c.starts_at).startsWith('2026-03-10'));
    const audience = new Set(
      (fixture.tables.campaign_members ?? []).filter((m) => m.campaign_id === march?.id).map((m) => m.member_id),
    );
    const ofAudience = (e: Record<string, unknown>) => audience.has(e.member_id) && e.program_id === march?.program_id;
    const revenue = async (member: string) =>
      rows<{ revenue_minor: string }>(
        `SELECT toString(revenue_minor) AS revenue_minor FROM intermediate.int_campaign_members_measured
         WHERE member_id = toUUID('${member}') AND campaign_id = toUUID('${march?.id}')`,
      );
    // Synced ahead of the tests before's rows (the facts' watermark), no margin: a run takes the purchases since.
    const noMargin = { sync_margin_minutes: 0 };
    const first = await insertPurchase('eeeeeeee-0000-4000-8000-000000000001', '2026-03-20 10:00:00', 4, ofAudience);
    const before = await revenue(first);
    await dbtWith(noMargin, 'run');
    for (const table of ['intermediate.int_campaign_members_measured', 'marts.member_campaigns']) {
      expect(await rebuiltMembers(table), table).toEqual([first]);
    }
    expect(await revenue(first)).not.toEqual(before);
    // Another audience member's purchase in June, outside every campaign's reach: the next run rebuilds the first
    // member again (their purchase is synced ahead of that run's start too), and not this one.
    const ofAnother = (e: Record<string, unknown>) => ofAudience(e) && e.member_id !== first;
    await insertPurchase('eeeeeeee-0000-4000-8000-000000000002', '2026-06-20 10:00:00', 5, ofAnother);
    await dbtWith(noMargin, 'run');
    expect(await rebuiltMembers('intermediate.int_campaign_members_measured')).toEqual([first]);
    const incremental = await martContents();
    await dbt('run', '--full-refresh');
    expect(await martContents()).toEqual(incremental);
  });

  it('brings marts built before their watermark columns up to date, as a full refresh has them', async () => {
    // Tables as an earlier Monet built them: the incremental marts without the columns their runs now keep.
    const earlier: [string, string[]][] = [
      ['marts.member_features', ['built_as_of', 'built_at']],
      ['marts.member_activity', ['built_as_of', 'built_at']],
      ['marts.program_roi', ['built_as_of', 'built_at']],
      ['marts.cohort_retention', ['built_as_of', 'built_at']],
      ['marts.daily_activity', ['synced_through']],
    ];
    for (const [table, columns] of earlier) {
      await client.command({ query: `ALTER TABLE ${table} ${columns.map((c) => `DROP COLUMN ${c}`).join(', ')}` });
    }
    await dbt('run');
    const upgraded = await martContents();
    await dbt('run', '--full-refresh');
    expect(await martContents()).toEqual(upgraded);
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
    const plan = await client.query({ query: `EXPLAIN ${sql}`, query_params: params, format: 'TabSeparatedRaw' });
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
