import type { Metadata } from 'next';
import { Suspense } from 'react';
import { PageSkeleton } from '../../../components/page-skeleton.tsx';
import { CampaignsPage } from '../../../features/campaigns/campaigns-pages.tsx';

export const metadata: Metadata = { title: 'Campaigns' };

export default async function Page({ searchParams }: { searchParams: Promise<{ status?: string }> }) {
  const { status } = await searchParams;
  return (
    <Suspense key={status ?? 'all'} fallback={<PageSkeleton title="Campaigns" />}>
      <CampaignsPage status={status} />
    </Suspense>
  );
}
