import { describe, expect, it } from 'vitest';
import { rfmQuery } from './rfm.ts';

describe('rfmQuery', () => {
  it('groups the tenant’s members by segment and by R×F cell in one pass', () => {
    const query = rfmQuery({ tenantId: '0b4a8a4e-5c43-4a57-9d2c-3f1e9a7c1d20' });
    expect(query.sql).toMatchInlineSnapshot(`
      "SELECT
          grouping(rfm_segment) AS isCell,
          rfm_segment AS segment,
          r_score AS rScore,
          f_score AS fScore,
          count() AS members,
          sum(members) OVER (PARTITION BY isCell) AS total,
          members / total AS share,
          toInt64(round(avg(monetary_minor))) AS avgMonetaryMinor,
          max(as_of_date) AS asOfDate
      FROM marts.member_rfm
      WHERE tenant_id = {tenant:UUID}
      GROUP BY GROUPING SETS ((rfm_segment), (r_score, f_score))"
    `);
    expect(query.params).toEqual({ tenant: '0b4a8a4e-5c43-4a57-9d2c-3f1e9a7c1d20' });
  });
});
