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

  it('answers the wait until the next token in whole seconds', () => {
    let now = 0;
    const limiter = new RateLimiter(() => now);
    for (let i = 0; i < 6; i++) limiter.take('slow', 6);
    expect(limiter.take('slow', 6)).toEqual({ allowed: false, retryAfterSeconds: 10 });
    now += 4_000;
    expect(limiter.take('slow', 6)).toEqual({ allowed: false, retryAfterSeconds: 6 });
  });
});
