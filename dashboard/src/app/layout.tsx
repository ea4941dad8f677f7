import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { Sidebar } from '../components/sidebar.tsx';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Monet', template: '%s · Monet' },
  description: 'Loyalty and analytics',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <div className="shell">
          <Sidebar />
          <main className="content">{children}</main>
        </div>
      </body>
    </html>
  );
}
