import type { MartReader, SqlQuery } from './mart-reader.ts';
import { sql } from './sql.ts';

/** The named segments of `member_rfm`, in the order of the rules in docs/metrics.md. */
export const RFM_SEGMENTS = [
  'Champions',
  'Loyal',
  'Potential Loyalists',
  'New',
  'Promising',
  'Need Attention',
  'About to Sleep',
  'Cannot Lose Them',
  'At Risk',
  'Hibernating',
  'Lost',
] as const;
export type RfmSegment = (typeof RFM_SEGMENTS)[number];

export interface RfmParams {
  tenantId: string;
}

export interface RfmSegmentSize {
  segment: RfmSegment;
  members: number;
  share: number | null;
  avgMonetaryMinor: number | null;
}

export interface RfmCell {
  rScore: number;
  fScore: number;
  members: number;
  avgMonetaryMinor: number | null;
}

export interface RfmResult {
  /** The mart's as-of date; null when the tenant has no members yet. */
  asOfDate: string | null;
  members: number;
  segments: RfmSegmentSize[];
  /** All 25 cells, R from 5 down to 1, then F from 1 up to 5; empty cells count 0. */
  grid: RfmCell[];
}

interface Row {
  isCell: 0 | 1;
  segment: string;
  rScore: number;
  fScore: number;
  members: number;
  total: number;
  share: number;
  avgMonetaryMinor: number;
  asOfDate: string;
}

/**
 * Segment sizes and the R×F grid of the tenant's `member_rfm` rows. The inner GROUP BY is the mart's `rfm_cells`
 * projection (a few dozen rows per tenant, read instead of every member); the outer one sums its cells by segment
 * and by R×F cell.
 */
export function rfmQuery(p: RfmParams): SqlQuery {
  return {
    sql: sql`
      SELECT
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
      GROUP BY GROUPING SETS ((rfm_segment), (r_score, f_score))`,
    params: { tenant: p.tenantId },
  };
}

export async function readRfm(reader: MartReader, p: RfmParams): Promise<RfmResult> {
  const rows = await reader.rows<Row>(rfmQuery(p));
  const segmentRows = new Map(rows.filter((r) => r.isCell === 0).map((r) => [r.segment, r]));
  const cellRows = new Map(rows.filter((r) => r.isCell === 1).map((r) => [`${r.rScore}:${r.fScore}`, r]));
  const grid: RfmCell[] = [];
  for (let rScore = 5; rScore >= 1; rScore--) {
    for (let fScore = 1; fScore <= 5; fScore++) {
      const row = cellRows.get(`${rScore}:${fScore}`);
      grid.push({ rScore, fScore, members: row?.members ?? 0, avgMonetaryMinor: row?.avgMonetaryMinor ?? null });
    }
  }
  return {
    asOfDate: rows[0]?.asOfDate ?? null,
    members: rows[0]?.total ?? 0,
    segments: RFM_SEGMENTS.map((segment) => {
      const row = segmentRows.get(segment);
      return {
        segment,
        members: row?.members ?? 0,
        share: row?.share ?? null,
        avgMonetaryMinor: row?.avgMonetaryMinor ?? null,
      };
    }),
    grid,
  };
}
