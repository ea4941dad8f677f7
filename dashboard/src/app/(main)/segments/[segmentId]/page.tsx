import type { Metadata } from 'next';
import { Suspense } from 'react';
import { PageSkeleton } from '../../../../components/page-skeleton.tsx';
import { SegmentPage } from '../../../../features/segments/segment-page.tsx';

export const metadata: Metadata = { title: 'Segment' };

export default async function Page({ params }: { params: Promise<{ segmentId: string }> }) {
  const { segmentId } = await params;
  return (
    <Suspense fallback={<PageSkeleton title="Segment" />}>
      <SegmentPage segmentId={segmentId} />
    </Suspense>
  );
}
