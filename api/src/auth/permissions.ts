/**
 * What each role may do. Routes name one permission; API keys carry permissions directly as scopes. The table in
 * the README is this one; change both together.
 */
export const PERMISSIONS = [
  'tenant:manage',
  'users:manage',
  'api_keys:manage',
  'audit:read',
  'programs:read',
  'programs:write',
  'members:read',
  'members:write',
  'members:erase',
  'events:write',
  'guest_purchases:write',
  'guest_purchases:read',
  'ledger:read',
  'ledger:adjust',
  'rewards:read',
  'rewards:write',
  'redemptions:write',
  'webhooks:manage',
  'analytics:read',
  'exports:create',
  'imports:write',
  'segments:read',
  'segments:write',
  'campaigns:read',
  'campaigns:write',
  'reports:read',
  'reports:write',
  'outbox:read',
  'models:read',
  'models:write',
] as const;

export type Permission = (typeof PERMISSIONS)[number];

export const ROLES = ['owner', 'admin', 'marketer', 'analyst', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

const read: Permission[] = [
  'programs:read',
  'members:read',
  'guest_purchases:read',
  'ledger:read',
  'rewards:read',
  'analytics:read',
  'segments:read',
  'campaigns:read',
  'reports:read',
  'models:read',
];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  owner: PERMISSIONS,
  admin: PERMISSIONS.filter((p) => p !== 'tenant:manage'),
  marketer: [
    ...read,
    'programs:write',
    'members:write',
    'rewards:write',
    'redemptions:write',
    'exports:create',
    'segments:write',
    'campaigns:write',
    'reports:write',
  ],
  analyst: [...read, 'audit:read', 'exports:create', 'reports:write', 'models:write'],
  viewer: read,
};

/** Permissions an API key may hold: what merchants' servers do, never the administration of access itself. */
export const API_KEY_SCOPES: readonly Permission[] = [
  'programs:read',
  'members:read',
  'members:write',
  'members:erase',
  'events:write',
  'guest_purchases:write',
  'guest_purchases:read',
  'ledger:read',
  'ledger:adjust',
  'rewards:read',
  'redemptions:write',
  'analytics:read',
  'exports:create',
  'imports:write',
  'segments:read',
  'campaigns:read',
  'reports:read',
  'models:read',
];
