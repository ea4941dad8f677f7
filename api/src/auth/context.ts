import type { Permission, Role } from './permissions.ts';
import { ROLE_PERMISSIONS } from './permissions.ts';

export type Actor =
  | { type: 'user'; id: string; role: Role; sessionId: string }
  | { type: 'api_key'; id: string; scopes: readonly Permission[] };

/** Who is calling, for which tenant, and what they may do. Every tenant-scoped service call takes one. */
export interface AuthContext {
  tenantId: string;
  actor: Actor;
  requestId?: string;
}

export function can(auth: AuthContext, permission: Permission): boolean {
  return auth.actor.type === 'user'
    ? ROLE_PERMISSIONS[auth.actor.role].includes(permission)
    : auth.actor.scopes.includes(permission);
}

/** How the audit log names an actor. */
export function actorRef(auth: AuthContext): { actorType: string; actorId: string } {
  return { actorType: auth.actor.type, actorId: auth.actor.id };
}
