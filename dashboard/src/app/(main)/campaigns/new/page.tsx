import type { Metadata } from 'next';
import { Suspense } from 'react';
import { PageSkeleton } from '../../../../components/page-skeleton.tsx';
import { NewCampaignPage } from '../../../../features/campaigns/campaigns-pages.tsx';

export const metadata: Metadata = { title: 'New campaign' };

export default function Page() {
  return (
    <Suspense fallback={<PageSkeleton title="New campaign" />}>
      <NewCampaignPage />
    </Suspense>
  );
}
