import type { Metadata } from 'next';
import { SegmentPage } from '../../../../features/segments/segment-page.tsx';

export const metadata: Metadata = { title: 'New segment' };

export default function Page() {
  return <SegmentPage />;
}
