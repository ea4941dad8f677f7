import { LRUCache } from 'lru-cache';

/**
 * Token buckets, one per API key, in this process: a key may burst to its whole
 * per-minute allowance, which refills continuously at allowance/60 per second. Each api instance keeps its own
 * buckets, so behind N instances a key gets up to N times its limit; the limit protects each instance rather than
 * metering the key exactly.
 */
export class RateLimiter {
  readonly #buckets: LRUCache<string, { tokens: number; at: number }>;

  /**
   * At most `maxKeys` buckets are kept, least recently used dropped first (a dropped bucket starts full again). Keys
   * are the ids of API keys that passed verification, so callers cannot mint keys to push a bucket out; attempts
   * before anyone is known (sign-in, sign-up, refresh) have limits of their own (plugins/attempt-limits.ts).
   */
  constructor(
    private readonly now: () => number = Date.now,
    maxKeys = 100_000,
  ) {
    this.#buckets = new LRUCache({ max: maxKeys });
  }

  /** Takes one token; when none is left, answers how many whole seconds until one is. */
  take(key: string, perMinute: number): { allowed: true } | { allowed: false; retryAfterSeconds: number } {
    const now = this.now();
    const perMs = perMinute / 60_000;
    const bucket = this.#buckets.get(key) ?? { tokens: perMinute, at: now };
    bucket.tokens = Math.min(perMinute, bucket.tokens + (now - bucket.at) * perMs);
    bucket.at = now;
    this.#buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true };
    }
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / perMs / 1000)) };
  }
}
