import type { Metadata } from 'next';
import { Suspense } from 'react';
import { PageSkeleton } from '../../../../components/page-skeleton.tsx';
import { MemberDetail } from '../../../../features/members/member-detail.tsx';

export const metadata: Metadata = { title: 'Member' };

export default async function Page({ params }: { params: Promise<{ memberId: string }> }) {
  const { memberId } = await params;
  return (
    <Suspense fallback={<PageSkeleton title="Member" />}>
      <MemberDetail memberId={memberId} />
    </Suspense>
  );
}
