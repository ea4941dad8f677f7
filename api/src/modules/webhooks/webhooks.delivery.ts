import { createHmac } from 'node:crypto';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import {
  type DestinationPolicy,
  pinnedLookup,
  RefusedDestinationError,
  type ResolvedAddress,
  resolveDestination,
} from './webhooks.destination.ts';

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

async function readExcerpt(response: IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  // Leaving the loop early destroys the response: the rest of the answer is never read.
  for await (const chunk of response) {
    chunks.push(chunk as Buffer);
    size += (chunk as Buffer).byteLength;
    if (size >= RESPONSE_EXCERPT_BYTES) break;
  }
  if (size === 0) return null;
  const text = Buffer.concat(chunks).subarray(0, RESPONSE_EXCERPT_BYTES).toString('utf8');
  // Postgres text cannot hold NUL.
  return text.replaceAll('\u0000', '');
}

/**
 * POSTs `body` to `url`, connecting only to `addresses` (checked by resolveDestination). node:http never follows a
 * redirect, and `agent: false` gives every attempt a connection of its own, made through the pinned lookup.
 */
function post(
  url: URL,
  addresses: ResolvedAddress[],
  headers: Record<string, string>,
  body: string,
  signal: AbortSignal,
): Promise<{ status: number; excerpt: string | null }> {
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        signal,
        agent: false,
        lookup: pinnedLookup(addresses),
      },
      (response) => {
        readExcerpt(response).then((excerpt) => resolve({ status: response.statusCode ?? 0, excerpt }), reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

function describe(err: unknown, signal: AbortSignal, timeoutMs: number): string {
  if (err instanceof RefusedDestinationError) return err.message;
  if (signal.aborted) return `timed out after ${timeoutMs} ms`;
  const { code, message } = err as { code?: string; message?: string };
  if (code) return `request failed: ${code}${message ? ` (${message})` : ''}`;
  return `request failed: ${err instanceof Error ? err.message : String(err)}`;
}

export interface DeliveryOptions extends DestinationPolicy {
  /** Longest the attempt may take, from resolving the host to the end of the answer's excerpt. */
  timeoutMs: number;
}

/**
 * One signed POST. A 2xx answer within the timeout is a success; anything else (other status, redirect, timeout,
 * connection error, refused address) is a failed attempt with its reason. The host is resolved and every address
 * checked first, and the connection is made to a checked address only, so a name that resolved to a public address
 * when the endpoint was registered and to an internal one now is refused, without a connection. Redirects are not
 * followed: the endpoint's URL is the one the tenant registered.
 */
export async function sendWebhook(
  url: string,
  secret: string,
  message: WebhookMessage,
  options: DeliveryOptions,
): Promise<AttemptResult> {
  const body = webhookBody(message);
  const timestamp = Math.floor(Date.now() / 1000);
  const started = performance.now();
  const signal = AbortSignal.timeout(options.timeoutMs);
  const elapsed = () => Math.round(performance.now() - started);
  try {
    const target = new URL(url);
    const addresses = await resolveDestination(target, options, signal);
    const headers = {
      'content-type': 'application/json',
      'user-agent': 'Monet-Webhooks/1',
      'monet-webhook-id': message.eventId,
      'monet-webhook-timestamp': String(timestamp),
      'monet-signature': signature(secret, timestamp, body),
    };
    const { status, excerpt } = await post(target, addresses, headers, body, signal);
    const ok = status >= 200 && status < 300;
    return {
      ok,
      statusCode: status,
      error: ok ? null : `endpoint answered ${status}`,
      durationMs: elapsed(),
      responseBody: excerpt,
    };
  } catch (err) {
    return {
      ok: false,
      statusCode: null,
      error: describe(err, signal, options.timeoutMs),
      durationMs: elapsed(),
      responseBody: null,
    };
  }
}
