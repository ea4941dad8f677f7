import type { AuthContext } from '@loyaltystudio/api/core';
import { hashPassword } from '@loyaltystudio/api/core';
import type { PrismaClient } from '@loyaltystudio/prisma';
import { DEMO_TENANT } from './merchant.ts';

export class TenantExistsError extends Error {}

/**
 * Makes room for the demo tenant: refuses when it exists, unless `replace`, which deletes every row of it. Foreign
 * keys are set aside for that transaction (session_replication_role, which needs a superuser, as the embedded
 * Postgres user is) so that the tables can be emptied in any order.
 */
export async function clearDemoTenant(prisma: PrismaClient, replace: boolean): Promise<void> {
  const existing = await prisma.tenant.findUnique({ where: { slug: DEMO_TENANT.slug } });
  if (!existing) return;
  if (!replace) {
    throw new TenantExistsError(
      `The tenant "${DEMO_TENANT.name}" (${DEMO_TENANT.slug}) already exists: pass --replace to delete it and seed again.`,
    );
  }
  const tables = await prisma.$queryRaw<{ table_name: string }[]>`
    SELECT table_name FROM information_schema.columns
    WHERE table_schema = 'public' AND column_name = 'tenant_id' ORDER BY table_name`;
  await prisma.$transaction(async (tx) => {
    await tx.$executeRawUnsafe(`SET LOCAL session_replication_role = replica`);
    for (const { table_name } of tables) {
      await tx.$executeRawUnsafe(`DELETE FROM "${table_name}" WHERE tenant_id = $1::uuid`, existing.id);
    }
    await tx.tenant.delete({ where: { id: existing.id } });
  });
}

export interface DemoOwner {
  /** The owner's password; without one the owner cannot sign in until a reset. */
  ownerPassword?: string;
}

/** The demo tenant and its owner, as an owner's AuthContext. */
export async function createDemoTenant(
  prisma: PrismaClient,
  createdAt: Date,
  owner: DemoOwner = {},
): Promise<AuthContext> {
  const tenant = await prisma.tenant.create({
    data: {
      slug: DEMO_TENANT.slug,
      name: DEMO_TENANT.name,
      timeZone: DEMO_TENANT.timeZone,
      currency: DEMO_TENANT.currency,
      createdAt,
    },
  });
  const user = await prisma.user.create({
    data: {
      tenantId: tenant.id,
      email: DEMO_TENANT.ownerEmail,
      name: 'Demo owner',
      role: 'owner',
      passwordHash: owner.ownerPassword ? await hashPassword(owner.ownerPassword) : 'seeded: no password',
    },
  });
  const session = await prisma.session.create({
    data: { tenantId: tenant.id, userId: user.id, expiresAt: new Date(Date.now() + 3_600_000) },
  });
  return { tenantId: tenant.id, actor: { type: 'user', id: user.id, role: 'owner', sessionId: session.id } };
}
