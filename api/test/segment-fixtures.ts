// What the segments test adds to the proven fixture's marts, as later changes would: attributes on some members, a
// completed churn-scoring run's predictions, and the campaigns' `control` seats renamed `holdout`, as the campaigns
// service seats them (a campaign's arms are its variant keys and holdout).
import { runDbt } from '@loyaltystudio/warehouse';
import { fixtureIds, type MartsFixture, readMartsFixture } from '@loyaltystudio/warehouse/testing';
import type { ApiTest } from './support.ts';

/** Adds them for tenants a and b (the fixture's two merchants), rebuilds the marts they feed; the mapped fixture. */
export async function addSegmentFixtures(
  t: ApiTest,
  tenants: { a: string; b: string },
  programs: { a: string; b: string },
  dbt: { clickhouseUrl: string; workDir: string },
): Promise<MartsFixture> {
  // The fixture's members have no attributes: tenant a's first twelve get some, as a later change would.
  const ids = fixtureIds(readMartsFixture());
  const [harbor, meadow] = ids.tenants as [string, string];
  const fixture = readMartsFixture({
    [harbor]: tenants.a,
    [meadow]: tenants.b,
    [ids.programs[harbor] as string]: programs.a,
    [ids.programs[meadow] as string]: programs.b,
  });
  const members = (fixture.tables.members ?? []).filter((m) => m.tenant_id === tenants.a).slice(0, 12);
  await t.clickhouse.insert({
    table: 'raw.members',
    format: 'JSONEachRow',
    values: members.map((m, i) => ({
      ...m,
      attributes: JSON.stringify({
        store: ['paris-1', 'lyon', "x' OR 1=1 --"][i % 3],
        visits: i,
        ...(i % 3 === 0 && { newsletter: true }),
      }),
      _version: Number(m._version) + 1_000_000,
    })),
  });
  // Two thirds of tenant a's members scored by a completed churn-scoring run, as the scoring workflow writes them.
  const run = '00000000-0000-4000-8000-00000000c0de';
  const scored = (fixture.tables.members ?? []).filter((m, i) => m.tenant_id === tenants.a && i % 3 !== 2);
  await t.clickhouse.insert({
    table: 'raw.member_scores',
    format: 'JSONEachRow',
    values: scored.map((m, i) => ({
      tenant_id: tenants.a,
      run_id: run,
      member_id: m.id,
      as_of_date: fixture.as_of_date,
      scored_at: `${fixture.as_of_date} 03:00:00.000`,
      churn_model_version: 'test',
      churn_horizon_days: 90,
      churn_probability: (i % 10) / 10,
      churn_risk_band: ['low', 'medium', 'high'][i % 3],
      clv_model_version: 'test',
      clv_horizon_days: 365,
      expected_purchases: 2,
      probability_alive: 0.8,
      expected_spend_per_purchase_minor: 1_000 * i,
      predicted_clv_minor: 2_000 * i,
    })),
  });
  await t.clickhouse.insert({
    table: 'raw.scoring_runs',
    format: 'JSONEachRow',
    values: [
      {
        tenant_id: tenants.a,
        run_id: run,
        workflow_id: 'churn-scoring:test',
        as_of_date: fixture.as_of_date,
        started_at: `${fixture.as_of_date} 03:00:00.000`,
        completed_at: `${fixture.as_of_date} 03:05:00.000`,
        churn_model_version: 'test',
        churn_model_source: 'artifact',
        churn_horizon_days: 90,
        clv_model_version: 'test',
        clv_horizon_days: 365,
        members_scored: scored.length,
        members_refused: 0,
      },
    ],
  });
  const holdout = (fixture.tables.campaign_members ?? []).filter((m) => m.variant === 'control');
  await t.clickhouse.insert({
    table: 'raw.campaign_members',
    format: 'JSONEachRow',
    values: holdout.map((m) => ({ ...m, variant: 'holdout', _version: Number(m._version) + 1_000_000 })),
  });
  await runDbt({
    args: ['run', '--select', 'member_predictions', '+member_campaigns'],
    clickhouseUrl: dbt.clickhouseUrl,
    username: 'monet',
    password: 'monet',
    workDir: dbt.workDir,
    vars: { as_of_date: fixture.as_of_date },
  });
  return fixture;
}
