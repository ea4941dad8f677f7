import type { Metadata } from 'next';
import { Suspense } from 'react';
import { PageSkeleton } from '../../../../../components/page-skeleton.tsx';
import { WebhookEndpointPage } from '../../../../../features/settings/webhooks-pages.tsx';

export const metadata: Metadata = { title: 'Webhook endpoint' };

export default async function Page({
  params,
  searchParams,
}: {
  params: Promise<{ endpointId: string }>;
  searchParams: Promise<{ status?: string }>;
}) {
  const [{ endpointId }, { status }] = await Promise.all([params, searchParams]);
  return (
    <Suspense fallback={<PageSkeleton title="Webhook endpoint" />}>
      <WebhookEndpointPage endpointId={endpointId} status={typeof status === 'string' ? status : undefined} />
    </Suspense>
  );
}
