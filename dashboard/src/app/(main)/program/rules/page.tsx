import type { Metadata } from 'next';
import { Suspense } from 'react';
import { PageSkeleton } from '../../../../components/page-skeleton.tsx';
import { RulesPage } from '../../../../features/program/rules-pages.tsx';

export const metadata: Metadata = { title: 'Rules' };

export default async function Page({ searchParams }: { searchParams: Promise<{ programId?: string }> }) {
  const { programId } = await searchParams;
  return (
    <Suspense fallback={<PageSkeleton title="Rules" />}>
      <RulesPage programId={typeof programId === 'string' ? programId : undefined} />
    </Suspense>
  );
}
