import { describe, expect, it } from 'vitest';
import { pointsEconomyQuery } from './points-economy.ts';

describe('pointsEconomyQuery', () => {
  it('reads the program’s days in the range and their totals in one pass', () => {
    const params = {
      tenantId: '0b4a8a4e-5c43-4a57-9d2c-3f1e9a7c1d20',
      programId: '5d1c6a57-2b9e-4f0b-8a43-6c0e2b7d9f11',
      from: '2026-01-01',
      to: '2026-03-31',
    };
    const query = pointsEconomyQuery(params);
    expect(query.sql).toMatchInlineSnapshot(`
      "SELECT
          grouping(day) AS isTotal,
          day,
          sum(issued_points) AS issuedPoints,
          sum(redeemed_points) AS redeemedPoints,
          sum(expired_points) AS expiredPoints,
          sum(reversed_points) AS reversedPoints,
          sum(adjusted_points) AS adjustedPoints,
          sum(net_change_points) AS netChangePoints,
          argMax(outstanding_points, day) AS outstandingPoints,
          argMax(outstanding_liability_minor, day) AS outstandingLiabilityMinor,
          argMax(breakage_rate, day) AS breakageRate
      FROM marts.points_economy
      WHERE tenant_id = {tenant:UUID}
        AND program_id = {program:UUID}
        AND day BETWEEN {from:Date} AND {to:Date}
      GROUP BY GROUPING SETS ((day), ())
      ORDER BY isTotal, day"
    `);
    expect(query.params).toEqual({
      tenant: params.tenantId,
      program: params.programId,
      from: params.from,
      to: params.to,
    });
  });
});
