import type { Metadata } from 'next';
import { Suspense } from 'react';
import { PageSkeleton } from '../../../../components/page-skeleton.tsx';
import { AuditPage } from '../../../../features/settings/settings-pages.tsx';

export const metadata: Metadata = { title: 'Audit log' };

export default async function Page({ searchParams }: { searchParams: Promise<{ action?: string; cursor?: string }> }) {
  const params = await searchParams;
  return (
    <Suspense key={JSON.stringify(params)} fallback={<PageSkeleton title="Settings" />}>
      <AuditPage params={params} />
    </Suspense>
  );
}
