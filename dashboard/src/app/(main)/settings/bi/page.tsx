import type { Metadata } from 'next';
import { Suspense } from 'react';
import { PageSkeleton } from '../../../../components/page-skeleton.tsx';
import { BiAccessPage } from '../../../../features/settings/bi-access.tsx';

export const metadata: Metadata = { title: 'BI access' };

export default function Page() {
  return (
    <Suspense fallback={<PageSkeleton title="Settings" />}>
      <BiAccessPage />
    </Suspense>
  );
}
