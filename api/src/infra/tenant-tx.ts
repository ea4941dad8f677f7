import type { Prisma, PrismaClient } from '@loyaltystudio/prisma';

export type Tx = Prisma.TransactionClient;

export interface TenantTxOptions {
  isolationLevel?: Prisma.TransactionIsolationLevel;
  /** Longest the transaction may run, in ms. */
  timeoutMs?: number;
}

/**
 * Runs `fn` in one transaction as the tenant: the role `monet_app` with `app.tenant_id` set for this transaction
 * only, so Postgres row-level security limits every statement to the tenant's rows, behind the services' own
 * tenant filters. Both settings end with the transaction; a pooled connection never carries them further.
 */
export function withTenant<T>(
  prisma: PrismaClient,
  tenantId: string,
  fn: (tx: Tx) => Promise<T>,
  opts: TenantTxOptions = {},
): Promise<T> {
  return prisma.$transaction(
    async (tx) => {
      await tx.$queryRaw`SELECT set_config('role', 'monet_app', true), set_config('app.tenant_id', ${tenantId}, true)`;
      return fn(tx);
    },
    { isolationLevel: opts.isolationLevel, timeout: opts.timeoutMs ?? 10_000, maxWait: 5_000 },
  );
}
