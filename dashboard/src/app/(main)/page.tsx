import type { Metadata } from 'next';
import { Suspense } from 'react';
import { PageSkeleton } from '../../components/page-skeleton.tsx';
import { Overview, type OverviewParams } from '../../features/overview/overview.tsx';

export const metadata: Metadata = { title: 'Overview' };

export default async function OverviewPage({ searchParams }: { searchParams: Promise<OverviewParams> }) {
  const params = await searchParams;
  return (
    <Suspense key={JSON.stringify(params)} fallback={<PageSkeleton title="Overview" />}>
      <Overview params={params} />
    </Suspense>
  );
}
