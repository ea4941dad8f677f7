import { describe, expect, it } from 'vitest';
import { RateLimiter } from './rate-limiter.ts';

describe('RateLimiter', () => {
  it('allows a burst of the per-minute allowance, then refills at allowance/60 per second', () => {
    let now = 0;
    const limiter = new RateLimiter(() => now);
    for (let i = 0; i < 60; i++) expect(limiter.take('k', 60)).toEqual({ allowed: true });
    expect(limiter.take('k', 60)).toEqual({ allowed: false, retryAfterSeconds: 1 });
    now += 999;
    expect(limiter.take('k', 60).allowed).toBe(false);
    now += 1;
    expect(limiter.take('k', 60)).toEqual({ allowed: true });
    expect(limiter.take('other', 60)).toEqual({ allowed: true });
  });

  it('keeps at most maxKeys buckets, dropping the least recently used', () => {
    const limiter = new RateLimiter(() => 0, 2);
    limiter.take('a', 1);
    limiter.take('b', 1);
    expect(limiter.take('a', 1).allowed).toBe(false);
    limiter.take('c', 1);
    // b was least recently used: its bucket is gone and starts full; a's is kept.
    expect(limiter.take('b', 1).allowed).toBe(true);
    expect(limiter.take('c', 1).allowed).toBe(false);
  });

  it('answers the wait until the next token in whole seconds', () => {
    let now = 0;
    const limiter = new RateLimiter(() => now);
    for (let i = 0; i < 6; i++) limiter.take('slow', 6);
    expect(limiter.take('slow', 6)).toEqual({ allowed: false, retryAfterSeconds: 10 });
    now += 4_000;
    expect(limiter.take('slow', 6)).toEqual({ allowed: false, retryAfterSeconds: 6 });
  });
});
