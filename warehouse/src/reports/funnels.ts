import type { MartReader, SqlQuery } from './mart-reader.ts';
import { sql, when } from './sql.ts';

export const FUNNEL_KINDS = ['enrolment', 'campaign'] as const;
export type FunnelKind = (typeof FUNNEL_KINDS)[number];

export interface FunnelsParams {
  tenantId: string;
  kind: FunnelKind;
  /** One cohort: an enrolment month (`2026-03-01`) or a campaign id. */
  cohort?: string;
  /** Cohorts starting from `from` to `to` (ISO dates, both included). */
  range?: { from: string; to: string };
}

export interface FunnelStep {
  stepIndex: number;
  step: string;
  members: number;
  conversionFromPrevious: number | null;
  conversionFromStart: number | null;
  medianSecondsFromPrevious: number | null;
}

export interface FunnelCohort {
  cohortKey: string;
  cohortStart: string;
  steps: FunnelStep[];
}

interface Row extends FunnelStep {
  cohortKey: string;
  cohortStart: string;
}

/** The `funnels` rows of one funnel, newest cohort first, its steps in order. */
export function funnelsQuery(p: FunnelsParams): SqlQuery {
  return {
    sql: sql`
      SELECT
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
        ${when(p.cohort !== undefined, 'AND cohort_key = {cohort:String}')}
        ${when(p.range !== undefined, 'AND cohort_start BETWEEN {from:Date} AND {to:Date}')}
      ORDER BY cohort_start DESC, cohort_key, step_index`,
    params: {
      tenant: p.tenantId,
      funnel: p.kind,
      ...(p.cohort !== undefined && { cohort: p.cohort }),
      ...(p.range && { from: p.range.from, to: p.range.to }),
    },
  };
}

export async function readFunnels(reader: MartReader, p: FunnelsParams): Promise<FunnelCohort[]> {
  const cohorts: FunnelCohort[] = [];
  for (const { cohortKey, cohortStart, ...step } of await reader.rows<Row>(funnelsQuery(p))) {
    let cohort = cohorts.at(-1);
    if (cohort?.cohortKey !== cohortKey) {
      cohort = { cohortKey, cohortStart, steps: [] };
      cohorts.push(cohort);
    }
    cohort.steps.push(step);
  }
  return cohorts;
}
