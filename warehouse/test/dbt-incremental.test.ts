import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { arrivesLate, BUILD_TIMEOUT_MS, dbtProjectOnGateway, fixture } from './dbt-project.ts';
import { loadMartsFixture } from './marts-fixture.ts';

// The incremental models' narrower runs: a touched member's days, the months and periods kept, the campaigns'
// reach, and tables built by an earlier Monet; each ends equal to a full refresh.
describe('dbt incremental runs on the gateway', { timeout: BUILD_TIMEOUT_MS }, () => {
  const project = dbtProjectOnGateway();
  const { dbt, dbtWith, rows, martContents, gatheredAgain, insertPurchase, rebuiltMembers } = project;

  beforeAll(async () => {
    await project.start();
    // The late rows arrive now, within the margin of the full refresh that follows.
    await loadMartsFixture(project.client, fixture, { keep: arrivesLate });
    await dbt('run', '--full-refresh');
  });
  afterAll(() => project.stop());

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
    const member = await insertPurchase('dddddddd-0000-4000-8000-000000000001', '2026-06-12 10:00:00.000', 3);
    const steps = () =>
      rows<{ second: string; built_at: string }>(
        `SELECT toString(step_times[3]) AS second, toString(built_at) AS built_at
         FROM intermediate.int_funnel_members_enrolled WHERE member_id = toUUID('${member}')`,
      );
    const [before] = await steps();
    await dbtWith({ sync_margin_minutes: 0 }, 'run');
    // The member made their second purchase before: a purchase in June moves no step of their enrolment funnel.
    expect(before && before.second < '2026-06-12').toBe(true);
    expect(await steps()).toEqual([before]);
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
    // member_features rebuilt the snapshots from the earliest changed day (12 June, and this test's and the last
    // test's purchases of 28 and 29 June) less 90 days: those of April to June, and kept the older ones.
    const snapshots = await rows<{ d: string }>(
      `SELECT DISTINCT toString(as_of_date) AS d FROM marts.member_features
       WHERE built_at = (SELECT max(built_at) FROM marts.member_features) ORDER BY d`,
    );
    expect(snapshots.map((s) => s.d)).toEqual(['2026-04-01', '2026-05-01', '2026-06-01', '2026-06-30']);
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
      await project.client.command({
        query: `ALTER TABLE ${table} ${columns.map((c) => `DROP COLUMN ${c}`).join(', ')}`,
      });
    }
    await dbt('run');
    const upgraded = await martContents();
    await dbt('run', '--full-refresh');
    expect(await martContents()).toEqual(upgraded);
  });
});
