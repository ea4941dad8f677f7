import type { AuthContext } from '../../auth/context.ts';
import { batchAnswer, checkItem, failedItem, type UnexpectedItemError } from '../../infra/batch.ts';
import { idempotent } from '../../infra/idempotency.ts';
import { withTenant } from '../../infra/tenant-tx.ts';
import { checkEvent, checkShape } from './events.checks.ts';
import type { EventsContext } from './events.context.ts';
import { recordEvent } from './events.record.ts';
import type { BatchResult } from './events.schemas.ts';

/**
 * Up to MAX_BATCH events (docs/batches.md), each checked and recorded on its own, in order, in its own
 * transaction under the key `<batch key>:<index>`: an event that fails writes nothing and answers, in its slot,
 * the status and problem it would have had alone, or 500 for an unexpected error (handed to `onUnexpected`).
 * A retry with the same key replays the events that succeeded (their keys hold their answers) and runs the
 * others again. The batch key itself is bound to the whole body: the same key with another batch is refused.
 */
export async function recordBatch(
  events: EventsContext,
  auth: AuthContext,
  items: unknown[],
  idempotencyKey: string,
  onUnexpected?: UnexpectedItemError,
): Promise<{ body: BatchResult; replayed: boolean }> {
  const batch = await withTenant(events.prisma, auth.tenantId, (tx) =>
    idempotent(
      tx,
      { tenantId: auth.tenantId, key: idempotencyKey, operation: 'POST /v1/events:batch', body: items },
      async () => ({ status: 200, body: { items: items.length } }),
    ),
  );
  const results: BatchResult['items'] = [];
  // In order, one at a time: events of one member in a batch keep their order, and the pool stays available.
  for (const [index, item] of items.entries()) {
    const at = `body.events.${index}`;
    try {
      const input = checkItem(checkEvent, item, at);
      checkShape(input, at);
      const done = await recordEvent(events, auth, input, `${idempotencyKey}:${index}`);
      results.push({ index, status: done.status, result: done.body });
    } catch (err) {
      results.push(failedItem(index, err, onUnexpected));
    }
  }
  return { body: batchAnswer(results), replayed: batch.replayed };
}
