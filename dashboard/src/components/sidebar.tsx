'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';

interface Section {
  label: string;
  /** Unset for sections that are not built yet: they are listed, greyed out, so the product's shape shows. */
  href?: string;
}

const product: Section[] = [
  { label: 'Overview' },
  { label: 'Members' },
  { label: 'Segments' },
  { label: 'Campaigns' },
  { label: 'Rewards' },
  { label: 'Tiers' },
  { label: 'Rules' },
  { label: 'Reports' },
  { label: 'Settings' },
];

const system: Section[] = [{ label: 'Status', href: '/status' }];

export function Sidebar() {
  const pathname = usePathname();
  const item = ({ label, href }: Section) => (
    <li key={label}>
      {href ? (
        <Link href={href} className="nav-link" aria-current={pathname === href ? 'page' : undefined}>
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
      <ul className="nav-list">{product.map(item)}</ul>
      <div className="nav-heading">System</div>
      <ul className="nav-list">{system.map(item)}</ul>
    </nav>
  );
}
