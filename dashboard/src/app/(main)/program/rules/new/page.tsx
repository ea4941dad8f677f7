import type { Metadata } from 'next';
import { Suspense } from 'react';
import { PageSkeleton } from '../../../../../components/page-skeleton.tsx';
import { NewRulePage } from '../../../../../features/program/rules-pages.tsx';

export const metadata: Metadata = { title: 'New rule' };

export default async function Page({ searchParams }: { searchParams: Promise<{ programId?: string }> }) {
  const { programId } = await searchParams;
  return (
    <Suspense fallback={<PageSkeleton title="New rule" />}>
      <NewRulePage programId={typeof programId === 'string' ? programId : undefined} />
    </Suspense>
  );
}
