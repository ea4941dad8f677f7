import { readFileSync } from 'node:fs';
import type { ClickHouseClient } from '@clickhouse/client';

/**
 * The fixture the marts are proven on (warehouse/proof/marts_fixture.py writes it): a small merchant history as
 * raw.* rows, for tests that need real marts. `remap` replaces ids (tenants, programs) with the caller's own, so an
 * api test can point the fixture at the tenants it created in Postgres.
 */
export interface MartsFixture {
  as_of_date: string;
  tables: Record<string, Record<string, unknown>[]>;
}

const PATH = new URL('../proof/marts_fixture.json', import.meta.url);

/** The tenant marts the dbt project builds (util_calendar aside), by name. */
export const BUILT_MARTS = [
  'campaign_results',
  'cohort_retention',
  'daily_activity',
  'funnels',
  'member_360',
  'member_activity',
  'member_campaigns',
  'member_features',
  'member_predictions',
  'member_repeat_purchases',
  'member_rfm',
  'model_calibration',
  'model_quality',
  'points_economy',
  'program_roi',
  'tier_distribution',
  'tier_movements',
];

export function readMartsFixture(remap: Record<string, string> = {}): MartsFixture {
  let text = readFileSync(PATH, 'utf8');
  for (const [from, to] of Object.entries(remap)) text = text.replaceAll(from, to);
  return JSON.parse(text);
}

/** Inserts the fixture's rows into raw.*, optionally only those `keep` accepts, with extra columns merged in. */
export async function loadMartsFixture(
  client: ClickHouseClient,
  fixture: MartsFixture,
  options: { keep?: (table: string, row: Record<string, unknown>) => boolean; extra?: Record<string, unknown> } = {},
): Promise<void> {
  for (const [table, rows] of Object.entries(fixture.tables)) {
    const values = rows
      .filter((row) => options.keep?.(table, row) ?? true)
      .map((row) => ({ ...row, ...options.extra }));
    if (values.length > 0) await client.insert({ table: `raw.${table}`, values, format: 'JSONEachRow' });
  }
}

/** The fixture's ids by table, for tests that address its tenants and programs. */
export function fixtureIds(fixture: MartsFixture): { tenants: string[]; programs: Record<string, string> } {
  const tenants = (fixture.tables.tenants ?? []).map((t) => String(t.id));
  const programs = Object.fromEntries((fixture.tables.programs ?? []).map((p) => [String(p.tenant_id), String(p.id)]));
  return { tenants, programs };
}
