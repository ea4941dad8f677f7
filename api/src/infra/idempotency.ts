import { createHash } from 'node:crypto';
import { Prisma, type PrismaClient } from '@loyaltystudio/prisma';
import { UnprocessableError } from '../errors.ts';
import { deleteInBatches } from './batch-delete.ts';
import type { Tx } from './tenant-tx.ts';

export interface IdempotentResult<B> {
  status: number;
  body: B;
  /** True when this is the stored response of an earlier request with the same key. */
  replayed: boolean;
}

/** Keys are kept this long; a retry after that runs again. */
const RETENTION_HOURS = 24;

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export function requestHash(body: unknown): string {
  return createHash('sha256').update(canonical(body)).digest('hex');
}

export interface IdempotencyArgs {
  tenantId: string;
  key: string;
  operation: string;
  body: unknown;
}

/**
 * Claims the key for this request: inserts its row, or waits for a concurrent request holding it and then does
 * nothing. Returns one row (`claimed`) only when this request claimed it. A statement of its own, or a CTE of a
 * hot path's first statement.
 */
export function claimKey(args: IdempotencyArgs, hash: string): Prisma.Sql {
  return Prisma.sql`
    INSERT INTO idempotency_keys (tenant_id, key, operation, request_hash, response_status, response_body, expires_at)
    VALUES (${args.tenantId}::uuid, ${args.key}, ${args.operation}, ${hash}, 0, 'null'::jsonb,
            now() + make_interval(hours => ${RETENTION_HOURS}))
    ON CONFLICT (tenant_id, key) DO NOTHING
    RETURNING true AS claimed`;
}

/**
 * `claimKey` for many requests of one tenant and operation at once: `requests` is a relation with the columns `key`
 * and `hash`. Keys are inserted in key order, so two statements claiming overlapping keys wait for each other in
 * one order. Returns the claimed keys.
 */
export function claimKeys(tenantId: string, operation: string, requests: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
    INSERT INTO idempotency_keys (tenant_id, key, operation, request_hash, response_status, response_body, expires_at)
    SELECT ${tenantId}::uuid, r.key, ${operation}, r.hash, 0, 'null'::jsonb, now() + make_interval(hours => ${RETENTION_HOURS})
    FROM ${requests} r ORDER BY r.key
    ON CONFLICT (tenant_id, key) DO NOTHING
    RETURNING key`;
}

/** The response stored for a claimed key. */
export interface SavedResponse {
  tenantId: string;
  key: string;
  status: number;
  body: unknown;
}

/** Stores the response of the request that claimed the key, if `onlyIf` holds; a statement of its own or a CTE. */
export function saveResponse(r: SavedResponse, onlyIf: Prisma.Sql = Prisma.sql`true`): Prisma.Sql {
  return Prisma.sql`
    UPDATE idempotency_keys SET response_status = ${r.status}::int, response_body = ${JSON.stringify(r.body)}::jsonb
    WHERE tenant_id = ${r.tenantId}::uuid AND key = ${r.key} AND ${onlyIf}`;
}

/** For a key another request claimed: its stored response, or 422 when that request was another. */
export async function replay<B>(tx: Tx, args: IdempotencyArgs, hash: string): Promise<IdempotentResult<B>> {
  const stored = await tx.idempotencyKey.findUniqueOrThrow({
    where: { tenantId_key: { tenantId: args.tenantId, key: args.key } },
  });
  if (stored.operation !== args.operation || stored.requestHash !== hash) {
    throw new UnprocessableError(
      'idempotency-key-reused',
      'This Idempotency-Key was used with a different request; use a new key for a new request.',
    );
  }
  return { status: stored.responseStatus, body: stored.responseBody as B, replayed: true };
}

/**
 * Runs `run` at most once per tenant and key, inside the caller's tenant transaction. The key row is inserted
 * first: a concurrent request with the same key waits on it, then replays the committed response. The same key
 * with another body (or on another operation) is refused with 422. If `run` throws, the transaction rolls back
 * and the key is free again, so a failed request can be retried.
 */
export async function idempotent<B>(
  tx: Tx,
  args: IdempotencyArgs,
  run: () => Promise<{ status: number; body: B }>,
): Promise<IdempotentResult<B>> {
  const hash = requestHash(args.body);
  const [claimed] = await tx.$queryRaw<{ claimed: boolean }[]>(claimKey(args, hash));
  if (!claimed) return replay(tx, args, hash);
  const result = await run();
  await tx.$executeRaw(saveResponse({ tenantId: args.tenantId, key: args.key, ...result }));
  return { ...result, replayed: false };
}

/** Keys deleted per statement by the cleanup pass. */
const CLEANUP_BATCH = 1000;

/**
 * Deletes keys past `expiresAt`, across tenants, in batches until none are left; returns how many. A retry with
 * such a key then runs as a new request, as the retention promises. Safe to run concurrently: rows another pass
 * holds are skipped, rows it deleted are not counted.
 */
export async function deleteExpiredIdempotencyKeys(
  prisma: PrismaClient,
  opts: { now: Date; batchSize?: number },
): Promise<{ deleted: number }> {
  const batch = opts.batchSize ?? CLEANUP_BATCH;
  // The owner connection sees every tenant's keys (row-level security binds the app role only).
  const deleted = await deleteInBatches(
    batch,
    () => prisma.$executeRaw`
      DELETE FROM idempotency_keys WHERE (tenant_id, key) IN (
        SELECT tenant_id, key FROM idempotency_keys WHERE expires_at <= ${opts.now}
        LIMIT ${batch} FOR UPDATE SKIP LOCKED)`,
  );
  return { deleted };
}
