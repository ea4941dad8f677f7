import type { Tx } from '../../infra/tenant-tx.ts';
import type { GuestPurchaseQuery } from './guest-purchases.schemas.ts';

export interface NewGuestPurchase {
  tenantId: string;
  programId: string;
  externalId: string;
  customerRef: string | null;
  occurredAt: Date;
  amountMinor: number;
  currency: string;
  channel: string | null;
}

/** The sort key of the list: newest first by when the purchase occurred, then id. */
export type OccurredKey = { occurredAt: string; id: string };

export const guestPurchasesRepository = {
  /** The program by id, or without an id the tenant's active programs (at most two, to tell one from several). */
  programs: (tx: Tx, tenantId: string, programId: string | null) =>
    tx.program.findMany({
      where: programId === null ? { tenantId, status: 'active' } : { tenantId, id: programId },
      select: { id: true, status: true },
      orderBy: { createdAt: 'asc' },
      take: 2,
    }),

  /** Inserts the rows whose external id is new to the tenant; returns those it inserted. */
  insertNew: (tx: Tx, rows: NewGuestPurchase[]) =>
    tx.guestPurchase.createManyAndReturn({ data: rows, skipDuplicates: true }),

  byExternalIds: (tx: Tx, tenantId: string, externalIds: string[]) =>
    tx.guestPurchase.findMany({ where: { tenantId, externalId: { in: externalIds } } }),

  list: (tx: Tx, tenantId: string, query: GuestPurchaseQuery, take: number, after?: OccurredKey) =>
    tx.guestPurchase.findMany({
      where: {
        tenantId,
        programId: query.programId,
        customerRef: query.customerRef,
        occurredAt: {
          ...(query.from && { gte: new Date(query.from) }),
          ...(query.to && { lt: new Date(query.to) }),
        },
        ...(after && {
          OR: [
            { occurredAt: { lt: new Date(after.occurredAt) } },
            { occurredAt: new Date(after.occurredAt), id: { lt: after.id } },
          ],
        }),
      },
      orderBy: [{ occurredAt: 'desc' }, { id: 'desc' }],
      take,
    }),
};
