import type { Metadata } from 'next';
import { Suspense } from 'react';
import { PageSkeleton } from '../../../components/page-skeleton.tsx';
import { MembersList, type MembersParams } from '../../../features/members/members-list.tsx';

export const metadata: Metadata = { title: 'Members' };

export default async function Page({ searchParams }: { searchParams: Promise<MembersParams> }) {
  const params = await searchParams;
  return (
    <Suspense key={JSON.stringify(params)} fallback={<PageSkeleton title="Members" />}>
      <MembersList params={params} />
    </Suspense>
  );
}
