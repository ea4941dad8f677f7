import { randomUUID } from 'node:crypto';
import type { PrismaClient, Tenant as TenantRow } from '@loyaltystudio/prisma';
import type { AuthContext } from '../../auth/context.ts';
import { hashPassword } from '../../auth/passwords.ts';
import { ConflictError, InvalidRequestError, NotFoundError } from '../../errors.ts';
import { audit } from '../../infra/audit.ts';
import { withTenant } from '../../infra/tenant-tx.ts';
import type { AuthService, ClientInfo } from '../auth/auth.service.ts';
import { toSignedInUser } from '../auth/auth.service.ts';
import { toAuditedUser } from '../users/users.service.ts';
import { canonicalTimeZone, isCurrency } from './tenant-settings.ts';
import { tenantsRepository as repo } from './tenants.repository.ts';
import type { CreateTenant, Tenant, UpdateTenant } from './tenants.schemas.ts';

export function toTenant(row: TenantRow): Tenant {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    timeZone: row.timeZone,
    currency: row.currency,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

function checkedTimeZone(timeZone: string): string {
  const zone = canonicalTimeZone(timeZone);
  if (!zone) throw new InvalidRequestError([{ path: 'body.timeZone', message: 'is not an IANA time zone name' }]);
  return zone;
}

function isUniqueViolation(err: unknown): boolean {
  return (err as { code?: string }).code === 'P2002';
}

function slugTaken(slug: string): ConflictError {
  return new ConflictError(`The slug ${slug} is taken; choose another.`, { field: 'slug' });
}

export function createTenantsService(prisma: PrismaClient, auth: AuthService) {
  return {
    /** Public sign-up: a new merchant with its first owner, signed in at once. */
    async create(input: CreateTenant, client: ClientInfo) {
      const timeZone = checkedTimeZone(input.timeZone);
      if (!isCurrency(input.currency)) {
        throw new InvalidRequestError([{ path: 'body.currency', message: 'is not an ISO 4217 currency code' }]);
      }
      const passwordHash = await hashPassword(input.owner.password);
      // The id is chosen here so that the tenant transaction can be opened as the tenant it creates.
      const tenantId = randomUUID();
      try {
        return await withTenant(prisma, tenantId, async (tx) => {
          const tenant = await repo.create(tx, {
            id: tenantId,
            name: input.name,
            slug: input.slug,
            timeZone,
            currency: input.currency,
          });
          const owner = await tx.user.create({
            data: {
              tenantId,
              email: input.owner.email.trim().toLowerCase(),
              name: input.owner.name,
              role: 'owner',
              passwordHash,
            },
          });
          const tokens = await auth.openSession(tx, owner, client);
          const actor: AuthContext = {
            tenantId,
            actor: { type: 'user', id: owner.id, role: 'owner', sessionId: tokens.sessionId },
          };
          await audit(tx, actor, { action: 'tenant.create', entityType: 'tenant', entityId: tenantId, after: tenant });
          await audit(tx, actor, {
            action: 'user.create',
            entityType: 'user',
            entityId: owner.id,
            after: toAuditedUser(owner),
          });
          return { tenant: toTenant(tenant), user: toSignedInUser(owner), tokens };
        });
      } catch (err) {
        if (isUniqueViolation(err)) throw slugTaken(input.slug);
        throw err;
      }
    },

    async get(auth: AuthContext): Promise<Tenant> {
      const row = await withTenant(prisma, auth.tenantId, (tx) => repo.find(tx, auth.tenantId));
      if (!row) throw new NotFoundError(`Tenant ${auth.tenantId}`);
      return toTenant(row);
    },

    async update(auth: AuthContext, input: UpdateTenant): Promise<Tenant> {
      const timeZone = input.timeZone === undefined ? undefined : checkedTimeZone(input.timeZone);
      try {
        return await withTenant(prisma, auth.tenantId, async (tx) => {
          const before = await repo.find(tx, auth.tenantId);
          if (!before) throw new NotFoundError(`Tenant ${auth.tenantId}`);
          const after = await repo.update(tx, auth.tenantId, { ...input, ...(timeZone && { timeZone }) });
          await audit(tx, auth, {
            action: 'tenant.update',
            entityType: 'tenant',
            entityId: auth.tenantId,
            before,
            after,
          });
          return toTenant(after);
        });
      } catch (err) {
        if (isUniqueViolation(err)) throw slugTaken(input.slug ?? '');
        throw err;
      }
    },
  };
}

export type TenantsService = ReturnType<typeof createTenantsService>;
