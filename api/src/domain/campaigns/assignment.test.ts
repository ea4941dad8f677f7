import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { armOfBucket, assignArm, assignmentBucket, BUCKETS, type Split } from './assignment.ts';

const CAMPAIGN = '00000000-0000-4000-8000-000000000001';
const MEMBER = '00000000-0000-4000-8000-0000000000aa';

/** Splits as validation accepts them: 1 to 10 arms of whole percents adding up to 100, a holdout of 0 to 90. */
const split: fc.Arbitrary<Split> = fc
  .tuple(
    fc.integer({ min: 0, max: 90 }),
    fc.uniqueArray(fc.integer({ min: 1, max: 99 }), { maxLength: 9 }).map((cuts) => [...cuts].sort((a, b) => a - b)),
  )
  .map(([holdoutPercent, cuts]) => {
    const bounds = [0, ...cuts, 100];
    return {
      holdoutPercent,
      variants: bounds.slice(1).map((b, i) => ({ key: `arm-${i}`, percent: b - bounds[i]! })),
    };
  });

describe('assignment', () => {
  it('hashes the campaign and the member with SHA-256: the first 48 bits modulo 10,000', () => {
    // sha256("<campaign>:<member>") starts 9ae25bfbd05c; 0x9ae25bfbd05c = 170296996515932.
    expect(assignmentBucket(CAMPAIGN, MEMBER)).toBe(170_296_996_515_932 % BUCKETS);
    expect(assignmentBucket(CAMPAIGN, MEMBER)).toBe(5932);
    // The order of the two ids matters: another campaign gives the member another bucket.
    expect(assignmentBucket(MEMBER, CAMPAIGN)).not.toBe(5932);
  });

  it('cuts the holdout first, then the arms in order by their shares of the rest', () => {
    const s: Split = {
      holdoutPercent: 20,
      variants: [
        { key: 'a', percent: 50 },
        { key: 'b', percent: 50 },
      ],
    };
    expect(armOfBucket(0, s)).toBe('holdout');
    expect(armOfBucket(1999, s)).toBe('holdout');
    expect(armOfBucket(2000, s)).toBe('a');
    expect(armOfBucket(5999, s)).toBe('a');
    expect(armOfBucket(6000, s)).toBe('b');
    expect(armOfBucket(9999, s)).toBe('b');
    const thirds: Split = {
      holdoutPercent: 10,
      variants: [
        { key: 'a', percent: 33 },
        { key: 'b', percent: 33 },
        { key: 'c', percent: 34 },
      ],
    };
    // The rest is 9,000 buckets: a takes positions below 2,970, b below 5,940, c the others.
    expect(armOfBucket(1000 + 2969, thirds)).toBe('a');
    expect(armOfBucket(1000 + 2970, thirds)).toBe('b');
    expect(armOfBucket(1000 + 5939, thirds)).toBe('b');
    expect(armOfBucket(1000 + 5940, thirds)).toBe('c');
  });

  it('gives every bucket exactly one arm, each arm its share of the buckets to within one bucket', () => {
    fc.assert(
      fc.property(split, (s) => {
        const counts = new Map<string, number>();
        for (let b = 0; b < BUCKETS; b++) {
          const arm = armOfBucket(b, s);
          counts.set(arm, (counts.get(arm) ?? 0) + 1);
        }
        expect(counts.get('holdout') ?? 0).toBe(s.holdoutPercent * 100);
        const rest = BUCKETS - s.holdoutPercent * 100;
        for (const v of s.variants) {
          expect(Math.abs((counts.get(v.key) ?? 0) - (rest * v.percent) / 100)).toBeLessThanOrEqual(1);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('is stable: the same campaign and member always get the same arm, whatever else is in the audience', () => {
    fc.assert(
      fc.property(split, fc.uuid(), fc.uuid(), (s, campaign, member) => {
        expect(assignArm(campaign, member, s)).toBe(assignArm(campaign, member, s));
      }),
    );
  });

  it('splits a large audience in the configured shares', () => {
    const s: Split = {
      holdoutPercent: 10,
      variants: [
        { key: 'a', percent: 70 },
        { key: 'b', percent: 30 },
      ],
    };
    const campaign = randomUUID();
    const counts: Record<string, number> = { holdout: 0, a: 0, b: 0 };
    const n = 100_000;
    for (let i = 0; i < n; i++) counts[assignArm(campaign, randomUUID(), s)]! += 1;
    // Binomial standard deviations are below 0.2% of n here: 1% is five of them.
    expect(counts.holdout! / n).toBeCloseTo(0.1, 1);
    expect(Math.abs(counts.a! / n - 0.63)).toBeLessThan(0.01);
    expect(Math.abs(counts.b! / n - 0.27)).toBeLessThan(0.01);
  });
});
