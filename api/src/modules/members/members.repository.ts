import { Prisma } from '@loyaltystudio/prisma';
import type { Tx } from '../../infra/tenant-tx.ts';

/** What a member list may be narrowed by; every filter is served by an index (see the README). */
export interface MemberFilters {
  /** Members holding every one of these tags. */
  tags?: string[];
  status?: 'active' | 'erased';
  enrolledAfter?: Date;
  enrolledBefore?: Date;
  /** Each key equals one of its values (`attributes @> …`, GIN index); all keys must match. */
  attributes?: { key: string; values: (string | number | boolean)[] }[];
  /** An email prefix (already lower-cased) or an exact external id. */
  q?: string;
}

export type MemberCursor = { createdAt: string; id: string };

export const membersRepository = {
  create: (tx: Tx, data: Prisma.MemberUncheckedCreateInput) => tx.member.create({ data }),

  /**
   * Inserts unless the tenant already has a member with this external id or email (`ON CONFLICT DO NOTHING`), so
   * concurrent enrolments of one person never abort the caller's transaction. Null when nothing was inserted.
   */
  createIfAbsent: async (tx: Tx, data: Prisma.MemberCreateManyInput) =>
    (await tx.member.createManyAndReturn({ data: [data], skipDuplicates: true }))[0] ?? null,

  findById: (tx: Tx, tenantId: string, id: string) => tx.member.findFirst({ where: { tenantId, id } }),

  findByExternalId: (tx: Tx, tenantId: string, externalId: string) =>
    tx.member.findUnique({ where: { tenantId_externalId: { tenantId, externalId } } }),

  findByEmail: (tx: Tx, tenantId: string, email: string) =>
    tx.member.findUnique({ where: { tenantId_email: { tenantId, email } } }),

  /** Locks the row so an erasure and a concurrent update or accrual on the member serialise. */
  lock: async (tx: Tx, tenantId: string, id: string) => {
    const rows = await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM members WHERE tenant_id = ${tenantId}::uuid AND id = ${id}::uuid FOR UPDATE`;
    return rows.length > 0;
  },

  list: async (tx: Tx, tenantId: string, filters: MemberFilters, limit: number, after?: MemberCursor) => {
    const where: Prisma.Sql[] = [Prisma.sql`tenant_id = ${tenantId}::uuid`];
    if (filters.tags?.length) where.push(Prisma.sql`tags @> ${filters.tags}::text[]`);
    if (filters.status !== undefined) where.push(Prisma.sql`status = ${filters.status}::"MemberStatus"`);
    if (filters.enrolledAfter) where.push(Prisma.sql`enrolled_at >= ${filters.enrolledAfter}`);
    if (filters.enrolledBefore) where.push(Prisma.sql`enrolled_at < ${filters.enrolledBefore}`);
    for (const { key, values } of filters.attributes ?? []) {
      const anyValue = values.map((v) => Prisma.sql`attributes @> ${JSON.stringify({ [key]: v })}::jsonb`);
      where.push(Prisma.sql`(${Prisma.join(anyValue, ' OR ')})`);
    }
    if (filters.q !== undefined) {
      // `^@` (starts with) is served by the SP-GiST index whatever the database collation; LIKE would need C.
      where.push(Prisma.sql`(email ^@ ${filters.q.toLowerCase()} OR external_id = ${filters.q})`);
    }
    if (after) {
      where.push(Prisma.sql`(created_at, id) > (${new Date(after.createdAt)}::timestamptz, ${after.id}::uuid)`);
    }
    // Raw SQL for the containment operators (@>) that the GIN indexes serve; the rows then load through Prisma.
    const ids = await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM members WHERE ${Prisma.join(where, ' AND ')} ORDER BY created_at, id LIMIT ${limit}`;
    if (ids.length === 0) return [];
    return tx.member.findMany({
      where: { tenantId, id: { in: ids.map((r) => r.id) } },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    });
  },

  update: (tx: Tx, tenantId: string, id: string, data: Prisma.MemberUpdateManyMutationInput) =>
    tx.member.update({ where: { id, tenantId }, data }),

  /** Everything Monet holds on a member, for the privacy export. */
  dataOf: async (tx: Tx, tenantId: string, memberId: string) => {
    const mine = { tenantId, memberId };
    const [balances, ledger, lots, events, redemptions, tierChanges] = await Promise.all([
      tx.balance.findMany({ where: mine, orderBy: { programId: 'asc' } }),
      tx.ledgerEntry.findMany({ where: mine, orderBy: [{ programId: 'asc' }, { seq: 'asc' }] }),
      tx.pointLot.findMany({ where: mine, orderBy: [{ programId: 'asc' }, { earnedAt: 'asc' }, { id: 'asc' }] }),
      tx.event.findMany({ where: mine, orderBy: [{ occurredAt: 'asc' }, { id: 'asc' }] }),
      tx.redemption.findMany({ where: mine, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] }),
      tx.tierChange.findMany({ where: mine, orderBy: [{ effectiveAt: 'asc' }, { id: 'asc' }] }),
    ]);
    return { balances, ledger, lots, events, redemptions, tierChanges };
  },

  /** The member's events keep their amounts and line items (refunds and totals need them), not their attributes. */
  scrubEvents: (tx: Tx, tenantId: string, memberId: string) =>
    tx.event.updateMany({ where: { tenantId, memberId }, data: { attributes: {} } }),

  /**
   * Guest orders the merchant filed under the member's old external id (`customerRef`) get the pseudonym instead:
   * they stay the member's pre-enrolment baseline in the ROI mart without naming the person.
   */
  scrubGuestPurchases: (tx: Tx, tenantId: string, externalId: string, pseudonym: string) =>
    tx.guestPurchase.updateMany({ where: { tenantId, customerRef: externalId }, data: { customerRef: pseudonym } }),

  /**
   * Manual adjustments lose their free-text reason, which may name the person ("Goodwill: late delivery to …"),
   * here, in their audit entries and in their `points.adjusted` outbox events; kinds, points, actors and times stay.
   * Every adjustment of the member is rewritten, so the change stream writes each a version after the erasure.
   */
  /** A member's churn risk and lifetime value are about the person: they go with the rest. */
  deleteScores: (tx: Tx, tenantId: string, memberId: string) =>
    tx.memberScore.deleteMany({ where: { tenantId, memberId } }),

  scrubAdjustments: async (tx: Tx, tenantId: string, memberId: string) => {
    await tx.ledgerEntry.updateMany({ where: { tenantId, memberId, kind: 'adjustment' }, data: { reason: null } });
    await tx.$executeRaw`
      UPDATE audit_logs SET after = after #- '{adjustment,reason}'
       WHERE tenant_id = ${tenantId}::uuid AND action = 'ledger.adjust' AND entity_type = 'balance'
         AND entity_id LIKE ${`${memberId}:%`}`;
    await tx.$executeRaw`
      UPDATE outbox_events SET payload = payload - 'reason'
       WHERE tenant_id = ${tenantId}::uuid AND type = 'points.adjusted' AND payload->>'memberId' = ${memberId}`;
  },

  /** Audit snapshots of the member lose their personal fields; who changed what, and when, stays. */
  scrubAudit: (tx: Tx, tenantId: string, memberId: string, personalFields: readonly string[]) =>
    tx.$executeRaw`
      UPDATE audit_logs
         SET before = before - ${personalFields as string[]}::text[],
             after = after - ${personalFields as string[]}::text[]
       WHERE tenant_id = ${tenantId}::uuid AND entity_type = 'member' AND entity_id = ${memberId}`,

  /**
   * `member.created` payloads of the member (whichever module emitted them) get the pseudonym for externalId and,
   * where they carry the profile, the erased profile. Other event types carry ids and amounts only.
   */
  scrubOutbox: (tx: Tx, tenantId: string, memberId: string, pseudonym: string, erased: object) =>
    tx.$executeRaw`
      UPDATE outbox_events
         SET payload = jsonb_set(payload || jsonb_build_object('externalId', ${pseudonym}::text), '{member}',
                                 ${JSON.stringify(erased)}::jsonb, false)
       WHERE tenant_id = ${tenantId}::uuid AND type = 'member.created' AND payload->>'memberId' = ${memberId}`,
};
