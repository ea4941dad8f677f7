import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import autocannon from 'autocannon';
import { percentile } from './results.ts';

// The load the accrual benchmark puts on POST /v1/events: as fast as the api answers, or evenly paced.

/** Members of the tenant (BENCH_MEMBERS; 1,000 by default), each with a short purchase history. */
export const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 1_000);
export const CONNECTIONS = 32;

export function purchase(n: number) {
  return {
    externalId: randomUUID(),
    type: 'purchase',
    // Consecutive purchases stride across every member (7,919 is prime, so coprime with any size here): at millions
    // of members the run reads rows all over the tables, not the first thousands written together.
    memberExternalId: `m${((n * 7_919) % MEMBERS) + 1}`,
    occurredAt: new Date().toISOString(),
    amountMinor: 4_250,
    currency: 'EUR',
    channel: 'store',
    lineItems: [{ sku: 'LATTE-L', category: 'drinks', quantity: 2, unitAmountMinor: 2_125 }],
  };
}

interface LoadResult {
  throughput: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
}

const headers = (token: string) => ({
  'content-type': 'application/json',
  authorization: `Bearer ${token}`,
  'idempotency-key': randomUUID(),
});

/** autocannon against POST /v1/events as fast as it answers, each request with its own key and external id. */
export async function load(url: string, token: string, opts: { seconds: number }): Promise<LoadResult> {
  let n = 0;
  const latencies: number[] = [];
  const options: autocannon.Options = {
    url: `${url}/v1/events`,
    connections: CONNECTIONS,
    duration: opts.seconds,
    requests: [
      {
        method: 'POST',
        setupRequest: (req) => {
          n += 1;
          return {
            ...req,
            headers: headers(token),
            body: JSON.stringify(purchase(n)),
          };
        },
      },
    ],
  };
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(options, (err, done) => (err ? reject(err) : resolve(done)));
    instance.on('response', (_client, _status, _bytes, ms) => latencies.push(ms));
  });
  latencies.sort((a, b) => a - b);
  return {
    throughput: result.requests.total / opts.seconds,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    errors: result.non2xx + result.errors + result.timeouts,
  };
}

/**
 * POST /v1/events at a fixed rate, evenly spaced, over at most CONNECTIONS keep-alive connections. (autocannon's
 * rate limit sends each connection's quota for a second in a burst at the start of that second, which measures
 * bursts, not a steady rate.) Latency counts from when a request was due, so a server that falls behind is charged
 * for the queue it causes.
 */
export async function paced(url: string, token: string, opts: { seconds: number; rate: number }): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const target = new URL('/v1/events', url);
  const latencies: number[] = [];
  let errors = 0;
  const send = (n: number, due: number) =>
    new Promise<void>((resolve) => {
      const body = JSON.stringify(purchase(n));
      const req = http.request(target, { method: 'POST', agent, headers: headers(token) }, (res) => {
        res.resume();
        res.on('end', () => {
          if (res.statusCode !== 201) errors += 1;
          latencies.push(performance.now() - due);
          resolve();
        });
      });
      req.on('error', () => {
        errors += 1;
        resolve();
      });
      req.end(body);
    });
  const total = opts.rate * opts.seconds;
  const sent: Promise<void>[] = [];
  const start = performance.now();
  for (let n = 0; n < total; ) {
    const now = performance.now();
    for (; n < total && start + (n * 1000) / opts.rate <= now; n++) sent.push(send(n, start + (n * 1000) / opts.rate));
    await sleep(1);
  }
  await Promise.all(sent);
  const elapsed = (performance.now() - start) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    throughput: latencies.length / elapsed,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    errors,
  };
}
