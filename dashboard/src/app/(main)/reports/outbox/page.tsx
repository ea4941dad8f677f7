import type { Metadata } from 'next';
import { Suspense } from 'react';
import { PageSkeleton } from '../../../../components/page-skeleton.tsx';
import { OutboxPage } from '../../../../features/reports/outbox.tsx';

export const metadata: Metadata = { title: 'Outbox' };

export default async function Page({ searchParams }: { searchParams: Promise<{ cursor?: string }> }) {
  const { cursor } = await searchParams;
  return (
    <Suspense fallback={<PageSkeleton title="Outbox" />}>
      <OutboxPage cursor={typeof cursor === 'string' ? cursor : undefined} />
    </Suspense>
  );
}
