import type { PrismaClient, GuestPurchase as Row } from '@loyaltystudio/prisma';
import { Compile } from 'typebox/compile';
import type { AuthContext } from '../../auth/context.ts';
import { AppError, InvalidRequestError, NotFoundError, UnprocessableError } from '../../errors.ts';
import { type IdempotentResult, idempotent } from '../../infra/idempotency.ts';
import { decodeCursor, page } from '../../infra/pagination.ts';
import { type Tx, withTenant } from '../../infra/tenant-tx.ts';
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

type Outcome = { status: 200 | 201; purchase: GuestPurchase } | { error: AppError };

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

/** A batch item checked against the schema, with the path of every field at fault. */
function parseItem(item: unknown, at: string): RecordGuestPurchase {
  if (checkPurchase.Check(item)) return item;
  throw new InvalidRequestError(
    [...checkPurchase.Errors(item)]
      .filter((e) => e.keyword !== 'boolean')
      .map((e) =>
        e.keyword === 'additionalProperties'
          ? {
              path: `${at}.${(e.params as { additionalProperties: string[] }).additionalProperties[0]}`,
              message: 'is not a known field',
            }
          : { path: `${at}${e.instancePath.replaceAll('/', '.')}`, message: e.message },
      ),
  );
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

  /**
   * Stores the purchases whose external id is new to the tenant, in one statement; the others (and a repeat of
   * an external id within the same call) answer the stored row with 200. A problem with one item fails it alone.
   */
  async function store(tx: Tx, tenantId: string, inputs: (RecordGuestPurchase | AppError)[]): Promise<Outcome[]> {
    // Few distinct programs per call: each is looked up once, in turn (one connection serves the transaction).
    const programs = new Map<string, string | AppError>();
    for (const input of inputs) {
      if (input instanceof AppError) continue;
      const named = input.programId ?? null;
      if (programs.has(named ?? '')) continue;
      programs.set(named ?? '', await programOf(tx, tenantId, named).catch(asProblem));
    }
    const resolved = inputs.map((input) => {
      if (input instanceof AppError) return input;
      const program = programs.get(input.programId ?? '')!;
      return program instanceof AppError ? program : { input, programId: program };
    });
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
          const [outcome] = await store(tx, auth.tenantId, [input]);
          if (!outcome || 'error' in outcome) throw outcome?.error ?? new Error('no outcome for the purchase');
          return { status: outcome.status, body: outcome.purchase };
        }),
      );
    },

    /**
     * Up to MAX_BATCH purchases in one transaction under one Idempotency-Key: a bad item fails alone with the
     * status and problem it would have had on its own; a retry with the same key replays the whole answer.
     */
    async recordBatch(
      auth: AuthContext,
      items: unknown[],
      idempotencyKey: string,
    ): Promise<IdempotentResult<BatchResult>> {
      const now = Date.now();
      const args = {
        tenantId: auth.tenantId,
        key: idempotencyKey,
        operation: 'POST /v1/guest-purchases:batch',
        body: items,
      };
      return withTenant(prisma, auth.tenantId, (tx) =>
        idempotent(tx, args, async () => {
          const inputs = items.map((item, index) => {
            const at = `body.purchases.${index}`;
            try {
              const input = parseItem(item, at);
              checkShape(input, at, now);
              return input;
            } catch (err) {
              return asProblem(err);
            }
          });
          const outcomes = await store(tx, auth.tenantId, inputs);
          const results: BatchResult['items'] = outcomes.map((o, index) =>
            'error' in o
              ? {
                  index,
                  status: o.error.status,
                  problem: { type: o.error.type, title: o.error.title, detail: o.error.message, ...o.error.extensions },
                }
              : { index, status: o.status, result: o.purchase },
          );
          const succeeded = results.filter((r) => r.status < 300).length;
          return { status: 200, body: { succeeded, failed: results.length - succeeded, items: results } };
        }),
      );
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
