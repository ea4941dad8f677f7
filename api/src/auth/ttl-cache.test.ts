import { describe, expect, it } from 'vitest';
import { TtlCache } from './ttl-cache.ts';

/** A load that resolves when the test says so, so no test waits on a timer. */
function deferredLoads<V>(answers: V[]) {
  const pending: (() => void)[] = [];
  let calls = 0;
  return {
    get calls() {
      return calls;
    },
    load: () =>
      new Promise<V>((resolve) => {
        const answer = answers[calls++] as V;
        pending.push(() => resolve(answer));
      }),
    release: () => {
      for (const resolve of pending.splice(0)) resolve();
    },
  };
}

describe('TtlCache', () => {
  it('keeps answers, null included, for its ttl, and loads a cold key once for concurrent callers', async () => {
    let clock = 1_000;
    const cache = new TtlCache<string | null>(50, 10_000, () => clock);
    const loads = deferredLoads<string | null>([null, 'second']);
    const both = Promise.all([cache.getOrLoad('k', loads.load), cache.getOrLoad('k', loads.load)]);
    loads.release();
    expect(await both).toEqual([null, null]);
    clock += 50;
    expect(await cache.getOrLoad('k', loads.load)).toBeNull();
    expect(loads.calls).toBe(1);
    clock += 2;
    const again = cache.getOrLoad('k', loads.load);
    loads.release();
    expect(await again).toBe('second');
    expect(loads.calls).toBe(2);
  });

  it('forgets a key at once on delete, even while it is loading', async () => {
    const cache = new TtlCache<number>(10_000);
    const loads = deferredLoads([1, 2, 3]);
    const first = cache.getOrLoad('k', loads.load);
    cache.delete('k');
    loads.release();
    expect(await first).toBe(1);
    const second = cache.getOrLoad('k', loads.load);
    loads.release();
    expect(await second).toBe(2);
    cache.delete('k');
    const third = cache.getOrLoad('k', loads.load);
    loads.release();
    expect(await third).toBe(3);
  });

  it('drops the least recently used entry beyond its size, and caches nothing with a ttl of 0', () => {
    const small = new TtlCache<number>(10_000, 2);
    small.set('a', 1);
    small.set('b', 2);
    small.get('a');
    small.set('c', 3);
    expect([small.get('a'), small.get('b'), small.get('c')]).toEqual([1, undefined, 3]);
    const off = new TtlCache<number>(0);
    off.set('a', 1);
    expect(off.get('a')).toBeUndefined();
  });
});
