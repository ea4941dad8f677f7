import type { Metadata } from 'next';
import { Suspense } from 'react';
import { PageSkeleton } from '../../../../components/page-skeleton.tsx';
import { ExportStatus } from '../../../../features/exports/export-status.tsx';

export const metadata: Metadata = { title: 'Export' };

export default async function Page({ params }: { params: Promise<{ exportId: string }> }) {
  const { exportId } = await params;
  return (
    <Suspense fallback={<PageSkeleton title="Export" />}>
      <ExportStatus exportId={exportId} />
    </Suspense>
  );
}
