import type { Metadata } from 'next';
import { Suspense } from 'react';
import { PageSkeleton } from '../../../components/page-skeleton.tsx';
import { SegmentsList } from '../../../features/segments/segments-list.tsx';

export const metadata: Metadata = { title: 'Segments' };

export default function Page() {
  return (
    <Suspense fallback={<PageSkeleton title="Segments" />}>
      <SegmentsList />
    </Suspense>
  );
}
