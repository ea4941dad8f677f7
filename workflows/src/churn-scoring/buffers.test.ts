import { describe, expect, it } from 'vitest';
import { BufferPool } from './buffers.ts';

describe('BufferPool', () => {
  it('hands back the smallest free buffer that fits, and a new one when none does', () => {
    const pool = new BufferPool();
    const small = pool.take(100);
    const large = pool.take(1_000);
    expect(small.byteLength).toBeGreaterThanOrEqual(100);
    pool.give(large, small);
    expect(pool.take(90)).toBe(small);
    pool.give(small);
    expect(pool.take(500)).toBe(large);
    expect(pool.take(500)).not.toBe(small);
  });

  it('gives views of exactly the length asked for, on aligned memory, and takes a buffer back once', () => {
    const pool = new BufferPool();
    const a = pool.float64(3);
    expect([a.length, a.byteOffset]).toEqual([3, 0]);
    pool.give(a.buffer, a.buffer);
    const b = pool.int32(5);
    expect([b.length, b.buffer]).toEqual([5, a.buffer]);
    expect(pool.buffer(7).buffer).not.toBe(a.buffer);
  });

  it('answers an empty request without a pooled buffer', () => {
    const pool = new BufferPool();
    const buffer = pool.take(16);
    pool.give(buffer);
    expect(pool.take(0).byteLength).toBe(0);
    expect(pool.take(16)).toBe(buffer);
  });

  it('keeps at most as many free buffers as it was told', () => {
    const pool = new BufferPool(2);
    const buffers = [pool.take(8), pool.take(8), pool.take(8)];
    pool.give(...buffers);
    expect([pool.take(8), pool.take(8)]).toEqual(expect.arrayContaining([buffers[0], buffers[1]]));
    expect(pool.take(8)).not.toBe(buffers[2]);
  });
});
