'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import type { SitePage, SiteSection } from '../site-config.ts';

export interface SidebarProps {
  sections: SiteSection[];
  /** The signed-in merchant and user; absent on public pages. */
  tenantName?: string;
  userName?: string;
  role?: string;
  /** The sign-out button and the theme switch, rendered by the server layout. */
  footer?: React.ReactNode;
}

export function Sidebar({ sections, tenantName, userName, role, footer }: SidebarProps) {
  const pathname = usePathname();
  const item = ({ label, href }: SitePage) => (
    <li key={label}>
      {href ? (
        // No prefetch: every page here is dynamic, so each prefetch is a request the server renders; the sixteen
        // menu links made sixteen on every page load, competing with the page itself for the browser and the server.
        <Link href={href} prefetch={false} className="nav-link" aria-current={pathname === href ? 'page' : undefined}>
          {label}
        </Link>
      ) : (
        <span className="nav-link" aria-disabled="true" title="Not available yet">
          {label}
        </span>
      )}
    </li>
  );
  return (
    <nav className="sidebar" aria-label="Main">
      <div className="brand">Monet</div>
      {tenantName ? (
        <div className="tenant" data-field="tenant-name">
          {tenantName}
        </div>
      ) : null}
      {sections.map((section) => (
        <div key={section.heading ?? 'main'}>
          {section.heading ? <div className="nav-heading">{section.heading}</div> : null}
          <ul className="nav-list">{section.pages.map(item)}</ul>
        </div>
      ))}
      {userName ? (
        <div className="sidebar-footer">
          <div className="user">
            <span data-field="user-name">{userName}</span>
            <span className="role">{role}</span>
          </div>
          {footer}
        </div>
      ) : null}
    </nav>
  );
}
