import type { Metadata } from 'next';
import { Suspense } from 'react';
import { PageSkeleton } from '../../../../components/page-skeleton.tsx';
import { ApiKeysPage } from '../../../../features/settings/settings-pages.tsx';

export const metadata: Metadata = { title: 'API keys' };

export default function Page() {
  return (
    <Suspense fallback={<PageSkeleton title="Settings" />}>
      <ApiKeysPage />
    </Suspense>
  );
}
