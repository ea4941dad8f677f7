import type { Metadata } from 'next';
import { Suspense } from 'react';
import { PageSkeleton } from '../../../../components/page-skeleton.tsx';
import { SegmentPage } from '../../../../features/segments/segment-page.tsx';

export const metadata: Metadata = { title: 'Segment' };

export default async function Page({
  params,
  searchParams,
}: {
  params: Promise<{ segmentId: string }>;
  searchParams: Promise<{ exportError?: string | string[] }>;
}) {
  const { segmentId } = await params;
  const { exportError } = await searchParams;
  return (
    <Suspense fallback={<PageSkeleton title="Segment" />}>
      <SegmentPage segmentId={segmentId} exportError={typeof exportError === 'string' ? exportError : undefined} />
    </Suspense>
  );
}
