import type { Metadata } from 'next';
import { Suspense } from 'react';
import { PageSkeleton } from '../../../../components/page-skeleton.tsx';
import { CampaignPage } from '../../../../features/campaigns/campaigns-pages.tsx';

export const metadata: Metadata = { title: 'Campaign' };

export default async function Page({ params }: { params: Promise<{ campaignId: string }> }) {
  const { campaignId } = await params;
  return (
    <Suspense fallback={<PageSkeleton title="Campaign" />}>
      <CampaignPage campaignId={campaignId} />
    </Suspense>
  );
}
