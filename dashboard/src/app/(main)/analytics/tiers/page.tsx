import type { Metadata } from 'next';
import { Suspense } from 'react';
import { PageSkeleton } from '../../../../components/page-skeleton.tsx';
import { type TierParams, Tiers } from '../../../../features/analytics/tiers.tsx';

export const metadata: Metadata = { title: 'Tiers' };

export default async function Page({ searchParams }: { searchParams: Promise<TierParams> }) {
  const params = await searchParams;
  return (
    <Suspense key={JSON.stringify(params)} fallback={<PageSkeleton title="Tiers" />}>
      <Tiers params={params} />
    </Suspense>
  );
}
