import type { Tx } from '../../infra/tenant-tx.ts';

export const analyticsRepository = {
  program: (tx: Tx, tenantId: string, id: string) =>
    tx.program.findFirst({ where: { tenantId, id }, select: { id: true, earningCurrency: true } }),

  currencies: async (tx: Tx, tenantId: string) =>
    (
      await tx.program.findMany({
        where: { tenantId },
        distinct: ['earningCurrency'],
        select: { earningCurrency: true },
        orderBy: { earningCurrency: 'asc' },
      })
    ).map((p) => p.earningCurrency),

  tenantCurrency: async (tx: Tx, tenantId: string) =>
    (await tx.tenant.findFirst({ where: { id: tenantId }, select: { currency: true } }))?.currency.trim() ?? null,
};
