import { randomBytes } from 'node:crypto';
import type { PrismaClient, WebhookEndpoint } from '@loyaltystudio/prisma';
import type { AuthContext } from '../../auth/context.ts';
import { InvalidRequestError, NotFoundError } from '../../errors.ts';
import { audit } from '../../infra/audit.ts';
import { decodeCursor, page } from '../../infra/pagination.ts';
import { withTenant } from '../../infra/tenant-tx.ts';
import type { EventType } from './outbox.ts';
import { type DeliveryOptions, sendWebhook } from './webhooks.delivery.ts';
import { RefusedDestinationError, resolveDestination } from './webhooks.destination.ts';
import { type DeliveryRow, webhooksRepository as repo } from './webhooks.repository.ts';
import type {
  CreateEndpoint,
  Delivery,
  DeliveryDetail,
  DeliveryQuery,
  Endpoint,
  EndpointWithSecret,
  UpdateEndpoint,
} from './webhooks.schemas.ts';
import type { WebhookSettings } from './webhooks.settings.ts';

export const SECRET_PREFIX = 'whsec_';

function newSecret(): string {
  return SECRET_PREFIX + randomBytes(24).toString('base64url');
}

/** Never carries the secret: this is what lists, reads and the audit log see. */
export function toEndpoint(row: WebhookEndpoint): Endpoint {
  return {
    id: row.id,
    url: row.url,
    eventTypes: row.eventTypes as Endpoint['eventTypes'],
    enabled: row.enabled,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    disabledAt: row.disabledAt?.toISOString() ?? null,
  };
}

function toDelivery(row: DeliveryRow): Delivery {
  return {
    id: row.id,
    endpointId: row.endpointId,
    eventId: row.eventId,
    eventType: row.eventType as EventType,
    status: row.status,
    attemptCount: row.attempts,
    nextAttemptAt: row.nextAttemptAt.toISOString(),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** Refused at registration: the same reasons every attempt refuses a destination for, worded for the form. */
const HTTP_ONLY_LOOPBACK = 'must be an https URL (http is accepted only for loopback addresses)';
const NOT_PUBLIC =
  'must reach a public address: loopback, private, link-local, shared (CGNAT), reserved and cloud metadata ' +
  'addresses are refused';

/**
 * https to a public address; where the settings allow loopback (development), http or https to a loopback address.
 * An IP literal or a metadata host is judged as it is, a name by resolving it now (within `timeoutMs`). A name that
 * does not resolve yet is taken. This gives the tenant a clear answer early; the guard is the same check made again
 * before every attempt, on the addresses the attempt connects to (sendWebhook).
 */
export async function checkEndpointUrl(raw: string, policy: DeliveryOptions): Promise<void> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new InvalidRequestError([{ path: 'body.url', message: 'is not a URL' }]);
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && policy.allowLoopback)) {
    throw new InvalidRequestError([
      { path: 'body.url', message: policy.allowLoopback ? HTTP_ONLY_LOOPBACK : 'must be an https URL' },
    ]);
  }
  try {
    await resolveDestination(url, policy, AbortSignal.timeout(policy.timeoutMs));
  } catch (err) {
    if (!(err instanceof RefusedDestinationError)) return;
    throw new InvalidRequestError([
      { path: 'body.url', message: url.protocol === 'http:' ? HTTP_ONLY_LOOPBACK : NOT_PUBLIC },
    ]);
  }
}

export function createWebhooksService(prisma: PrismaClient, settings: WebhookSettings) {
  async function detail(auth: AuthContext, id: string): Promise<DeliveryDetail> {
    return withTenant(prisma, auth.tenantId, async (tx) => {
      const row = await repo.findDelivery(tx, auth.tenantId, id);
      if (!row) throw new NotFoundError(`Webhook delivery ${id}`);
      const attempts = await repo.listAttempts(tx, auth.tenantId, id);
      return {
        ...toDelivery(row),
        event: {
          id: row.eventId,
          type: row.eventType as EventType,
          createdAt: row.eventCreatedAt.toISOString(),
          data: row.payload as Record<string, unknown>,
        },
        attempts: attempts.map((a) => ({
          id: a.id,
          attemptedAt: a.attemptedAt.toISOString(),
          statusCode: a.statusCode,
          durationMs: a.durationMs,
          error: a.error,
          responseBody: a.responseBody,
        })),
      };
    });
  }

  return {
    async createEndpoint(auth: AuthContext, input: CreateEndpoint): Promise<EndpointWithSecret> {
      await checkEndpointUrl(input.url, settings);
      return withTenant(prisma, auth.tenantId, async (tx) => {
        const enabled = input.enabled ?? true;
        const row = await repo.createEndpoint(tx, {
          tenantId: auth.tenantId,
          url: input.url,
          eventTypes: input.eventTypes,
          enabled,
          disabledAt: enabled ? null : new Date(),
          secret: newSecret(),
        });
        const endpoint = toEndpoint(row);
        await audit(tx, auth, {
          action: 'webhook_endpoint.create',
          entityType: 'webhook_endpoint',
          entityId: row.id,
          after: endpoint,
        });
        return { ...endpoint, secret: row.secret };
      });
    },

    async getEndpoint(auth: AuthContext, id: string): Promise<Endpoint> {
      const row = await withTenant(prisma, auth.tenantId, (tx) => repo.findEndpoint(tx, auth.tenantId, id));
      if (!row) throw new NotFoundError(`Webhook endpoint ${id}`);
      return toEndpoint(row);
    },

    async listEndpoints(auth: AuthContext, query: { limit?: number; cursor?: string }) {
      const limit = query.limit ?? 50;
      const after = decodeCursor<{ createdAt: string; id: string }>(query.cursor, {
        createdAt: 'string',
        id: 'string',
      });
      const rows = await withTenant(prisma, auth.tenantId, (tx) =>
        repo.listEndpoints(tx, auth.tenantId, limit + 1, after),
      );
      const result = page(rows, limit, (r) => ({ createdAt: r.createdAt.toISOString(), id: r.id }));
      return { items: result.items.map(toEndpoint), nextCursor: result.nextCursor };
    },

    async updateEndpoint(auth: AuthContext, id: string, input: UpdateEndpoint): Promise<Endpoint> {
      if (input.url !== undefined) await checkEndpointUrl(input.url, settings);
      return withTenant(prisma, auth.tenantId, async (tx) => {
        const before = await repo.findEndpoint(tx, auth.tenantId, id);
        if (!before) throw new NotFoundError(`Webhook endpoint ${id}`);
        const enabledChange =
          input.enabled === undefined || input.enabled === before.enabled
            ? {}
            : { enabled: input.enabled, disabledAt: input.enabled ? null : new Date() };
        const after = await repo.updateEndpoint(tx, auth.tenantId, id, {
          url: input.url,
          eventTypes: input.eventTypes,
          ...enabledChange,
        });
        await audit(tx, auth, {
          action: 'webhook_endpoint.update',
          entityType: 'webhook_endpoint',
          entityId: id,
          before: toEndpoint(before),
          after: toEndpoint(after),
        });
        return toEndpoint(after);
      });
    },

    async deleteEndpoint(auth: AuthContext, id: string): Promise<void> {
      await withTenant(prisma, auth.tenantId, async (tx) => {
        const before = await repo.findEndpoint(tx, auth.tenantId, id);
        if (!before) throw new NotFoundError(`Webhook endpoint ${id}`);
        await repo.deleteEndpoint(tx, auth.tenantId, id);
        await audit(tx, auth, {
          action: 'webhook_endpoint.delete',
          entityType: 'webhook_endpoint',
          entityId: id,
          before: toEndpoint(before),
        });
      });
    },

    /** A new secret takes effect for the next attempt; the old one stops signing at once. */
    async rotateSecret(auth: AuthContext, id: string): Promise<EndpointWithSecret> {
      return withTenant(prisma, auth.tenantId, async (tx) => {
        const before = await repo.findEndpoint(tx, auth.tenantId, id);
        if (!before) throw new NotFoundError(`Webhook endpoint ${id}`);
        const row = await repo.updateEndpoint(tx, auth.tenantId, id, { secret: newSecret() });
        await audit(tx, auth, {
          action: 'webhook_endpoint.rotate_secret',
          entityType: 'webhook_endpoint',
          entityId: id,
        });
        return { ...toEndpoint(row), secret: row.secret };
      });
    },

    async listDeliveries(auth: AuthContext, query: DeliveryQuery) {
      const limit = query.limit ?? 50;
      const before = decodeCursor<{ createdAt: string; id: string }>(query.cursor, {
        createdAt: 'string',
        id: 'string',
      });
      const rows = await withTenant(prisma, auth.tenantId, (tx) =>
        repo.listDeliveries(tx, auth.tenantId, query, limit + 1, before),
      );
      const result = page(rows, limit, (r) => ({ createdAt: r.createdAt.toISOString(), id: r.id }));
      return { items: result.items.map(toDelivery), nextCursor: result.nextCursor };
    },

    getDelivery: detail,

    /**
     * Sends the delivery again now, whatever its status, and logs the attempt like any other. Success marks it
     * succeeded; a failure leaves its status and retry schedule as they were.
     */
    async replay(auth: AuthContext, id: string): Promise<DeliveryDetail> {
      const target = await withTenant(prisma, auth.tenantId, async (tx) => {
        const delivery = await repo.findDelivery(tx, auth.tenantId, id);
        if (!delivery) throw new NotFoundError(`Webhook delivery ${id}`);
        const endpoint = await repo.findEndpoint(tx, auth.tenantId, delivery.endpointId);
        if (!endpoint) throw new NotFoundError(`Webhook delivery ${id}`);
        return { delivery, endpoint };
      });
      const { delivery, endpoint } = target;
      const result = await sendWebhook(
        endpoint.url,
        endpoint.secret,
        {
          eventId: delivery.eventId,
          type: delivery.eventType,
          createdAt: delivery.eventCreatedAt,
          tenantId: delivery.tenantId,
          data: delivery.payload,
        },
        settings,
      );
      await withTenant(prisma, auth.tenantId, async (tx) => {
        await repo.recordAttempt(tx, auth.tenantId, id, result, { keepStatus: true });
        await audit(tx, auth, {
          action: 'webhook_delivery.replay',
          entityType: 'webhook_delivery',
          entityId: id,
          after: { statusCode: result.statusCode, error: result.error, durationMs: result.durationMs },
        });
      });
      return detail(auth, id);
    },
  };
}

export type WebhooksService = ReturnType<typeof createWebhooksService>;
