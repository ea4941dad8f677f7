import type { ReactNode } from 'react';
import { Sidebar } from '../../components/sidebar.tsx';
import { navigationFor } from '../../site-config.ts';

/** The status page is public (operators check it before anyone can sign in), with the public navigation. */
export default function StatusLayout({ children }: { children: ReactNode }) {
  return (
    <div className="shell">
      <Sidebar sections={navigationFor([])} />
      <main className="content">{children}</main>
    </div>
  );
}
