import { describe, expect, it } from 'vitest';
import { funnelsQuery } from './funnels.ts';

const tenantId = '0b4a8a4e-5c43-4a57-9d2c-3f1e9a7c1d20';

describe('funnelsQuery', () => {
  it('reads the cohorts of one funnel that start in the range', () => {
    const query = funnelsQuery({ tenantId, kind: 'enrolment', range: { from: '2026-01-01', to: '2026-06-30' } });
    expect(query.sql).toMatchInlineSnapshot(`
      "SELECT
          cohort_key AS cohortKey,
          cohort_start AS cohortStart,
          step_index AS stepIndex,
          step,
          members,
          conversion_from_previous AS conversionFromPrevious,
          conversion_from_start AS conversionFromStart,
          median_seconds_from_previous AS medianSecondsFromPrevious
      FROM marts.funnels
      WHERE tenant_id = {tenant:UUID}
        AND funnel = {funnel:String}
        AND cohort_start BETWEEN {from:Date} AND {to:Date}
      ORDER BY cohort_start DESC, cohort_key, step_index"
    `);
    expect(query.params).toEqual({ tenant: tenantId, funnel: 'enrolment', from: '2026-01-01', to: '2026-06-30' });
  });

  it('reads one cohort', () => {
    const cohort = 'c7300e13-4fef-4d64-a063-07feeb477024';
    const query = funnelsQuery({ tenantId, kind: 'campaign', cohort });
    expect(query.sql).toContain('AND cohort_key = {cohort:String}');
    expect(query.sql).not.toContain('{from:Date}');
    expect(query.params).toEqual({ tenant: tenantId, funnel: 'campaign', cohort });
  });
});
