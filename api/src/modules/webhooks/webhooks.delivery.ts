import { createHmac } from 'node:crypto';

/** What one endpoint receives for one event: the same id, body and type on every attempt and replay. */
export interface WebhookMessage {
  eventId: string;
  type: string;
  createdAt: Date;
  tenantId: string;
  data: unknown;
}

export interface AttemptResult {
  ok: boolean;
  statusCode: number | null;
  error: string | null;
  durationMs: number;
  /** The first bytes of the answer, for the delivery log. */
  responseBody: string | null;
}

/** Bytes of an endpoint's answer kept in the log. */
export const RESPONSE_EXCERPT_BYTES = 1024;

export function webhookBody(message: WebhookMessage): string {
  return JSON.stringify({
    id: message.eventId,
    type: message.type,
    createdAt: message.createdAt.toISOString(),
    tenantId: message.tenantId,
    data: message.data,
  });
}

/** `v1=<hex HMAC-SHA256(secret, "<timestamp>.<body>")>`; the timestamp is in Unix seconds. */
export function signature(secret: string, timestamp: number, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/**
 * Wait before the attempt after `attempt` failed ones: exponential from `baseMs`, capped at `maxMs`, with equal
 * jitter (between half and all of it) so endpoints that failed together are not retried in lockstep.
 */
export function retryDelayMs(attempt: number, baseMs: number, maxMs: number, random: () => number = Math.random) {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.min(attempt - 1, 40));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

async function readExcerpt(response: Response): Promise<string | null> {
  if (!response.body) return null;
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < RESPONSE_EXCERPT_BYTES) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.byteLength;
    }
  } finally {
    await reader.cancel().catch(() => {});
  }
  const text = Buffer.concat(chunks).subarray(0, RESPONSE_EXCERPT_BYTES).toString('utf8');
  // Postgres text cannot hold NUL.
  return text.replaceAll('\u0000', '');
}

function describe(err: unknown, timeoutMs: number): string {
  if (err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError')) {
    return `timed out after ${timeoutMs} ms`;
  }
  const cause = (err as { cause?: { code?: string; message?: string } }).cause;
  if (cause?.code) return `request failed: ${cause.code}${cause.message ? ` (${cause.message})` : ''}`;
  return `request failed: ${err instanceof Error ? err.message : String(err)}`;
}

/**
 * One signed POST. A 2xx answer within the timeout is a success; anything else (other status, redirect, timeout,
 * connection error) is a failed attempt with its reason. Redirects are not followed: the endpoint's URL is the
 * one the tenant registered.
 */
export async function sendWebhook(
  url: string,
  secret: string,
  message: WebhookMessage,
  timeoutMs: number,
): Promise<AttemptResult> {
  const body = webhookBody(message);
  const timestamp = Math.floor(Date.now() / 1000);
  const started = performance.now();
  const signal = AbortSignal.timeout(timeoutMs);
  const elapsed = () => Math.round(performance.now() - started);
  try {
    const response = await fetch(url, {
      method: 'POST',
      redirect: 'manual',
      signal,
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Monet-Webhooks/1',
        'monet-webhook-id': message.eventId,
        'monet-webhook-timestamp': String(timestamp),
        'monet-signature': signature(secret, timestamp, body),
      },
      body,
    });
    const responseBody = await readExcerpt(response);
    const ok = response.status >= 200 && response.status < 300;
    return {
      ok,
      statusCode: response.status,
      error: ok ? null : `endpoint answered ${response.status}`,
      durationMs: elapsed(),
      responseBody,
    };
  } catch (err) {
    return { ok: false, statusCode: null, error: describe(err, timeoutMs), durationMs: elapsed(), responseBody: null };
  }
}
