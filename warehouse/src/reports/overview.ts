import type { MartReader, SqlQuery } from './mart-reader.ts';
import { type ComparedPeriods, comparedPeriods } from './periods.ts';
import { sql, when } from './sql.ts';

export interface OverviewParams {
  tenantId: string;
  /** One program, or every program of the tenant. */
  programId?: string;
  /** ISO dates, both included. */
  from: string;
  to: string;
}

export interface Compared {
  current: number | null;
  previous: number | null;
  /** current − previous; null when either is null. */
  change: number | null;
  /** change ÷ |previous|; null when previous is 0 or null. */
  relativeChange: number | null;
}

export const OVERVIEW_METRICS = [
  'activeMembers',
  'memberRevenueMinor',
  'guestRevenueMinor',
  'memberRevenueShare',
  'issuedPoints',
  'redeemedPoints',
  'redemptionRate',
  'outstandingPoints',
  'pointsLiabilityMinor',
  'incrementalRevenueMinor',
  'totalCostMinor',
  'roi',
] as const;
export type OverviewMetric = (typeof OVERVIEW_METRICS)[number];

/** One month of `program_roi` summed over the programs asked for: the overview's trends. */
export interface OverviewMonth {
  /** The month's first day. */
  month: string;
  memberRevenueMinor: number;
  guestRevenueMinor: number;
  incrementalRevenueMinor: number;
  totalCostMinor: number;
  /** (incremental − cost) ÷ cost; null without cost. */
  roi: number | null;
}

export interface OverviewResult extends ComparedPeriods {
  metrics: Record<OverviewMetric, Compared>;
  /** Every month of `months`, oldest first; a month without rows has zero revenue and cost. */
  monthly: OverviewMonth[];
}

type Row = Record<OverviewMetric | `previous.${OverviewMetric}`, number | null>;

/**
 * One pass over each mart for both periods: `member_activity` (each member's purchase days), `points_economy`
 * (flows summed by day; stocks as of each period's last day, per program then summed) and `program_roi` (by
 * month: revenue, incremental revenue and cost summed over the months, then the mart's own ratios of those sums).
 */
export function overviewQuery(p: OverviewParams): SqlQuery {
  const periods = comparedPeriods(p.from, p.to);
  const program = when(p.programId !== undefined, 'AND program_id = {program:UUID}');
  // A member is active in a period when one of their purchase days (in the program, if one is asked for) falls in it.
  const activeIn = (from: string, to: string) =>
    p.programId === undefined
      ? `d -> d BETWEEN {${from}:Date} AND {${to}:Date}, purchase_days`
      : `(d, q) -> q = {program:UUID} AND d BETWEEN {${from}:Date} AND {${to}:Date}, purchase_days, purchase_programs`;
  return {
    sql: sql`
      WITH
          activity AS (
              SELECT
                  countIf(arrayExists(${activeIn('from', 'to')})) AS active,
                  countIf(arrayExists(${activeIn('previous_from', 'previous_to')})) AS previous_active
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
                ${program}
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
                ${program}
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
      FROM activity, points, roi`,
    params: {
      tenant: p.tenantId,
      ...(p.programId !== undefined && { program: p.programId }),
      from: periods.current.from,
      to: periods.current.to,
      previous_from: periods.previous.from,
      previous_to: periods.previous.to,
      months_from: periods.months.from,
      months_to: periods.months.to,
      previous_months_from: periods.previousMonths.from,
      previous_months_to: periods.previousMonths.to,
    },
  };
}

/**
 * The months of the range from `program_roi` alone (a few rows per month), summed as the overview sums them, so a
 * month's figures equal the overview's for that month; the trends need no pass over the member marts.
 */
export function overviewMonthsQuery(p: OverviewParams): SqlQuery {
  const { months } = comparedPeriods(p.from, p.to);
  return {
    sql: sql`
      SELECT
          month,
          sum(member_revenue_minor) AS memberRevenueMinor,
          sum(guest_revenue_minor) AS guestRevenueMinor,
          sum(incremental_revenue_baseline_minor) AS incrementalRevenueMinor,
          sum(total_cost_minor) AS totalCostMinor,
          (incrementalRevenueMinor - totalCostMinor) / nullIf(totalCostMinor, 0) AS roi
      FROM marts.program_roi
      WHERE tenant_id = {tenant:UUID}
        ${when(p.programId !== undefined, 'AND program_id = {program:UUID}')}
        AND month BETWEEN {months_from:Date} AND {months_to:Date}
      GROUP BY month
      ORDER BY month`,
    params: {
      tenant: p.tenantId,
      ...(p.programId !== undefined && { program: p.programId }),
      months_from: months.from,
      months_to: months.to,
    },
  };
}

/** First days of the months from `from` to `to` (both first days), in order. */
function monthStarts(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = new Date(`${from}T00:00:00Z`); d.toISOString().slice(0, 10) <= to; d.setUTCMonth(d.getUTCMonth() + 1)) {
    out.push(d.toISOString().slice(0, 10));
  }
  return out;
}

export function compare(current: number | null, previous: number | null): Compared {
  const change = current === null || previous === null ? null : current - previous;
  const relativeChange = change === null || !previous ? null : change / Math.abs(previous);
  return { current, previous, change, relativeChange };
}

/** The overview's figures and its monthly trends: two queries, run at once. */
export async function readOverview(reader: MartReader, p: OverviewParams): Promise<OverviewResult> {
  const [[row], monthRows] = await Promise.all([
    reader.rows<Row>(overviewQuery(p)),
    reader.rows<OverviewMonth>(overviewMonthsQuery(p)),
  ]);
  if (!row) throw new Error('The overview query returned no row');
  const metrics = Object.fromEntries(OVERVIEW_METRICS.map((m) => [m, compare(row[m], row[`previous.${m}`])])) as Record<
    OverviewMetric,
    Compared
  >;
  const periods = comparedPeriods(p.from, p.to);
  const byMonth = new Map(monthRows.map((m) => [m.month, m]));
  const monthly = monthStarts(periods.months.from, periods.months.to).map(
    (month) =>
      byMonth.get(month) ?? {
        month,
        memberRevenueMinor: 0,
        guestRevenueMinor: 0,
        incrementalRevenueMinor: 0,
        totalCostMinor: 0,
        roi: null,
      },
  );
  return { ...periods, metrics, monthly };
}
