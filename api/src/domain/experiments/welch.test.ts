import { describe, expect, it } from 'vitest';
import { welchDegreesOfFreedom, welchInterval } from './welch.ts';

// treatment 10, 12, 14, 16, 18 (mean 14, variance 10); control 9, 10, 11 (mean 10, variance 1).
const treatment = { n: 5, mean: 14, variance: 10 };
const control = { n: 3, mean: 10, variance: 1 };

describe('welchInterval', () => {
  it('matches scipy.stats.ttest_ind(equal_var=False) on a small example', () => {
    const interval = welchInterval(treatment, control)!;
    expect(interval.estimate).toBe(4);
    expect(interval.standardError).toBeCloseTo(Math.sqrt(10 / 5 + 1 / 3), 14);
    expect(interval.degreesOfFreedom).toBeCloseTo(5.157894736842106, 12);
    expect(interval.lower).toBeCloseTo(0.1092517213558919, 12);
    expect(interval.upper).toBeCloseTo(7.890748278644108, 12);
    expect(interval.excludesZero).toBe(true);
    const ninety = welchInterval(treatment, control, 0.9)!;
    expect(ninety.lower).toBeCloseTo(0.9426553740540746, 12);
    expect(ninety.upper).toBeCloseTo(7.057344625945925, 12);
  });

  it('gives n₁ + n₂ − 2 degrees of freedom and a zero-width interval when neither arm varies', () => {
    const flat = welchInterval({ n: 4, mean: 3, variance: 0 }, { n: 6, mean: 1, variance: 0 })!;
    expect(flat).toMatchObject({ estimate: 2, lower: 2, upper: 2, degreesOfFreedom: 8, excludesZero: true });
  });

  it('takes the degrees of freedom of the arm that varies when the other does not', () => {
    expect(welchDegreesOfFreedom({ n: 50, mean: 0, variance: 4 }, { n: 9, mean: 0, variance: 0 })).toBeCloseTo(49, 12);
  });

  it('is null when an arm has fewer than two members, and rejects a confidence outside (0, 1)', () => {
    expect(welchInterval({ n: 1, mean: 3, variance: Number.NaN }, control)).toBeNull();
    expect(() => welchInterval(treatment, control, 1)).toThrow(RangeError);
  });
});
