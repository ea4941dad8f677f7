// Every page of the dashboard, named once: the sidebar, access checks and tests read this list. A page is shown to
// users whose role holds its permission (the api's role table, given by GET /v1/users/me); pages not built yet are
// listed without a link, so the product's shape shows.

export interface SitePage {
  label: string;
  /** Unset while the page is not built. */
  href?: string;
  /** The api permission the page's data needs; unset for pages every signed-in user may open. */
  permission?: string;
}

export interface SiteSection {
  heading?: string;
  pages: SitePage[];
}

export const siteConfig: SiteSection[] = [
  {
    pages: [
      { label: 'Overview', href: '/', permission: 'analytics:read' },
      { label: 'Members', href: '/members', permission: 'members:read' },
      { label: 'Segments', href: '/segments', permission: 'segments:read' },
      { label: 'Campaigns', href: '/campaigns', permission: 'campaigns:read' },
    ],
  },
  {
    heading: 'Analytics',
    pages: [
      { label: 'Cohorts', href: '/analytics/cohorts', permission: 'analytics:read' },
      { label: 'RFM', href: '/analytics/rfm', permission: 'analytics:read' },
      { label: 'Funnels', href: '/analytics/funnels', permission: 'analytics:read' },
      { label: 'Points economy', href: '/analytics/points', permission: 'analytics:read' },
      { label: 'Tiers', href: '/analytics/tiers', permission: 'analytics:read' },
      { label: 'Exports', href: '/settings/exports', permission: 'exports:create' },
    ],
  },
  {
    heading: 'Program',
    pages: [
      { label: 'Rules', href: '/program/rules', permission: 'programs:read' },
      { label: 'Rewards', href: '/program/rewards', permission: 'rewards:read' },
      { label: 'Tier levels', href: '/program/tiers', permission: 'programs:read' },
      { label: 'Reports', href: '/reports', permission: 'reports:read' },
      { label: 'Settings', href: '/settings', permission: 'users:manage' },
    ],
  },
  { heading: 'System', pages: [{ label: 'Status', href: '/status' }] },
];

/** The sections as one user sees them: pages their role may not open are left out. */
export function navigationFor(permissions: readonly string[]): SiteSection[] {
  const allowed = (page: SitePage) => !page.permission || permissions.includes(page.permission);
  return siteConfig
    .map((section) => ({ ...section, pages: section.pages.filter(allowed) }))
    .filter((section) => section.pages.length > 0);
}
