import type { Metadata } from 'next';
import { Suspense } from 'react';
import { PageSkeleton } from '../../../../components/page-skeleton.tsx';
import { Rfm } from '../../../../features/analytics/rfm.tsx';

export const metadata: Metadata = { title: 'RFM' };

export default function Page() {
  return (
    <Suspense fallback={<PageSkeleton title="RFM" />}>
      <Rfm />
    </Suspense>
  );
}
