import { describe, expect, it } from 'vitest';
import { sampleRatioCheck } from './srm.ts';

describe('sampleRatioCheck', () => {
  it('computes Pearson’s statistic and its chi-squared tail (scipy.stats.chisquare)', () => {
    const check = sampleRatioCheck([5100, 4900], [1, 1]);
    expect(check.chiSquared).toBeCloseTo(4, 12);
    expect(check.degreesOfFreedom).toBe(1);
    expect(check.pValue).toBeCloseTo(0.04550026389635857, 14);
    expect(check.mismatch).toBe(false);
  });

  it('flags a split far from the configured one, on any scale of weights', () => {
    const check = sampleRatioCheck([9100, 880, 20], [0.9, 0.09, 0.01]);
    expect(check.expected).toEqual([9000, 900, 100]);
    expect(check.chiSquared).toBeCloseTo(65.55555555555556, 10);
    expect(check.pValue / 5.81824469311998e-15).toBeCloseTo(1, 10);
    expect(check.mismatch).toBe(true);
    expect(sampleRatioCheck([9100, 880, 20], [90, 9, 1])).toEqual(check);
  });

  it('uses the threshold given, and passes an empty experiment', () => {
    expect(sampleRatioCheck([5100, 4900], [1, 1], 0.05).mismatch).toBe(true);
    expect(sampleRatioCheck([0, 0], [1, 3])).toMatchObject({ pValue: 1, mismatch: false });
  });

  it('rejects malformed input', () => {
    expect(() => sampleRatioCheck([10], [1])).toThrow(RangeError);
    expect(() => sampleRatioCheck([10, 5], [1])).toThrow(RangeError);
    expect(() => sampleRatioCheck([10, 5], [1, 0])).toThrow(RangeError);
    expect(() => sampleRatioCheck([10.5, 5], [1, 1])).toThrow(RangeError);
  });
});
