import type { Metadata } from 'next';
import { Suspense } from 'react';
import { PageSkeleton } from '../../../../components/page-skeleton.tsx';
import { ExportsListPage } from '../../../../features/settings/exports-list.tsx';

export const metadata: Metadata = { title: 'Exports' };

export default async function Page({ searchParams }: { searchParams: Promise<{ cursor?: string }> }) {
  const { cursor } = await searchParams;
  return (
    <Suspense fallback={<PageSkeleton title="Settings" />}>
      <ExportsListPage cursor={typeof cursor === 'string' ? cursor : undefined} />
    </Suspense>
  );
}
