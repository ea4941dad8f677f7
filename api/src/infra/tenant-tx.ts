import { randomUUID } from 'node:crypto';
import { Prisma, type PrismaClient } from '@loyaltystudio/prisma';

export type Tx = Prisma.TransactionClient;

export interface TenantTxOptions {
  isolationLevel?: Prisma.TransactionIsolationLevel;
  /** Longest the transaction may run, in ms. */
  timeoutMs?: number;
}

/**
 * Sets the role and the tenant for the rest of the transaction. `tenantSet` is the tenant id followed by `proof`, so
 * only a statement that ran these settings can return it.
 */
function tenantSettings(tenantId: string, proof = ''): Prisma.Sql {
  return Prisma.sql`SELECT set_config('role', 'monet_app', true) AS role,
    set_config('app.tenant_id', ${tenantId}, true) || ${proof}::text AS "tenantSet"`;
}

function transaction<T>(prisma: PrismaClient, fn: (tx: Tx) => Promise<T>, opts: TenantTxOptions): Promise<T> {
  return prisma.$transaction(fn, {
    isolationLevel: opts.isolationLevel,
    timeout: opts.timeoutMs ?? 10_000,
    maxWait: 5_000,
  });
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
  return transaction(
    prisma,
    async (tx) => {
      await tx.$queryRaw(tenantSettings(tenantId));
      return fn(tx);
    },
    opts,
  );
}

/**
 * The first statement of `withTenantFirst`, also for a caller that runs it on another driver (the benchmark): its
 * row's `tenantSet` must equal `tenantId + proof`.
 */
export function tenantFirstStatement(
  tenantId: string,
  first: (tenantCte: Prisma.Sql) => Prisma.Sql,
  proof: string = randomUUID(),
): { statement: Prisma.Sql; tenantSet: string } {
  return { statement: first(Prisma.sql`tenant AS (${tenantSettings(tenantId, proof)})`), tenantSet: tenantId + proof };
}

/**
 * Like `withTenant`, one round trip shorter for hot paths: the settings ride in the transaction's first statement,
 * which `first` builds around them as a CTE named `tenant` (it must select `tenant."tenantSet"` as `"tenantSet"`,
 * and return exactly one row). That statement itself runs before the settings apply, so it is not under row-level
 * security: it must filter every table by tenant itself. Every later statement is, as with `withTenant`.
 */
export function withTenantFirst<R, T>(
  prisma: PrismaClient,
  tenantId: string,
  first: (tenantCte: Prisma.Sql) => Prisma.Sql,
  fn: (tx: Tx, row: R) => Promise<T>,
  opts: TenantTxOptions = {},
): Promise<T> {
  return transaction(
    prisma,
    async (tx) => {
      const { statement, tenantSet } = tenantFirstStatement(tenantId, first);
      const rows = await tx.$queryRaw<(R & { tenantSet: string })[]>(statement);
      if (rows.length !== 1 || rows[0]?.tenantSet !== tenantSet) {
        throw new Error('the first statement of a tenant transaction must set the tenant and return one row');
      }
      return fn(tx, rows[0]);
    },
    opts,
  );
}

/**
 * Runs `fn` in a savepoint of the caller's transaction: if it throws, its statements alone are rolled back, the
 * transaction goes on, and the error propagates. For work that must fail item by item within one transaction.
 */
export async function inSavepoint<T>(tx: Tx, fn: () => Promise<T>): Promise<T> {
  await tx.$executeRaw`SAVEPOINT item`;
  try {
    const result = await fn();
    await tx.$executeRaw`RELEASE SAVEPOINT item`;
    return result;
  } catch (err) {
    await tx.$executeRaw`ROLLBACK TO SAVEPOINT item`;
    throw err;
  }
}
