import type { PrismaClient, GuestPurchase as Row } from '@loyaltystudio/prisma';
import { Compile } from 'typebox/compile';
import type { AuthContext } from '../../auth/context.ts';
import { AppError, InvalidRequestError, NotFoundError, UnprocessableError } from '../../errors.ts';
import { batchAnswer, checkItem, failedItem, type UnexpectedItemError } from '../../infra/batch.ts';
import {
  claimKey,
  type IdempotentResult,
  idempotent,
  replay,
  requestHash,
  saveResponse,
} from '../../infra/idempotency.ts';
import { decodeCursor, page } from '../../infra/pagination.ts';
import { inSavepoint, type Tx, withTenant } from '../../infra/tenant-tx.ts';
import {
  type NewGuestPurchase,
  type OccurredKey,
  guestPurchasesRepository as repo,
} from './guest-purchases.repository.ts';
import {
  type BatchResult,
  type GuestPurchase,
  type GuestPurchaseQuery,
  RecordGuestPurchase,
} from './guest-purchases.schemas.ts';

const checkPurchase = Compile(RecordGuestPurchase);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Clock skew allowed between the merchant's till and Monet before a purchase counts as dated in the future. */
const FUTURE_SKEW_MS = 5 * 60_000;

/** An item's outcome: stored (201) or found stored (200), or its error (an AppError, or an unexpected one). */
type Outcome = { status: 200 | 201; purchase: GuestPurchase } | { error: unknown };

/** A checked purchase with its program, or the problem that fails it. */
type Resolved = { input: RecordGuestPurchase; programId: string } | AppError;

function toPurchase(row: Row): GuestPurchase {
  return {
    id: row.id,
    programId: row.programId,
    externalId: row.externalId,
    customerRef: row.customerRef,
    occurredAt: row.occurredAt.toISOString(),
    amountMinor: row.amountMinor,
    currency: row.currency,
    channel: row.channel,
    createdAt: row.createdAt.toISOString(),
  };
}

/** An AppError as a value (an item's problem); anything else is a fault and propagates. */
function asProblem(err: unknown): AppError {
  if (err instanceof AppError) return err;
  throw err;
}

/** Input rules the schema cannot express. */
function checkShape(input: RecordGuestPurchase, at: string, now: number): void {
  if (Date.parse(input.occurredAt) > now + FUTURE_SKEW_MS) {
    throw new InvalidRequestError([{ path: `${at}.occurredAt`, message: 'is in the future' }]);
  }
}

export function createGuestPurchasesService(prisma: PrismaClient) {
  /** The program a purchase is recorded in: the one named, or the tenant's only active program. */
  async function programOf(tx: Tx, tenantId: string, programId: string | null): Promise<string> {
    const rows = await repo.programs(tx, tenantId, programId);
    if (programId !== null) {
      const program = rows[0];
      if (!program) throw new NotFoundError(`Program ${programId}`);
      if (program.status !== 'active') {
        throw new UnprocessableError('program-archived', `Program ${programId} is archived.`);
      }
      return program.id;
    }
    if (rows.length !== 1) {
      throw new UnprocessableError(
        'program-required',
        rows.length === 0
          ? 'The tenant has no active program.'
          : 'The tenant has several active programs: name one with programId.',
      );
    }
    return rows[0]!.id;
  }

  /** Each purchase with its program; few distinct programs per call, each looked up once, in turn. */
  async function resolve(tx: Tx, tenantId: string, inputs: (RecordGuestPurchase | AppError)[]): Promise<Resolved[]> {
    const programs = new Map<string, string | AppError>();
    for (const input of inputs) {
      if (input instanceof AppError) continue;
      const named = input.programId ?? null;
      if (programs.has(named ?? '')) continue;
      programs.set(named ?? '', await programOf(tx, tenantId, named).catch(asProblem));
    }
    return inputs.map((input) => {
      if (input instanceof AppError) return input;
      const program = programs.get(input.programId ?? '')!;
      return program instanceof AppError ? program : { input, programId: program };
    });
  }

  /**
   * Stores the purchases whose external id is new to the tenant, in one statement; the others (and a repeat of
   * an external id within the same call) answer the stored row with 200. A problem with one item fails it alone.
   */
  async function store(tx: Tx, tenantId: string, resolved: Resolved[]): Promise<Outcome[]> {
    const fresh = new Map<string, NewGuestPurchase>();
    for (const item of resolved) {
      if (item instanceof AppError || fresh.has(item.input.externalId)) continue;
      const { input, programId } = item;
      fresh.set(input.externalId, {
        tenantId,
        programId,
        externalId: input.externalId,
        customerRef: input.customerRef ?? null,
        occurredAt: new Date(input.occurredAt),
        amountMinor: input.amountMinor,
        currency: input.currency,
        channel: input.channel ?? null,
      });
    }
    const inserted = new Map((await repo.insertNew(tx, [...fresh.values()])).map((r) => [r.externalId, r]));
    const missing = [...fresh.keys()].filter((id) => !inserted.has(id));
    const stored = new Map(
      (missing.length ? await repo.byExternalIds(tx, tenantId, missing) : []).map((r) => [r.externalId, r]),
    );
    return resolved.map((item) => {
      if (item instanceof AppError) return { error: item };
      const row = inserted.get(item.input.externalId);
      if (row && fresh.delete(item.input.externalId)) return { status: 201, purchase: toPurchase(row) };
      return { status: 200, purchase: toPurchase(row ?? stored.get(item.input.externalId)!) };
    });
  }

  /** Like `store`, one purchase at a time, each in a savepoint: an item that fails, for any reason, fails alone. */
  async function storeEach(tx: Tx, tenantId: string, resolved: Resolved[]): Promise<Outcome[]> {
    const outcomes: Outcome[] = [];
    for (const item of resolved) {
      if (item instanceof AppError) outcomes.push({ error: item });
      else
        outcomes.push(
          await inSavepoint(tx, () => store(tx, tenantId, [item])).then(
            (o) => o[0]!,
            (error) => ({ error }),
          ),
        );
    }
    return outcomes;
  }

  return {
    /** One purchase: 201 when recorded, 200 with the stored purchase when its external id was recorded before. */
    async record(
      auth: AuthContext,
      input: RecordGuestPurchase,
      idempotencyKey: string,
    ): Promise<IdempotentResult<GuestPurchase>> {
      checkShape(input, 'body', Date.now());
      const args = { tenantId: auth.tenantId, key: idempotencyKey, operation: 'POST /v1/guest-purchases', body: input };
      return withTenant(prisma, auth.tenantId, (tx) =>
        idempotent(tx, args, async () => {
          const [outcome] = await store(tx, auth.tenantId, await resolve(tx, auth.tenantId, [input]));
          if (!outcome || 'error' in outcome) throw outcome?.error ?? new Error('no outcome for the purchase');
          return { status: outcome.status, body: outcome.purchase };
        }),
      );
    },

    /**
     * Up to MAX_BATCH purchases under one Idempotency-Key (docs/batches.md): each answers the status and problem
     * it would have had alone, and one that fails writes nothing. All of them go in one transaction and one
     * INSERT; should that transaction fail unexpectedly, it is rolled back and the batch runs again purchase by
     * purchase (each in a savepoint), so only the purchase at fault fails, with 500 (its error handed to
     * `onUnexpected`). The answer is stored under the key: a retry with it replays the purchases that succeeded
     * and runs the failed ones again.
     */
    async recordBatch(
      auth: AuthContext,
      items: unknown[],
      idempotencyKey: string,
      onUnexpected?: UnexpectedItemError,
    ): Promise<IdempotentResult<BatchResult>> {
      const now = Date.now();
      const tenantId = auth.tenantId;
      const args = { tenantId, key: idempotencyKey, operation: 'POST /v1/guest-purchases:batch', body: items };
      const hash = requestHash(items);
      const inputs = items.map((item, index) => {
        const at = `body.purchases.${index}`;
        try {
          const input = checkItem(checkPurchase, item, at);
          checkShape(input, at, now);
          return input;
        } catch (err) {
          return asProblem(err);
        }
      });
      const run = (oneByOne: boolean) =>
        withTenant(
          prisma,
          tenantId,
          async (tx): Promise<IdempotentResult<BatchResult>> => {
            const [claimed] = await tx.$queryRaw<{ claimed: boolean }[]>(claimKey(args, hash));
            const before = claimed ? null : await replay<BatchResult>(tx, args, hash);
            if (before && before.body.failed === 0) return before;
            // A retry runs again the purchases that failed; the others keep the outcome they had.
            const pending = inputs.flatMap((input, index) =>
              before && before.body.items[index]!.status < 300 ? [] : [{ index, input }],
            );
            const resolved = await resolve(
              tx,
              tenantId,
              pending.map((p) => p.input),
            );
            const outcomes = oneByOne ? await storeEach(tx, tenantId, resolved) : await store(tx, tenantId, resolved);
            const items: BatchResult['items'] = before ? [...before.body.items] : [];
            for (const [i, { index }] of pending.entries()) {
              const outcome = outcomes[i]!;
              items[index] =
                'error' in outcome
                  ? failedItem(index, outcome.error, onUnexpected)
                  : { index, status: outcome.status, result: outcome.purchase };
            }
            const body = batchAnswer(items);
            await tx.$executeRaw(saveResponse({ tenantId, key: idempotencyKey, status: 200, body }));
            return { status: 200, body, replayed: before !== null };
          },
          { timeoutMs: oneByOne ? 60_000 : 10_000 },
        );
      try {
        return await run(false);
      } catch (err) {
        if (err instanceof AppError) throw err;
        onUnexpected?.(err, null);
        return run(true);
      }
    },

    /** Newest first (by when they occurred), with an optional date range, program and customer. */
    async list(auth: AuthContext, query: GuestPurchaseQuery) {
      if (query.from && query.to && Date.parse(query.from) >= Date.parse(query.to)) {
        throw new InvalidRequestError([{ path: 'querystring.to', message: 'must be after from' }]);
      }
      const limit = query.limit ?? 50;
      const after = decodeCursor<OccurredKey>(query.cursor, { occurredAt: 'string', id: 'string' });
      if (after && (Number.isNaN(Date.parse(after.occurredAt)) || !UUID.test(after.id))) {
        throw new InvalidRequestError([
          { path: 'querystring.cursor', message: 'is not a cursor this endpoint issued' },
        ]);
      }
      const rows = await withTenant(prisma, auth.tenantId, (tx) =>
        repo.list(tx, auth.tenantId, query, limit + 1, after),
      );
      const result = page(rows, limit, (r) => ({ occurredAt: r.occurredAt.toISOString(), id: r.id }));
      return { items: result.items.map(toPurchase), nextCursor: result.nextCursor };
    },
  };
}

export type GuestPurchasesService = ReturnType<typeof createGuestPurchasesService>;
