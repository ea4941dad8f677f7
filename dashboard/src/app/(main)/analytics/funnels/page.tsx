import type { Metadata } from 'next';
import { Suspense } from 'react';
import { PageSkeleton } from '../../../../components/page-skeleton.tsx';
import { type FunnelParams, Funnels } from '../../../../features/analytics/funnels.tsx';

export const metadata: Metadata = { title: 'Funnels' };

export default async function Page({ searchParams }: { searchParams: Promise<FunnelParams> }) {
  const params = await searchParams;
  return (
    <Suspense key={JSON.stringify(params)} fallback={<PageSkeleton title="Funnels" />}>
      <Funnels params={params} />
    </Suspense>
  );
}
