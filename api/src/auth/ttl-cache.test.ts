import { describe, expect, it } from 'vitest';
import { TtlCache } from './ttl-cache.ts';

describe('TtlCache', () => {
  it('keeps answers, null included, for its ttl, and loads a cold key once for concurrent callers', async () => {
    const cache = new TtlCache<string | null>(50);
    let loads = 0;
    const load = async () => {
      loads += 1;
      await new Promise((resolve) => setTimeout(resolve, 10));
      return loads === 1 ? null : 'second';
    };
    expect(await Promise.all([cache.getOrLoad('k', load), cache.getOrLoad('k', load)])).toEqual([null, null]);
    expect(await cache.getOrLoad('k', load)).toBeNull();
    expect(loads).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(await cache.getOrLoad('k', load)).toBe('second');
    expect(loads).toBe(2);
  });

  it('forgets a key at once on delete, even while it is loading', async () => {
    const cache = new TtlCache<number>(10_000);
    let n = 0;
    const load = async () => {
      n += 1;
      await new Promise((resolve) => setTimeout(resolve, 10));
      return n;
    };
    const first = cache.getOrLoad('k', load);
    cache.delete('k');
    expect(await first).toBe(1);
    expect(await cache.getOrLoad('k', load)).toBe(2);
    cache.delete('k');
    expect(await cache.getOrLoad('k', load)).toBe(3);
  });

  it('evicts the oldest entry beyond its size, and caches nothing with a ttl of 0', async () => {
    const small = new TtlCache<number>(10_000, 2);
    small.set('a', 1);
    small.set('b', 2);
    small.set('c', 3);
    expect([small.get('a'), small.get('b'), small.get('c')]).toEqual([undefined, 2, 3]);
    const off = new TtlCache<number>(0);
    off.set('a', 1);
    expect(off.get('a')).toBeUndefined();
  });
});
