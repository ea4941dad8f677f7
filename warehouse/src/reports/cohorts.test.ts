import { describe, expect, it } from 'vitest';
import { cohortsQuery } from './cohorts.ts';

const tenantId = '0b4a8a4e-5c43-4a57-9d2c-3f1e9a7c1d20';

describe('cohortsQuery', () => {
  it('reads monthly cohorts from the first day of the month holding `from`', () => {
    const query = cohortsQuery({ tenantId, grain: 'month', from: '2026-01-15', to: '2026-06-30' });
    expect(query.sql).toMatchInlineSnapshot(`
      "SELECT
          cohort_start AS cohortStart,
          cohort_size AS cohortSize,
          period_index AS periodIndex,
          period_start AS periodStart,
          active_members AS activeMembers,
          retention_rate AS retentionRate,
          revenue_minor AS revenueMinor
      FROM marts.cohort_retention
      WHERE tenant_id = {tenant:UUID}
        AND cohort_grain = {grain:String}
        AND cohort_start BETWEEN toStartOfMonth({from:Date}) AND {to:Date}
      ORDER BY cohort_start, period_index"
    `);
    expect(query.params).toEqual({ tenant: tenantId, grain: 'month', from: '2026-01-15', to: '2026-06-30' });
  });

  it('reads weekly cohorts from the Monday of the week holding `from`', () => {
    const query = cohortsQuery({ tenantId, grain: 'week', from: '2026-01-15', to: '2026-06-30' });
    expect(query.sql).toContain('AND cohort_start BETWEEN toMonday({from:Date}) AND {to:Date}');
  });
});
