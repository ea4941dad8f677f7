import type { Metadata } from 'next';
import { Suspense } from 'react';
import { PageSkeleton } from '../../../components/page-skeleton.tsx';
import { ReportsPage } from '../../../features/reports/reports-pages.tsx';

export const metadata: Metadata = { title: 'Reports' };

export default function Page() {
  return (
    <Suspense fallback={<PageSkeleton title="Reports" />}>
      <ReportsPage />
    </Suspense>
  );
}
