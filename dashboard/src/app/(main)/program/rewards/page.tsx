import type { Metadata } from 'next';
import { Suspense } from 'react';
import { PageSkeleton } from '../../../../components/page-skeleton.tsx';
import { RewardsPage } from '../../../../features/program/rewards-page.tsx';

export const metadata: Metadata = { title: 'Rewards' };

export default async function Page({ searchParams }: { searchParams: Promise<{ programId?: string }> }) {
  const { programId } = await searchParams;
  return (
    <Suspense fallback={<PageSkeleton title="Rewards" />}>
      <RewardsPage programId={typeof programId === 'string' ? programId : undefined} />
    </Suspense>
  );
}
