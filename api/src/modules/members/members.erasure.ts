import type { PrismaClient } from '@loyaltystudio/prisma';
import { withTenant } from '../../infra/tenant-tx.ts';

/**
 * The steps of a member's erasure that the `memberErasure` workflow takes in Postgres, for the workflows worker
 * (`@loyaltystudio/api/housekeeping`). The erasure itself happens in `members.service.ts` (`erase`); these record
 * where its way through the warehouse stands.
 */

export interface ErasureState {
  status: 'active' | 'erased';
  erasedAt: Date | null;
  warehouseErasedAt: Date | null;
  enrolledAt: Date;
}

/** The member's erasure as Postgres records it, read as the tenant; null when the tenant has no such member. */
export async function erasureState(
  prisma: PrismaClient,
  { tenantId, memberId }: { tenantId: string; memberId: string },
): Promise<ErasureState | null> {
  return withTenant(prisma, tenantId, (tx) =>
    tx.member.findFirst({
      where: { tenantId, id: memberId },
      select: { status: true, erasedAt: true, warehouseErasedAt: true, enrolledAt: true },
    }),
  );
}

/**
 * Records that the member's erasure reached the warehouse, once: a later call keeps the first time. Answers the
 * recorded time; null when the tenant has no such erased member.
 */
export async function recordWarehouseErasure(
  prisma: PrismaClient,
  { tenantId, memberId, at }: { tenantId: string; memberId: string; at: Date },
): Promise<Date | null> {
  return withTenant(prisma, tenantId, async (tx) => {
    await tx.member.updateMany({
      where: { tenantId, id: memberId, status: 'erased', warehouseErasedAt: null },
      data: { warehouseErasedAt: at },
    });
    const row = await tx.member.findFirst({ where: { tenantId, id: memberId }, select: { warehouseErasedAt: true } });
    return row?.warehouseErasedAt ?? null;
  });
}

/**
 * Erased members whose erasure has not reached the warehouse, erased before `erasedBefore`, across tenants (the
 * owner connection; served by the index on `erased_at`), oldest first.
 */
export async function pendingWarehouseErasures(
  prisma: PrismaClient,
  { erasedBefore, limit }: { erasedBefore: Date; limit: number },
): Promise<{ tenantId: string; memberId: string }[]> {
  const rows = await prisma.member.findMany({
    where: { erasedAt: { not: null, lt: erasedBefore }, warehouseErasedAt: null },
    select: { tenantId: true, id: true },
    orderBy: [{ erasedAt: 'asc' }, { id: 'asc' }],
    take: limit,
  });
  return rows.map((r) => ({ tenantId: r.tenantId, memberId: r.id }));
}
