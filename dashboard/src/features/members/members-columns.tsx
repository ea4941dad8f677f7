import Link from 'next/link';
import type { Column } from '../../components/data-table/data-table.tsx';
import { formatValue } from '../../lib/format.ts';

export interface MemberRow {
  memberId: string;
  externalId: string;
  status: string;
  enrolledAt: string;
  tierName: string | null;
  rfmSegment: string;
  purchases: number;
  revenueMinor: number;
  recencyDays: number | null;
  pointsAvailable: number;
  lifetimeEarnedPoints: number;
  lastPurchaseAt: string | null;
  tags: string[];
  /** The latest completed scoring run's scores; null until the member is scored. */
  scores: {
    churnRiskBand: 'low' | 'medium' | 'high';
    churnProbability: number;
    predictedClvMinor: number;
    currency: string | null;
  } | null;
}

const date = (iso: string | null) => (iso ? iso.slice(0, 10) : '–');

/** The member list's columns; `sort` names the api's sort parameter where the api sorts by the column. */
export function memberColumns(currency: string | null): Column<MemberRow>[] {
  return [
    {
      id: 'externalId',
      header: 'Member',
      // No prefetch of fifty dynamic member pages (a server request each) on every load of the list.
      cell: (m) => (
        <Link href={`/members/${m.memberId}`} prefetch={false}>
          {m.externalId}
        </Link>
      ),
      fixed: true,
    },
    { id: 'tierName', header: 'Tier', cell: (m) => m.tierName ?? 'No tier' },
    { id: 'rfmSegment', header: 'Segment', cell: (m) => m.rfmSegment },
    { id: 'purchases', header: 'Purchases', sort: 'purchases', cell: (m) => formatValue(m.purchases, 'integer') },
    {
      id: 'revenueMinor',
      header: 'Revenue',
      sort: 'revenueMinor',
      cell: (m) => formatValue(m.revenueMinor, 'money', currency),
    },
    {
      id: 'recencyDays',
      header: 'Days since purchase',
      sort: 'recencyDays',
      cell: (m) => formatValue(m.recencyDays, 'integer'),
    },
    {
      id: 'pointsAvailable',
      header: 'Points',
      sort: 'pointsAvailable',
      cell: (m) => formatValue(m.pointsAvailable, 'integer'),
    },
    {
      id: 'lifetimeEarnedPoints',
      header: 'Points earned',
      sort: 'lifetimeEarnedPoints',
      cell: (m) => formatValue(m.lifetimeEarnedPoints, 'integer'),
      hidden: true,
    },
    { id: 'lastPurchaseAt', header: 'Last purchase', sort: 'lastPurchaseAt', cell: (m) => date(m.lastPurchaseAt) },
    { id: 'enrolledAt', header: 'Enrolled', sort: 'enrolledAt', cell: (m) => date(m.enrolledAt) },
    {
      id: 'churnRisk',
      header: 'Churn risk',
      cell: (m) =>
        m.scores
          ? `${m.scores.churnRiskBand} (${formatValue(m.scores.churnProbability, 'percent')})`
          : 'not scored yet',
    },
    {
      id: 'predictedClv',
      header: 'Predicted value',
      cell: (m) =>
        m.scores ? formatValue(m.scores.predictedClvMinor, 'money', m.scores.currency ?? currency) : 'not scored yet',
    },
    { id: 'tags', header: 'Tags', cell: (m) => m.tags.join(', '), hidden: true },
  ];
}
