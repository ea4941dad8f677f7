import type { Tx } from '../../infra/tenant-tx.ts';

export const ledgerRepository = {
  memberExists: async (tx: Tx, tenantId: string, memberId: string) =>
    (await tx.member.count({ where: { tenantId, id: memberId } })) > 0,

  /**
   * Newest first by seq (the order the balance lock gave the entries; creation times of concurrent transactions
   * can disagree with it), then id, which makes the order unique across programs too.
   */
  entries: (
    tx: Tx,
    args: {
      tenantId: string;
      memberId: string;
      programId?: string;
      limit: number;
      before?: { seq: number; id: string };
    },
  ) =>
    tx.ledgerEntry.findMany({
      where: {
        tenantId: args.tenantId,
        memberId: args.memberId,
        ...(args.programId && { programId: args.programId }),
        ...(args.before && {
          OR: [{ seq: { lt: args.before.seq } }, { seq: args.before.seq, id: { lt: args.before.id } }],
        }),
      },
      orderBy: [{ seq: 'desc' }, { id: 'desc' }],
      take: args.limit,
    }),

  balances: (tx: Tx, tenantId: string, memberId: string) =>
    tx.balance.findMany({ where: { tenantId, memberId }, orderBy: { programId: 'asc' } }),

  activePrograms: (tx: Tx, tenantId: string, programId?: string) =>
    tx.program.findMany({
      where: { tenantId, ...(programId ? { id: programId } : { status: 'active' }) },
      select: { id: true, status: true, expiryPolicy: true, expiryValue: true, tenant: { select: { timeZone: true } } },
      orderBy: { createdAt: 'asc' },
      take: 2,
    }),
};
