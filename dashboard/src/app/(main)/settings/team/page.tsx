import type { Metadata } from 'next';
import { Suspense } from 'react';
import { PageSkeleton } from '../../../../components/page-skeleton.tsx';
import { TeamPage } from '../../../../features/settings/settings-pages.tsx';

export const metadata: Metadata = { title: 'Team' };

export default function Page() {
  return (
    <Suspense fallback={<PageSkeleton title="Settings" />}>
      <TeamPage />
    </Suspense>
  );
}
