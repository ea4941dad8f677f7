import { LRUCache } from 'lru-cache';

/**
 * A small in-process cache whose entries live `ttlMs`, at most `maxEntries` of them (least recently used dropped
 * first). Used on the authentication hot path so that checking a session or an API key does not cost a query on every
 * request; the ttl is how long a revocation made on another instance may take to be seen here.
 */
export class TtlCache<V> {
  // lru-cache keeps no null or undefined values, and a null answer ("no such key") is worth keeping: values are boxed.
  readonly #entries: LRUCache<string, { value: V }> | undefined;
  /** Loads in flight, so that a burst of requests with one cold key costs one query, not one each. */
  readonly #loading = new Map<string, Promise<V>>();

  constructor(
    readonly ttlMs: number,
    maxEntries = 10_000,
    /** The clock entries expire by: tests move it instead of waiting. */
    now: () => number = performance.now.bind(performance),
  ) {
    this.#entries =
      ttlMs > 0 ? new LRUCache({ max: maxEntries, ttl: ttlMs, ttlResolution: 0, perf: { now } }) : undefined;
  }

  get(key: string): V | undefined {
    return this.#entries?.get(key)?.value;
  }

  set(key: string, value: V): void {
    this.#entries?.set(key, { value });
  }

  delete(key: string): void {
    this.#entries?.delete(key);
    this.#loading.delete(key);
  }

  /** Resolves from the cache, or loads and keeps the result (null included, so unknown keys are cheap too). */
  async getOrLoad(key: string, load: () => Promise<V>): Promise<V> {
    const cached = this.#entries?.get(key);
    if (cached) return cached.value;
    let loading = this.#loading.get(key);
    if (!loading) {
      loading = load().then(
        (value) => {
          // A delete() while loading means the answer may be stale: hand it to the waiting callers, keep nothing.
          if (this.#loading.get(key) === loading) this.set(key, value);
          this.#loading.delete(key);
          return value;
        },
        (err) => {
          this.#loading.delete(key);
          throw err;
        },
      );
      this.#loading.set(key, loading);
    }
    return loading;
  }
}
