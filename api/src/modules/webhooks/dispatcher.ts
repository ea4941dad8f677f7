import { setTimeout as sleep } from 'node:timers/promises';
import type { PrismaClient } from '@loyaltystudio/prisma';
import { retryDelayMs, sendWebhook } from './webhooks.delivery.ts';
import { webhooksRepository as repo } from './webhooks.repository.ts';
import type { WebhookSettings } from './webhooks.settings.ts';

interface ClaimedDelivery {
  id: string;
  tenantId: string;
  attempts: number;
  url: string;
  secret: string;
  eventId: string;
  type: string;
  payload: unknown;
  eventCreatedAt: Date;
}

export interface DispatcherLog {
  error(obj: object, msg: string): void;
}

/** Events fanned out per statement. */
const ROUTE_BATCH = 500;

/**
 * Delivers the outbox to webhook endpoints, in two steps that any number of api instances may run at once:
 * routing turns each new outbox event into one delivery per subscribed, enabled endpoint of the event's tenant;
 * delivery claims due deliveries, POSTs them, and logs each attempt. Both claim rows with FOR UPDATE SKIP LOCKED, so
 * two instances never take the same row. A claimed delivery is leased (its next_attempt_at moved past the attempt's
 * timeout), so one whose instance died mid-attempt is retried once the lease ends. It runs as the table owner,
 * outside tenant transactions, and every statement joins on the row's own tenant.
 */
export function createWebhookDispatcher(prisma: PrismaClient, settings: WebhookSettings, log?: DispatcherLog) {
  const leaseMs = settings.timeoutMs + 60_000;
  const inFlight = new Set<Promise<void>>();
  let loop: Promise<void> | null = null;
  let wake: AbortController | null = null;
  let stopping = false;

  /** Fans out new outbox events; answers how many it routed. */
  async function route(): Promise<number> {
    const rows = await prisma.$queryRaw<{ id: string }[]>`
      WITH ev AS (
        SELECT id, tenant_id, type FROM outbox_events
        WHERE routed_at IS NULL
        ORDER BY created_at
        LIMIT ${ROUTE_BATCH}
        FOR UPDATE SKIP LOCKED
      ), fanned AS (
        INSERT INTO webhook_deliveries (tenant_id, endpoint_id, outbox_event_id, updated_at)
        SELECT ev.tenant_id, e.id, ev.id, now()
        FROM ev JOIN webhook_endpoints e
          ON e.tenant_id = ev.tenant_id AND e.enabled AND (ev.type = ANY (e.event_types) OR '*' = ANY (e.event_types))
        ON CONFLICT (endpoint_id, outbox_event_id) DO NOTHING
      )
      UPDATE outbox_events o SET routed_at = now()
      FROM ev WHERE o.id = ev.id AND o.tenant_id = ev.tenant_id
      RETURNING o.id`;
    return rows.length;
  }

  /** Takes up to `limit` due deliveries of enabled endpoints, leasing them to this dispatcher. */
  function claim(limit: number): Promise<ClaimedDelivery[]> {
    return prisma.$queryRaw<ClaimedDelivery[]>`
      WITH due AS (
        SELECT d.id FROM webhook_deliveries d
        JOIN webhook_endpoints e ON e.id = d.endpoint_id AND e.tenant_id = d.tenant_id AND e.enabled
        WHERE d.status = 'pending' AND d.next_attempt_at <= now()
        ORDER BY d.next_attempt_at
        LIMIT ${limit}
        FOR UPDATE OF d SKIP LOCKED
      ), claimed AS (
        UPDATE webhook_deliveries d
        SET next_attempt_at = now() + make_interval(secs => ${leaseMs}::double precision / 1000), updated_at = now()
        FROM due WHERE d.id = due.id
        RETURNING d.id, d.tenant_id, d.endpoint_id, d.outbox_event_id, d.attempts
      )
      SELECT c.id, c.tenant_id AS "tenantId", c.attempts, e.url, e.secret, o.id AS "eventId", o.type, o.payload,
        o.created_at AS "eventCreatedAt"
      FROM claimed c
      JOIN webhook_endpoints e ON e.id = c.endpoint_id AND e.tenant_id = c.tenant_id
      JOIN outbox_events o ON o.id = c.outbox_event_id AND o.tenant_id = c.tenant_id`;
  }

  async function deliver(d: ClaimedDelivery): Promise<void> {
    const result = await sendWebhook(
      d.url,
      d.secret,
      { eventId: d.eventId, type: d.type, createdAt: d.eventCreatedAt, tenantId: d.tenantId, data: d.payload },
      settings,
    );
    const attempt = d.attempts + 1;
    await repo.recordAttempt(prisma, d.tenantId, d.id, result, {
      retry: {
        maxAttempts: settings.maxAttempts,
        delayMs: retryDelayMs(attempt, settings.backoffBaseMs, settings.backoffMaxMs),
      },
    });
  }

  function track(work: Promise<void>) {
    const p = work
      .catch((err) => log?.error({ err }, 'webhook delivery failed to record'))
      .finally(() => inFlight.delete(p));
    inFlight.add(p);
  }

  /** Routes, then starts as many due deliveries as there are free slots; answers whether it found work. */
  async function tick(): Promise<boolean> {
    const routed = await route();
    const free = settings.concurrency - inFlight.size;
    const claimed = free > 0 ? await claim(free) : [];
    for (const d of claimed) track(deliver(d));
    return routed > 0 || claimed.length > 0;
  }

  async function run() {
    while (!stopping) {
      let busy = false;
      try {
        busy = await tick();
      } catch (err) {
        log?.error({ err }, 'webhook dispatcher cycle failed');
      }
      if (stopping) break;
      // Loop at once while there is a backlog and room for it; otherwise wait for a slot or the next poll.
      if (busy && inFlight.size < settings.concurrency) continue;
      wake = new AbortController();
      await Promise.race([
        sleep(settings.pollIntervalMs, undefined, { signal: wake.signal }).catch(() => {}),
        ...(busy ? inFlight : []),
      ]);
      wake = null;
    }
    await Promise.allSettled([...inFlight]);
  }

  return {
    /** Starts the loop; idempotent. */
    start() {
      if (loop) return;
      stopping = false;
      loop = run();
    },

    /** Stops claiming, then waits for the attempts in flight (each bounded by the timeout) to be logged. */
    async stop() {
      stopping = true;
      wake?.abort();
      await loop;
      loop = null;
    },

    /** One full pass, awaited: route everything new, then deliver everything due. For tests and tools. */
    async drain(): Promise<void> {
      while ((await route()) > 0);
      for (;;) {
        const claimed = await claim(settings.concurrency);
        if (claimed.length === 0) break;
        await Promise.all(claimed.map(deliver));
      }
    },
  };
}

export type WebhookDispatcher = ReturnType<typeof createWebhookDispatcher>;
