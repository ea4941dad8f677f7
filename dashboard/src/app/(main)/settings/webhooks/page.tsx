import type { Metadata } from 'next';
import { Suspense } from 'react';
import { PageSkeleton } from '../../../../components/page-skeleton.tsx';
import { WebhooksPage } from '../../../../features/settings/webhooks-pages.tsx';

export const metadata: Metadata = { title: 'Webhooks' };

export default async function Page({ searchParams }: { searchParams: Promise<{ status?: string }> }) {
  const { status } = await searchParams;
  return (
    <Suspense fallback={<PageSkeleton title="Settings" />}>
      <WebhooksPage status={typeof status === 'string' ? status : undefined} />
    </Suspense>
  );
}
