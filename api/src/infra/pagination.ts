import { Type } from 'typebox';
import { InvalidRequestError } from '../errors.ts';

/** Query parameters of every list endpoint. */
export const PageQuery = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50, description: 'Items per page' })),
  cursor: Type.Optional(Type.String({ maxLength: 512, description: 'The `nextCursor` of the previous page' })),
};

/** Opaque cursors: base64url JSON of the last item's sort key. */
export function encodeCursor(key: Record<string, string | number>): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor<K extends Record<string, string | number>>(
  cursor: string | undefined,
  fields: { [F in keyof K]: 'string' | 'number' },
): K | undefined {
  if (cursor === undefined) return undefined;
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Record<string, unknown>;
    for (const [field, type] of Object.entries(fields)) {
      if (typeof value[field] !== type) throw new Error(field);
    }
    return value as K;
  } catch {
    throw new InvalidRequestError([{ path: 'querystring.cursor', message: 'is not a cursor this endpoint issued' }]);
  }
}

/** Takes one more row than the page holds to know whether another page follows. */
export function page<T>(rows: T[], limit: number, keyOf: (row: T) => Record<string, string | number>) {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(keyOf(last)) : null };
}

/** The sort key of lists in creation order. */
export interface CreatedKey {
  createdAt: string;
  id: string;
}

/**
 * Prisma `findMany` arguments of a page ordered by a time column, then id (oldest first by default), after the
 * cursor's key, with the query's own filters.
 */
export function timeOrderPage<C extends 'createdAt' | 'effectiveAt', W extends object>(
  column: C,
  after: ({ [K in C]: string } & { id: string }) | undefined,
  take: number,
  where: W,
  direction: 'asc' | 'desc' = 'asc',
) {
  const beyond = direction === 'asc' ? 'gt' : 'lt';
  const keyset = after
    ? {
        OR: [
          { [column]: { [beyond]: new Date(after[column]) } },
          { [column]: new Date(after[column]), id: { [beyond]: after.id } },
        ],
      }
    : {};
  return {
    where: { ...where, ...keyset },
    orderBy: [{ [column]: direction }, { id: direction }],
    take,
  };
}

/** A page in creation order (createdAt, then id). */
export function createdOrderPage<W extends object>(
  after: CreatedKey | undefined,
  take: number,
  where: W,
  direction: 'asc' | 'desc' = 'asc',
) {
  return timeOrderPage('createdAt', after, take, where, direction);
}

/**
 * One page of a list in creation order, as the list endpoints answer it: the cursor checked and decoded, one row
 * more than the page read (to know whether another follows), the rows mapped to their API shape.
 */
export async function createdOrderList<R extends { createdAt: Date; id: string }, T>(
  query: { limit?: number; cursor?: string },
  read: (take: number, after: CreatedKey | undefined) => Promise<R[]>,
  toItem: (row: R) => T,
): Promise<{ items: T[]; nextCursor: string | null }> {
  const limit = query.limit ?? 50;
  const after = decodeCursor<{ createdAt: string; id: string }>(query.cursor, { createdAt: 'string', id: 'string' });
  const result = page(await read(limit + 1, after), limit, (r) => ({ createdAt: r.createdAt.toISOString(), id: r.id }));
  return { items: result.items.map(toItem), nextCursor: result.nextCursor };
}
