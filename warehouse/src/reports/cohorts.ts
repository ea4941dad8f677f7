import type { MartReader, SqlQuery } from './mart-reader.ts';
import { sql } from './sql.ts';

export type CohortGrain = 'month' | 'week';

export interface CohortsParams {
  tenantId: string;
  grain: CohortGrain;
  /** Cohorts whose period holds a day from `from` to `to` (ISO dates, both included). */
  from: string;
  to: string;
}

export interface CohortPeriod {
  periodIndex: number;
  periodStart: string;
  activeMembers: number;
  retentionRate: number | null;
  revenueMinor: number;
}

export interface Cohort {
  cohortStart: string;
  cohortSize: number;
  periods: CohortPeriod[];
}

interface Row extends CohortPeriod {
  cohortStart: string;
  cohortSize: number;
}

const periodStart: Record<CohortGrain, string> = { month: 'toStartOfMonth', week: 'toMonday' };

/** `cohort_retention` rows of the tenant's cohorts in the range, every period up to the mart's as-of date. */
export function cohortsQuery(p: CohortsParams): SqlQuery {
  return {
    sql: sql`
      SELECT
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
        AND cohort_start BETWEEN ${periodStart[p.grain]}({from:Date}) AND {to:Date}
      ORDER BY cohort_start, period_index`,
    params: { tenant: p.tenantId, grain: p.grain, from: p.from, to: p.to },
  };
}

export async function readCohorts(reader: MartReader, p: CohortsParams): Promise<Cohort[]> {
  const cohorts: Cohort[] = [];
  for (const { cohortStart, cohortSize, ...period } of await reader.rows<Row>(cohortsQuery(p))) {
    let cohort = cohorts.at(-1);
    if (cohort?.cohortStart !== cohortStart) {
      cohort = { cohortStart, cohortSize, periods: [] };
      cohorts.push(cohort);
    }
    cohort.periods.push(period);
  }
  return cohorts;
}
