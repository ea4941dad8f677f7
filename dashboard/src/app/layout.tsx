import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import { themeOf } from '../lib/theme.ts';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Monet', template: '%s · Monet' },
  description: 'Loyalty and analytics',
};

export const viewport: Viewport = { width: 'device-width', initialScale: 1 };

export default async function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en" data-theme={await themeOf()}>
      <body>{children}</body>
    </html>
  );
}
