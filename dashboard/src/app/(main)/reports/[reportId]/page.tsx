import type { Metadata } from 'next';
import { Suspense } from 'react';
import { PageSkeleton } from '../../../../components/page-skeleton.tsx';
import { ReportPage } from '../../../../features/reports/reports-pages.tsx';

export const metadata: Metadata = { title: 'Report' };

export default async function Page({ params }: { params: Promise<{ reportId: string }> }) {
  const { reportId } = await params;
  return (
    <Suspense fallback={<PageSkeleton title="Report" />}>
      <ReportPage reportId={reportId} />
    </Suspense>
  );
}
