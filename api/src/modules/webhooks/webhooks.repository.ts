import { Prisma, type PrismaClient } from '@loyaltystudio/prisma';
import { createdOrderPage } from '../../infra/pagination.ts';
import type { Tx } from '../../infra/tenant-tx.ts';
import type { AttemptResult } from './webhooks.delivery.ts';
import type { DeliveryQuery } from './webhooks.schemas.ts';

/** A tenant transaction, or the owner connection the dispatcher uses; every query names the tenant either way. */
export type Db = Tx | PrismaClient;

export interface DeliveryRow {
  id: string;
  tenantId: string;
  endpointId: string;
  eventId: string;
  eventType: string;
  status: 'pending' | 'succeeded' | 'failed';
  attempts: number;
  nextAttemptAt: Date;
  createdAt: Date;
  updatedAt: Date;
}

const deliveryColumns = Prisma.sql`
  d.id, d.tenant_id AS "tenantId", d.endpoint_id AS "endpointId", d.outbox_event_id AS "eventId",
  o.type AS "eventType", d.status::text AS status, d.attempts, d.next_attempt_at AS "nextAttemptAt",
  d.created_at AS "createdAt", d.updated_at AS "updatedAt"`;

/** How a failed attempt changes the delivery: retried after a delay until the last attempt, or left as it was. */
export type OnFailure = { retry: { maxAttempts: number; delayMs: number } } | { keepStatus: true };

export const webhooksRepository = {
  createEndpoint: (tx: Tx, data: Prisma.WebhookEndpointUncheckedCreateInput) => tx.webhookEndpoint.create({ data }),

  findEndpoint: (tx: Tx, tenantId: string, id: string) => tx.webhookEndpoint.findFirst({ where: { tenantId, id } }),

  listEndpoints: (tx: Tx, tenantId: string, limit: number, after?: { createdAt: string; id: string }) =>
    tx.webhookEndpoint.findMany(createdOrderPage(after, limit, { tenantId })),

  updateEndpoint: (tx: Tx, tenantId: string, id: string, data: Prisma.WebhookEndpointUpdateManyMutationInput) =>
    tx.webhookEndpoint.update({ where: { id, tenantId }, data }),

  /** The endpoint goes with its delivery log (disable it instead to keep the log). */
  async deleteEndpoint(tx: Tx, tenantId: string, id: string) {
    await tx.$executeRaw`
      DELETE FROM webhook_attempts a USING webhook_deliveries d
      WHERE a.delivery_id = d.id AND a.tenant_id = ${tenantId}::uuid
        AND d.tenant_id = ${tenantId}::uuid AND d.endpoint_id = ${id}::uuid`;
    await tx.webhookDelivery.deleteMany({ where: { tenantId, endpointId: id } });
    await tx.webhookEndpoint.delete({ where: { id, tenantId } });
  },

  listDeliveries: (
    tx: Tx,
    tenantId: string,
    query: DeliveryQuery,
    limit: number,
    before?: { createdAt: string; id: string },
  ) => {
    const filters = [Prisma.sql`d.tenant_id = ${tenantId}::uuid`];
    if (query.endpointId) filters.push(Prisma.sql`d.endpoint_id = ${query.endpointId}::uuid`);
    if (query.status) filters.push(Prisma.sql`d.status = ${query.status}::"DeliveryStatus"`);
    if (query.eventType) filters.push(Prisma.sql`o.type = ${query.eventType}`);
    if (before) {
      filters.push(Prisma.sql`(d.created_at, d.id) < (${new Date(before.createdAt)}::timestamptz, ${before.id}::uuid)`);
    }
    return tx.$queryRaw<DeliveryRow[]>`
      SELECT ${deliveryColumns}
      FROM webhook_deliveries d
      JOIN outbox_events o ON o.id = d.outbox_event_id AND o.tenant_id = d.tenant_id
      WHERE ${Prisma.join(filters, ' AND ')}
      ORDER BY d.created_at DESC, d.id DESC
      LIMIT ${limit}`;
  },

  async findDelivery(tx: Tx, tenantId: string, id: string) {
    const rows = await tx.$queryRaw<(DeliveryRow & { payload: unknown; eventCreatedAt: Date })[]>`
      SELECT ${deliveryColumns}, o.payload, o.created_at AS "eventCreatedAt"
      FROM webhook_deliveries d
      JOIN outbox_events o ON o.id = d.outbox_event_id AND o.tenant_id = d.tenant_id
      WHERE d.tenant_id = ${tenantId}::uuid AND d.id = ${id}::uuid`;
    return rows[0] ?? null;
  },

  listAttempts: (tx: Tx, tenantId: string, deliveryId: string) =>
    tx.webhookAttempt.findMany({
      where: { tenantId, deliveryId },
      orderBy: [{ attemptedAt: 'asc' }, { id: 'asc' }],
    }),

  /**
   * Logs one attempt and moves the delivery on, in one statement: nothing is logged for a delivery that was
   * deleted (with its endpoint) while the attempt was in flight.
   */
  async recordAttempt(db: Db, tenantId: string, deliveryId: string, result: AttemptResult, onFailure: OnFailure) {
    const [status, nextAttemptAt] =
      'retry' in onFailure
        ? [
            Prisma.sql`CASE WHEN ${result.ok} THEN 'succeeded'::"DeliveryStatus"
              WHEN attempts + 1 >= ${onFailure.retry.maxAttempts} THEN 'failed'::"DeliveryStatus"
              ELSE 'pending'::"DeliveryStatus" END`,
            Prisma.sql`CASE WHEN ${result.ok} OR attempts + 1 >= ${onFailure.retry.maxAttempts} THEN now()
              ELSE now() + make_interval(secs => ${onFailure.retry.delayMs}::double precision / 1000) END`,
          ]
        : [
            Prisma.sql`CASE WHEN ${result.ok} THEN 'succeeded'::"DeliveryStatus" ELSE status END`,
            Prisma.sql`next_attempt_at`,
          ];
    await db.$executeRaw`
      WITH d AS (
        UPDATE webhook_deliveries
        SET attempts = attempts + 1, status = ${status}, next_attempt_at = ${nextAttemptAt}, updated_at = now()
        WHERE id = ${deliveryId}::uuid AND tenant_id = ${tenantId}::uuid
        RETURNING id, tenant_id
      )
      INSERT INTO webhook_attempts (tenant_id, delivery_id, status_code, error, duration_ms, response_body)
      SELECT tenant_id, id, ${result.statusCode}::int, ${result.error}, ${result.durationMs}, ${result.responseBody}
      FROM d`;
  },
};
