/**
 * A small in-process cache whose entries live `ttlMs`. Used on the authentication hot path so that checking a
 * session or an API key does not cost a query on every request; the ttl is how long a revocation made on another
 * instance may take to be seen here.
 */
export class TtlCache<V> {
  readonly #entries = new Map<string, { value: V; expires: number }>();
  /** Loads in flight, so that a burst of requests with one cold key costs one query, not one each. */
  readonly #loading = new Map<string, Promise<V>>();

  constructor(
    readonly ttlMs: number,
    private readonly maxEntries = 10_000,
  ) {}

  get(key: string): V | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    if (entry.expires <= Date.now()) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  set(key: string, value: V): void {
    if (this.ttlMs <= 0) return;
    // Oldest first: a Map iterates in insertion order, so this evicts the entry closest to expiring.
    if (this.#entries.size >= this.maxEntries) this.#entries.delete(this.#entries.keys().next().value as string);
    this.#entries.delete(key);
    this.#entries.set(key, { value, expires: Date.now() + this.ttlMs });
  }

  delete(key: string): void {
    this.#entries.delete(key);
    this.#loading.delete(key);
  }

  /** Resolves from the cache, or loads and keeps the result (null included, so unknown keys are cheap too). */
  async getOrLoad(key: string, load: () => Promise<V>): Promise<V> {
    const cached = this.get(key);
    if (cached !== undefined) return cached;
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
