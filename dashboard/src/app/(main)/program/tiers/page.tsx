import type { Metadata } from 'next';
import { Suspense } from 'react';
import { PageSkeleton } from '../../../../components/page-skeleton.tsx';
import { TiersPage } from '../../../../features/program/tiers-page.tsx';

export const metadata: Metadata = { title: 'Tiers' };

export default async function Page({ searchParams }: { searchParams: Promise<{ programId?: string }> }) {
  const { programId } = await searchParams;
  return (
    <Suspense fallback={<PageSkeleton title="Tiers" />}>
      <TiersPage programId={typeof programId === 'string' ? programId : undefined} />
    </Suspense>
  );
}
