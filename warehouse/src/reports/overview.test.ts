import { describe, expect, it } from 'vitest';
import { compare, overviewMonthsQuery, overviewQuery } from './overview.ts';

const tenantId = '0b4a8a4e-5c43-4a57-9d2c-3f1e9a7c1d20';

describe('overviewQuery', () => {
  it('reads both periods in one query, for every program', () => {
    const query = overviewQuery({ tenantId, from: '2026-04-01', to: '2026-06-30' });
    expect(query.sql).toMatchInlineSnapshot(`
      "WITH
          activity AS (
              SELECT
                  countIf(arrayExists(d -> d BETWEEN {from:Date} AND {to:Date}, purchase_days)) AS active,
                  countIf(arrayExists(d -> d BETWEEN {previous_from:Date} AND {previous_to:Date}, purchase_days)) AS previous_active
              FROM marts.member_activity
              WHERE tenant_id = {tenant:UUID}
          ),
          points_by_program AS (
              SELECT
                  sumIf(issued_points, day >= {from:Date}) AS issued,
                  sumIf(issued_points, day BETWEEN {previous_from:Date} AND {previous_to:Date}) AS previous_issued,
                  sumIf(redeemed_points, day >= {from:Date}) AS redeemed,
                  sumIf(redeemed_points, day BETWEEN {previous_from:Date} AND {previous_to:Date}) AS previous_redeemed,
                  argMax(outstanding_points, day) AS outstanding,
                  argMaxIf(outstanding_points, day, day <= {previous_to:Date}) AS previous_outstanding,
                  argMax(outstanding_liability_minor, day) AS liability,
                  argMaxIf(outstanding_liability_minor, day, day <= {previous_to:Date}) AS previous_liability
              FROM marts.points_economy
              WHERE tenant_id = {tenant:UUID}
                AND day <= {to:Date}
              GROUP BY program_id
          ),
          points AS (
              SELECT
                  sum(issued) AS issued,
                  sum(previous_issued) AS previous_issued,
                  sum(redeemed) AS redeemed,
                  sum(previous_redeemed) AS previous_redeemed,
                  sum(outstanding) AS outstanding,
                  sum(previous_outstanding) AS previous_outstanding,
                  sum(liability) AS liability,
                  sum(previous_liability) AS previous_liability
              FROM points_by_program
          ),
          roi AS (
              SELECT
                  sumIf(member_revenue_minor, month >= {months_from:Date}) AS member_revenue,
                  sumIf(member_revenue_minor, month <= {previous_months_to:Date}) AS previous_member_revenue,
                  sumIf(guest_revenue_minor, month >= {months_from:Date}) AS guest_revenue,
                  sumIf(guest_revenue_minor, month <= {previous_months_to:Date}) AS previous_guest_revenue,
                  sumIf(incremental_revenue_baseline_minor, month >= {months_from:Date}) AS incremental,
                  sumIf(incremental_revenue_baseline_minor, month <= {previous_months_to:Date}) AS previous_incremental,
                  sumIf(total_cost_minor, month >= {months_from:Date}) AS cost,
                  sumIf(total_cost_minor, month <= {previous_months_to:Date}) AS previous_cost
              FROM marts.program_roi
              WHERE tenant_id = {tenant:UUID}
                AND month BETWEEN {previous_months_from:Date} AND {months_to:Date}
          )
      SELECT
          active AS activeMembers,
          previous_active AS \`previous.activeMembers\`,
          member_revenue AS memberRevenueMinor,
          previous_member_revenue AS \`previous.memberRevenueMinor\`,
          guest_revenue AS guestRevenueMinor,
          previous_guest_revenue AS \`previous.guestRevenueMinor\`,
          member_revenue / nullIf(member_revenue + guest_revenue, 0) AS memberRevenueShare,
          previous_member_revenue / nullIf(previous_member_revenue + previous_guest_revenue, 0) AS \`previous.memberRevenueShare\`,
          issued AS issuedPoints,
          previous_issued AS \`previous.issuedPoints\`,
          redeemed AS redeemedPoints,
          previous_redeemed AS \`previous.redeemedPoints\`,
          redeemed / nullIf(issued, 0) AS redemptionRate,
          previous_redeemed / nullIf(previous_issued, 0) AS \`previous.redemptionRate\`,
          outstanding AS outstandingPoints,
          previous_outstanding AS \`previous.outstandingPoints\`,
          liability AS pointsLiabilityMinor,
          previous_liability AS \`previous.pointsLiabilityMinor\`,
          incremental AS incrementalRevenueMinor,
          previous_incremental AS \`previous.incrementalRevenueMinor\`,
          cost AS totalCostMinor,
          previous_cost AS \`previous.totalCostMinor\`,
          (incremental - cost) / nullIf(cost, 0) AS roi,
          (previous_incremental - previous_cost) / nullIf(previous_cost, 0) AS \`previous.roi\`
      FROM activity, points, roi"
    `);
    expect(query.params).toEqual({
      tenant: tenantId,
      from: '2026-04-01',
      to: '2026-06-30',
      previous_from: '2025-12-31',
      previous_to: '2026-03-31',
      months_from: '2026-04-01',
      months_to: '2026-06-01',
      previous_months_from: '2026-01-01',
      previous_months_to: '2026-03-01',
    });
  });

  it('filters every mart by the program when one is given', () => {
    const programId = '5d1c6a57-2b9e-4f0b-8a43-6c0e2b7d9f11';
    const query = overviewQuery({ tenantId, programId, from: '2026-04-01', to: '2026-06-30' });
    expect(query.sql.match(/AND program_id = \{program:UUID\}/g)).toHaveLength(2);
    // member_activity: a purchase day counts only when its program is the one asked for, in both periods.
    expect(query.sql.match(/\(d, q\) -> q = \{program:UUID\} AND d BETWEEN/g)).toHaveLength(2);
    expect(query.params.program).toBe(programId);
  });
});

describe('overviewMonthsQuery', () => {
  it('reads the months of the range from program_roi alone, summed over the programs', () => {
    const query = overviewMonthsQuery({ tenantId, from: '2026-04-15', to: '2026-06-30' });
    expect(query.sql).toMatchInlineSnapshot(`
      "SELECT
          month,
          sum(member_revenue_minor) AS memberRevenueMinor,
          sum(guest_revenue_minor) AS guestRevenueMinor,
          sum(incremental_revenue_baseline_minor) AS incrementalRevenueMinor,
          sum(total_cost_minor) AS totalCostMinor,
          (incrementalRevenueMinor - totalCostMinor) / nullIf(totalCostMinor, 0) AS roi
      FROM marts.program_roi
      WHERE tenant_id = {tenant:UUID}
        AND month BETWEEN {months_from:Date} AND {months_to:Date}
      GROUP BY month
      ORDER BY month"
    `);
    expect(query.params).toEqual({ tenant: tenantId, months_from: '2026-04-01', months_to: '2026-06-01' });
  });

  it('filters by the program when one is given', () => {
    const programId = '5d1c6a57-2b9e-4f0b-8a43-6c0e2b7d9f11';
    const query = overviewMonthsQuery({ tenantId, programId, from: '2026-04-01', to: '2026-06-30' });
    expect(query.sql).toContain('AND program_id = {program:UUID}');
    expect(query.params.program).toBe(programId);
  });
});

describe('compare', () => {
  it('gives the change and the relative change', () => {
    expect(compare(120, 100)).toEqual({ current: 120, previous: 100, change: 20, relativeChange: 0.2 });
    expect(compare(-50, -100)).toEqual({ current: -50, previous: -100, change: 50, relativeChange: 0.5 });
  });

  it('has no relative change from zero and no change from or to null', () => {
    expect(compare(5, 0)).toEqual({ current: 5, previous: 0, change: 5, relativeChange: null });
    expect(compare(null, 0.4)).toEqual({ current: null, previous: 0.4, change: null, relativeChange: null });
  });
});
