import type { Prisma } from '@loyaltystudio/prisma';
import { createdOrderPage } from '../../infra/pagination.ts';
import type { Tx } from '../../infra/tenant-tx.ts';

/** Every version, newest first, without their definitions except the one shown. */
const versions = {
  versions: {
    orderBy: { version: 'desc' },
    select: { id: true, version: true, createdBy: true, createdAt: true, memberCount: true },
  },
} as const satisfies Prisma.SegmentInclude;

export type SegmentWithVersions = Prisma.SegmentGetPayload<{ include: typeof versions }>;

export const segmentsRepository = {
  create: (tx: Tx, data: Prisma.SegmentUncheckedCreateInput) => tx.segment.create({ data }),

  createVersion: (tx: Tx, data: Prisma.SegmentVersionUncheckedCreateInput) => tx.segmentVersion.create({ data }),

  find: (tx: Tx, tenantId: string, id: string) => tx.segment.findFirst({ where: { tenantId, id }, include: versions }),

  /** Locks the segment so concurrent saves number their versions one after the other. */
  lock: async (tx: Tx, tenantId: string, id: string) =>
    (
      await tx.$queryRaw<{ id: string }[]>`
        SELECT id FROM segments WHERE tenant_id = ${tenantId}::uuid AND id = ${id}::uuid FOR UPDATE`
    ).length > 0,

  update: (tx: Tx, tenantId: string, id: string, data: Prisma.SegmentUncheckedUpdateInput) =>
    tx.segment.update({ where: { id, tenantId }, data, include: versions }),

  findVersion: (tx: Tx, tenantId: string, segmentId: string, version: number) =>
    tx.segmentVersion.findFirst({ where: { tenantId, segmentId, version } }),

  /** A version by its id, with its segment's kind (deleted segments included: campaigns still read them). */
  findVersionById: (tx: Tx, tenantId: string, id: string) =>
    tx.segmentVersion.findFirst({ where: { tenantId, id }, include: { segment: { select: { kind: true } } } }),

  setMemberCount: (tx: Tx, tenantId: string, id: string, memberCount: number) =>
    tx.segmentVersion.update({ where: { id, tenantId }, data: { memberCount } }),

  list: (
    tx: Tx,
    args: { tenantId: string; includeDeleted: boolean; limit: number },
    after?: { createdAt: string; id: string },
  ) =>
    tx.segment.findMany(
      createdOrderPage(after, args.limit, {
        tenantId: args.tenantId,
        ...(!args.includeDeleted && { deletedAt: null }),
      }),
    ),

  /** The versions shown in a list, by segment id and version number. */
  versionsOf: (tx: Tx, tenantId: string, keys: { segmentId: string; version: number }[]) =>
    tx.segmentVersion.findMany({ where: { tenantId, OR: keys } }),

  /** The tenant's campaigns among `ids`, with their arms' settings. */
  existingCampaigns: (tx: Tx, tenantId: string, ids: string[]) =>
    tx.campaign.findMany({
      where: { tenantId, id: { in: ids } },
      select: { id: true, variants: true, holdoutPercent: true },
    }),

  existingTiers: async (tx: Tx, tenantId: string, ids: string[]) =>
    new Set((await tx.tier.findMany({ where: { tenantId, id: { in: ids } }, select: { id: true } })).map((t) => t.id)),

  /** Adds members to a static version's snapshot; ids already there are skipped. */
  addMembers: (tx: Tx, tenantId: string, segmentVersionId: string, memberIds: string[]) =>
    tx.$executeRaw`
      INSERT INTO segment_version_members (tenant_id, segment_version_id, member_id)
      SELECT ${tenantId}::uuid, ${segmentVersionId}::uuid, m FROM unnest(${memberIds}::uuid[]) AS m
      ON CONFLICT DO NOTHING`,

  /** A page of a static version's snapshot in member id order, after `after`. */
  memberIds: async (tx: Tx, tenantId: string, segmentVersionId: string, limit: number, after?: string) =>
    (
      await tx.segmentVersionMember.findMany({
        where: { tenantId, segmentVersionId, ...(after !== undefined && { memberId: { gt: after } }) },
        orderBy: { memberId: 'asc' },
        take: limit,
        select: { memberId: true },
      })
    ).map((m) => m.memberId),
};
