import type { Metadata } from 'next';
import { Suspense } from 'react';
import { PageSkeleton } from '../../../../../components/page-skeleton.tsx';
import { RulePage } from '../../../../../features/program/rules-pages.tsx';

export const metadata: Metadata = { title: 'Rule' };

export default async function Page({ params }: { params: Promise<{ ruleId: string }> }) {
  const { ruleId } = await params;
  return (
    <Suspense fallback={<PageSkeleton title="Rule" />}>
      <RulePage ruleId={ruleId} />
    </Suspense>
  );
}
