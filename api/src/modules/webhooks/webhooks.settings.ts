import { type EnvValues, readEnv, vars } from '@loyaltystudio/config';
import type { Resolver } from './webhooks.destination.ts';

/** The variables webhooks read; their defaults in config/src/vars.ts are the only ones. */
export const webhookVars = {
  WEBHOOK_POLL_INTERVAL_MS: vars.WEBHOOK_POLL_INTERVAL_MS,
  WEBHOOK_CONCURRENCY: vars.WEBHOOK_CONCURRENCY,
  WEBHOOK_TIMEOUT_MS: vars.WEBHOOK_TIMEOUT_MS,
  WEBHOOK_MAX_ATTEMPTS: vars.WEBHOOK_MAX_ATTEMPTS,
  WEBHOOK_BACKOFF_BASE_MS: vars.WEBHOOK_BACKOFF_BASE_MS,
  WEBHOOK_BACKOFF_MAX_MS: vars.WEBHOOK_BACKOFF_MAX_MS,
  WEBHOOK_ALLOW_LOOPBACK: vars.WEBHOOK_ALLOW_LOOPBACK,
} as const;

export interface WebhookSettings {
  /**
   * Endpoints may be loopback addresses (127.0.0.0/8, ::1), over http or https: development only. Otherwise only
   * https to public addresses is allowed.
   */
  allowLoopback: boolean;
  /** How endpoint hosts are resolved, at registration and before each attempt; the system resolver by default. */
  resolve?: Resolver;
  /** Longest one attempt may take, connection to the end of the response excerpt. */
  timeoutMs: number;
  maxAttempts: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
  /** How long the dispatcher sleeps when it found nothing to do. */
  pollIntervalMs: number;
  /** Deliveries in flight at once, per dispatcher. */
  concurrency: number;
}

export function webhookSettings(env: EnvValues<typeof webhookVars>): WebhookSettings {
  return {
    allowLoopback: env.WEBHOOK_ALLOW_LOOPBACK,
    timeoutMs: env.WEBHOOK_TIMEOUT_MS,
    maxAttempts: env.WEBHOOK_MAX_ATTEMPTS,
    backoffBaseMs: env.WEBHOOK_BACKOFF_BASE_MS,
    backoffMaxMs: env.WEBHOOK_BACKOFF_MAX_MS,
    pollIntervalMs: env.WEBHOOK_POLL_INTERVAL_MS,
    concurrency: env.WEBHOOK_CONCURRENCY,
  };
}

/** The documented defaults, for callers (tests, tools) that build the app without reading the environment. */
export const DEFAULT_WEBHOOK_SETTINGS: WebhookSettings = webhookSettings(readEnv(webhookVars, {}));
