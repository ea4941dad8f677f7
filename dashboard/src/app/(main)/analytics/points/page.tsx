import type { Metadata } from 'next';
import { Suspense } from 'react';
import { PageSkeleton } from '../../../../components/page-skeleton.tsx';
import { PointsEconomy, type PointsParams } from '../../../../features/analytics/points-economy.tsx';

export const metadata: Metadata = { title: 'Points economy' };

export default async function Page({ searchParams }: { searchParams: Promise<PointsParams> }) {
  const params = await searchParams;
  return (
    <Suspense key={JSON.stringify(params)} fallback={<PageSkeleton title="Points economy" />}>
      <PointsEconomy params={params} />
    </Suspense>
  );
}
