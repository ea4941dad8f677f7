import type { FastifyBaseLogger } from 'fastify';
import { AppError, InvalidRequestError } from '../errors.ts';

/**
 * What the batch routes share (docs/batches.md): each item is checked and stored on its own, and answers the
 * status and problem it would have had alone; an item that fails writes nothing.
 */

/** The problem of a failed item: the fields of the problem+json it would have answered alone. */
export interface ItemProblem {
  type: string;
  title: string;
  detail: string;
  [extension: string]: unknown;
}

/**
 * Called with an unexpected error (not an AppError) so the route can log it, since the answer only says 500: an
 * item's (`index`), or, with `index` null, that of a write of the whole batch, which is then run item by item.
 */
export type UnexpectedItemError = (err: unknown, index: number | null) => void;

/** The routes' `UnexpectedItemError`: logs the error with the request. */
export function logUnexpected(log: FastifyBaseLogger): UnexpectedItemError {
  return (err, index) =>
    log.error(
      { err, index },
      index === null ? 'batch write failed unexpectedly; running it item by item' : 'batch item failed unexpectedly',
    );
}

/** A compiled item schema (typebox's `Compile`). */
interface ItemValidator<T> {
  Check(value: unknown): value is T;
  Errors(value: unknown): Iterable<{ keyword: string; instancePath: string; params: unknown; message: string }>;
}

/** A batch item checked against its schema, with the path of every field at fault (`body.<array>.<index>.…`). */
export function checkItem<T>(check: ItemValidator<T>, item: unknown, at: string): T {
  if (check.Check(item)) return item;
  throw new InvalidRequestError(
    [...check.Errors(item)]
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

/**
 * The outcome of an item that failed. An AppError is the item's own answer (its status and problem); anything else
 * is a fault of the api, not of the item: it is handed to `onUnexpected` and the item answers 500 `internal`, while
 * the other items keep their own outcomes.
 */
export function failedItem(
  index: number,
  err: unknown,
  onUnexpected: UnexpectedItemError | undefined,
): { index: number; status: number; problem: ItemProblem } {
  if (err instanceof AppError) {
    return {
      index,
      status: err.status,
      problem: { type: err.type, title: err.title, detail: err.message, ...err.extensions },
    };
  }
  onUnexpected?.(err, index);
  return {
    index,
    status: 500,
    problem: {
      type: 'internal',
      title: 'Internal Server Error',
      detail:
        'An unexpected error occurred; this item wrote nothing. Send the batch again with the same Idempotency-Key ' +
        'to run it again.',
    },
  };
}

/** The answer of a batch: how many items succeeded (2xx) and failed, and every item's outcome in order. */
export function batchAnswer<I extends { status: number }>(
  items: I[],
): { succeeded: number; failed: number; items: I[] } {
  const succeeded = items.filter((i) => i.status < 300).length;
  return { succeeded, failed: items.length - succeeded, items };
}
