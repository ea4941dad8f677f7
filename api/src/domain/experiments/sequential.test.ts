import { describe, expect, it } from 'vitest';
import { normalQuantile } from './distributions.ts';
import { mixingVarianceFor, mixtureHalfWidth, optimalMixingFactor, sequentialInterval } from './sequential.ts';

/** The mixture likelihood ratio Λ(θ₀) of Johari et al. (2017) for an estimate with variance V. */
const mixtureRatio = (deviation: number, variance: number, tau2: number) =>
  Math.sqrt(variance / (variance + tau2)) * Math.exp((tau2 * deviation ** 2) / (2 * variance * (variance + tau2)));

describe('the normal-mixture confidence sequence', () => {
  it('solves u = 2 ln(1/α) + ln(1 + u) for the mixing factor', () => {
    for (const alpha of [0.1, 0.05, 0.01, 0.001]) {
      const u = optimalMixingFactor(alpha);
      expect(u).toBeCloseTo(-2 * Math.log(alpha) + Math.log1p(u), 12);
    }
    expect(optimalMixingFactor(0.05)).toBeCloseTo(8.212, 3);
  });

  it('ends exactly where the mixture likelihood ratio reaches 1/α', () => {
    for (const [variance, tau2] of [
      [1, 8],
      [0.01, 3],
      [250, 40],
    ] as const) {
      const halfWidth = mixtureHalfWidth(variance, tau2, 0.05);
      expect(mixtureRatio(halfWidth, variance, tau2)).toBeCloseTo(20, 9);
    }
  });

  it('is tightest at the planned variance, where it is about 1.55 times the fixed-horizon width', () => {
    const planned = 4;
    const tau2 = mixingVarianceFor(planned, 0.05);
    const width = (v: number) => mixtureHalfWidth(v, tau2, 0.05) / Math.sqrt(v);
    expect(width(planned)).toBeLessThan(width(planned * 1.1));
    expect(width(planned)).toBeLessThan(width(planned / 1.1));
    expect(width(planned) / normalQuantile(0.975)).toBeCloseTo(1.55, 2);
  });

  it('is centred on the estimate, narrows as the variance falls, and says whether it excludes zero', () => {
    const tau2 = mixingVarianceFor(1, 0.05);
    const early = sequentialInterval(2, 4, tau2);
    const late = sequentialInterval(2, 0.25, tau2);
    expect((early.lower + early.upper) / 2).toBeCloseTo(2, 12);
    expect(late.upper - late.lower).toBeLessThan(early.upper - early.lower);
    expect(early.excludesZero).toBe(false);
    expect(late.excludesZero).toBe(true);
    expect(late.standardError).toBe(0.5);
  });
});
