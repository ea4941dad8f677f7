import type { Metadata } from 'next';
import { Suspense } from 'react';
import { PageSkeleton } from '../../../../../components/page-skeleton.tsx';
import { OutboxMessagePage } from '../../../../../features/reports/outbox.tsx';

export const metadata: Metadata = { title: 'Message' };

export default async function Page({ params }: { params: Promise<{ messageId: string }> }) {
  const { messageId } = await params;
  return (
    <Suspense fallback={<PageSkeleton title="Message" />}>
      <OutboxMessagePage messageId={decodeURIComponent(messageId)} />
    </Suspense>
  );
}
