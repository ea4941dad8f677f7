import type { MartReader, SqlQuery } from './mart-reader.ts';
import { sql } from './sql.ts';

export interface PointsEconomyParams {
  tenantId: string;
  programId: string;
  /** ISO dates, both included. */
  from: string;
  to: string;
}

interface Flows {
  issuedPoints: number;
  redeemedPoints: number;
  expiredPoints: number;
  reversedPoints: number;
  adjustedPoints: number;
  netChangePoints: number;
  /** At the end of the day, or of the period for the totals. */
  outstandingPoints: number;
  outstandingLiabilityMinor: number;
  /** Cumulative expired ÷ cumulative issued, since the program began, at the end of the day or period. */
  breakageRate: number | null;
}

export interface PointsEconomyDay extends Flows {
  day: string;
}

export interface PointsEconomyResult {
  days: PointsEconomyDay[];
  /** Flows summed over the days; stocks and breakage as of the last day. Null when the range holds no day. */
  totals: Flows | null;
}

interface Row extends PointsEconomyDay {
  isTotal: 0 | 1;
}

/** The program's `points_economy` days in the range, and the period's totals, in one pass. */
export function pointsEconomyQuery(p: PointsEconomyParams): SqlQuery {
  return {
    sql: sql`
      SELECT
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
      ORDER BY isTotal, day`,
    params: { tenant: p.tenantId, program: p.programId, from: p.from, to: p.to },
  };
}

export async function readPointsEconomy(reader: MartReader, p: PointsEconomyParams): Promise<PointsEconomyResult> {
  const rows = await reader.rows<Row>(pointsEconomyQuery(p));
  const days = rows.filter((r) => r.isTotal === 0).map(({ isTotal, ...day }) => day);
  const total = rows.find((r) => r.isTotal === 1);
  // The empty grouping set yields a row even over no rows; without days it carries no figure.
  const totals = total && days.length > 0 ? (({ isTotal, day, ...flows }) => flows)(total) : null;
  return { days, totals };
}
