import type { PrismaClient, User as UserRow } from '@loyaltystudio/prisma';
import type { AuthContext } from '../../auth/context.ts';
import { hashPassword, verifyPassword } from '../../auth/passwords.ts';
import { ConflictError, ForbiddenError, NotFoundError, UnprocessableError } from '../../errors.ts';
import { audit } from '../../infra/audit.ts';
import { createdOrderList } from '../../infra/pagination.ts';
import { type Tx, withTenant } from '../../infra/tenant-tx.ts';
import { authRepository } from '../auth/auth.repository.ts';
import type { SessionVerifier } from '../auth/session-verifier.ts';
import { usersRepository as repo } from './users.repository.ts';
import type { ChangePassword, CreateUser, UpdateUser, User } from './users.schemas.ts';

export function toUser(row: UserRow): User {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    disabled: row.disabledAt !== null,
    lastSignInAt: row.lastSignInAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** A user as the audit log keeps them: never the password hash. */
export function toAuditedUser(row: UserRow) {
  const { passwordHash: _hidden, ...rest } = row;
  return rest;
}

function isOwner(auth: AuthContext): boolean {
  return auth.actor.type === 'user' && auth.actor.role === 'owner';
}

function isUniqueViolation(err: unknown): boolean {
  return (err as { code?: string }).code === 'P2002';
}

export function createUsersService(prisma: PrismaClient, sessions: SessionVerifier) {
  async function findOrThrow(tx: Tx, tenantId: string, id: string): Promise<UserRow> {
    const row = await repo.find(tx, tenantId, id);
    if (!row) throw new NotFoundError(`User ${id}`);
    return row;
  }

  /** Refuses to leave the tenant without an enabled owner. Call with the owners locked (lockOwners). */
  async function keepOneOwner(tx: Tx, tenantId: string): Promise<void> {
    if ((await repo.countEnabledOwners(tx, tenantId)) <= 1) {
      throw new UnprocessableError(
        'last-owner',
        'This is the last owner of the tenant: make another user owner first.',
      );
    }
  }

  return {
    async create(auth: AuthContext, input: CreateUser): Promise<User> {
      if (input.role === 'owner' && !isOwner(auth)) throw new ForbiddenError('Only an owner may create an owner.');
      const passwordHash = await hashPassword(input.password);
      try {
        return await withTenant(prisma, auth.tenantId, async (tx) => {
          const row = await repo.create(tx, {
            tenantId: auth.tenantId,
            email: input.email.trim().toLowerCase(),
            name: input.name,
            role: input.role,
            passwordHash,
          });
          await audit(tx, auth, {
            action: 'user.create',
            entityType: 'user',
            entityId: row.id,
            after: toAuditedUser(row),
          });
          return toUser(row);
        });
      } catch (err) {
        if (isUniqueViolation(err)) throw new ConflictError(`A user with the email ${input.email} exists already.`);
        throw err;
      }
    },

    async get(auth: AuthContext, id: string): Promise<User> {
      return toUser(await withTenant(prisma, auth.tenantId, (tx) => findOrThrow(tx, auth.tenantId, id)));
    },

    async list(auth: AuthContext, query: { limit?: number; cursor?: string }) {
      return createdOrderList(
        query,
        (take, after) => withTenant(prisma, auth.tenantId, (tx) => repo.list(tx, auth.tenantId, take, after)),
        toUser,
      );
    },

    /**
     * Renames, changes the role of, disables or enables a user. Only an owner may touch an owner or make one;
     * the last enabled owner can be neither demoted nor disabled. Disabling ends the user's sessions.
     */
    async update(auth: AuthContext, id: string, input: UpdateUser): Promise<User> {
      const { result, touched } = await withTenant(prisma, auth.tenantId, async (tx) => {
        // Role and enabled-state changes are serialised per tenant before anything is read, so the owner count
        // below sees every committed change.
        if (input.role !== undefined || input.disabled !== undefined) await repo.lockOwners(tx, auth.tenantId);
        const before = await findOrThrow(tx, auth.tenantId, id);
        if ((before.role === 'owner' || input.role === 'owner') && !isOwner(auth)) {
          throw new ForbiddenError('Only an owner may change an owner or make one.');
        }
        const demoted = input.role !== undefined && input.role !== 'owner';
        const disabling = input.disabled === true && before.disabledAt === null;
        if (before.role === 'owner' && before.disabledAt === null && (demoted || disabling)) {
          await keepOneOwner(tx, auth.tenantId);
        }
        const after = await repo.update(tx, auth.tenantId, id, {
          name: input.name,
          role: input.role,
          ...(input.disabled !== undefined && {
            disabledAt: input.disabled ? (before.disabledAt ?? new Date()) : null,
          }),
        });
        // Sessions see the new role or the disabling through the session check; drop what this instance cached.
        const touched = disabling
          ? await authRepository.revokeUserSessions(tx, auth.tenantId, id, 'user_disabled')
          : await repo.openSessionIds(tx, auth.tenantId, id);
        const action = disabling
          ? 'user.disable'
          : input.disabled === false && before.disabledAt
            ? 'user.enable'
            : 'user.update';
        await audit(tx, auth, {
          action,
          entityType: 'user',
          entityId: id,
          before: toAuditedUser(before),
          after: toAuditedUser(after),
        });
        return { result: toUser(after), touched };
      });
      sessions.forget(touched);
      return result;
    },

    async changeOwnPassword(auth: AuthContext & { actor: { type: 'user' } }, input: ChangePassword): Promise<void> {
      const userId = auth.actor.id;
      const current = await withTenant(prisma, auth.tenantId, (tx) => findOrThrow(tx, auth.tenantId, userId));
      if (!(await verifyPassword(current.passwordHash, input.currentPassword))) {
        throw new UnprocessableError('wrong-password', 'The current password is not correct.');
      }
      const passwordHash = await hashPassword(input.newPassword);
      const ended = await withTenant(prisma, auth.tenantId, async (tx) => {
        await repo.update(tx, auth.tenantId, userId, { passwordHash });
        // Whoever knew the old password loses their sessions; the caller keeps theirs.
        const ended = await authRepository.revokeUserSessions(
          tx,
          auth.tenantId,
          userId,
          'password_changed',
          auth.actor.sessionId,
        );
        await audit(tx, auth, { action: 'user.password_change', entityType: 'user', entityId: userId });
        return ended;
      });
      sessions.forget(ended);
    },
  };
}

export type UsersService = ReturnType<typeof createUsersService>;
