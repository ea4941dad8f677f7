import type { Metadata } from 'next';
import { Suspense } from 'react';
import { PageSkeleton } from '../../../../components/page-skeleton.tsx';
import { type CohortParams, Cohorts } from '../../../../features/analytics/cohorts.tsx';

export const metadata: Metadata = { title: 'Cohort retention' };

export default async function Page({ searchParams }: { searchParams: Promise<CohortParams> }) {
  const params = await searchParams;
  return (
    <Suspense key={JSON.stringify(params)} fallback={<PageSkeleton title="Cohort retention" />}>
      <Cohorts params={params} />
    </Suspense>
  );
}
