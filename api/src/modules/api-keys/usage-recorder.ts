import type { PrismaClient } from '@loyaltystudio/prisma';

/**
 * Counts API key use in memory and writes it in one statement every `intervalMs`, so the hot path never writes
 * per request. A failed write keeps the counts for the next flush; closing flushes what is left. A crash loses at
 * most one interval of counts, never a request.
 */
export function createUsageRecorder(prisma: PrismaClient, intervalMs: number) {
  let pending = new Map<string, { count: number; lastUsedAt: Date }>();
  let flushing: Promise<void> = Promise.resolve();

  async function write(batch: Map<string, { count: number; lastUsedAt: Date }>): Promise<void> {
    if (batch.size === 0) return;
    const ids = [...batch.keys()];
    const counts = ids.map((id) => String(batch.get(id)!.count));
    const times = ids.map((id) => batch.get(id)!.lastUsedAt.toISOString());
    try {
      // Keys of every tenant in one statement: this background writer runs outside tenant transactions.
      await prisma.$executeRaw`
        UPDATE api_keys AS k
        SET usage_count = k.usage_count + u.n,
            last_used_at = GREATEST(k.last_used_at, u.at)
        FROM unnest(${ids}::uuid[], ${counts}::bigint[], ${times}::timestamptz[]) AS u(id, n, at)
        WHERE k.id = u.id`;
    } catch {
      for (const [id, use] of batch) record(id, use.lastUsedAt, use.count);
    }
  }

  function record(keyId: string, at = new Date(), count = 1): void {
    const use = pending.get(keyId);
    if (use) {
      use.count += count;
      if (at > use.lastUsedAt) use.lastUsedAt = at;
    } else {
      pending.set(keyId, { count, lastUsedAt: at });
    }
  }

  /** Writes everything recorded so far; concurrent calls queue behind one another. */
  function flush(): Promise<void> {
    flushing = flushing.then(() => {
      const batch = pending;
      pending = new Map();
      return write(batch);
    });
    return flushing;
  }

  const timer = setInterval(() => void flush(), intervalMs);
  timer.unref();

  return {
    record,
    flush,
    async close(): Promise<void> {
      clearInterval(timer);
      await flush();
    },
  };
}

export type UsageRecorder = ReturnType<typeof createUsageRecorder>;
