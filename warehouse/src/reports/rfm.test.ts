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
          sum(cell_members) AS members,
          sum(members) OVER (PARTITION BY isCell) AS total,
          members / total AS share,
          toInt64(round(sum(cell_monetary_minor) / members)) AS avgMonetaryMinor,
          max(cell_as_of_date) AS asOfDate
      FROM (
          SELECT
              rfm_segment,
              r_score,
              f_score,
              count() AS cell_members,
              sum(monetary_minor) AS cell_monetary_minor,
              max(as_of_date) AS cell_as_of_date
          FROM marts.member_rfm
          WHERE tenant_id = {tenant:UUID}
          GROUP BY rfm_segment, r_score, f_score
      )
      GROUP BY GROUPING SETS ((rfm_segment), (r_score, f_score))"
    `);
    expect(query.params).toEqual({ tenant: '0b4a8a4e-5c43-4a57-9d2c-3f1e9a7c1d20' });
  });
});
