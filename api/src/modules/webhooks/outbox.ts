import { Prisma } from '@loyaltystudio/prisma';
import type { Tx } from '../../infra/tenant-tx.ts';

/** Every event type the outbox carries; webhook endpoints subscribe to these (or to `*`). */
export const EVENT_TYPES = [
  'member.created',
  'points.earned',
  'points.reversed',
  'points.adjusted',
  'points.expired',
  'reward.redeemed',
  'redemption.fulfilled',
  'redemption.cancelled',
  'tier.changed',
] as const;

export type EventType = (typeof EVENT_TYPES)[number];

/** What JSON can carry: payloads are stored as jsonb and sent as they are, so no Dates, bigints or undefined. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type EventPayload = { [key: string]: JsonValue };

/**
 * Records a domain event in the caller's transaction: it is delivered if and only if the change commits.
 * The dispatcher fans it out to the tenant's subscribed webhook endpoints later.
 */
export async function emit(tx: Tx, tenantId: string, type: EventType, payload: EventPayload): Promise<{ id: string }> {
  return tx.outboxEvent.create({
    data: { tenantId, type, payload: payload as Prisma.InputJsonObject },
    select: { id: true },
  });
}

/** `emit` as SQL, for a CTE of a hot path's statement: inserts the event only if `onlyIf` holds. */
export function emitSql(
  tenantId: string,
  type: EventType,
  payload: EventPayload,
  onlyIf: Prisma.Sql = Prisma.sql`true`,
): Prisma.Sql {
  return Prisma.sql`
    INSERT INTO outbox_events (tenant_id, type, payload)
    SELECT ${tenantId}::uuid, ${type}, ${JSON.stringify(payload)}::jsonb WHERE ${onlyIf}`;
}
