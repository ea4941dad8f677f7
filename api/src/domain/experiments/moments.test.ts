import { describe, expect, it } from 'vitest';
import { type ArmSums, metricFromSums, momentsFromSums, momentsFromValues, sumsOf } from './moments.ts';

const values = { revenue: [1200, 0, 4599, 800], preRevenue: [1000, 0, 3900, 1100], pointsCost: [12, 0, 45, 8] };

describe('moments', () => {
  it('agree between per-member values and their sums', () => {
    const sums = sumsOf(values);
    expect(sums).toMatchObject({ n: 4n, sumRevenue: 6599n, sumPreSquared: 17_420_000n, sumPointsTimesPre: 196_300n });
    const fromSums = momentsFromSums(sums);
    const fromValues = momentsFromValues(values);
    expect(fromSums.n).toBe(4);
    for (const metric of ['revenue', 'pointsCost'] as const) {
      for (const key of ['meanY', 'meanX', 'varY', 'varX', 'covXY'] as const) {
        expect(fromSums[metric][key]).toBeCloseTo(fromValues[metric][key], 8);
      }
    }
    expect(fromValues.revenue.meanY).toBe(6599 / 4);
  });

  it('take decimal strings and bigints (ClickHouse JSON) and stay exact beyond 2^53', () => {
    // Three members with revenue 4e15 + 1, + 3, + 5: variance 4, which doubles cannot see at this magnitude.
    const ys = [4_000_000_000_000_001n, 4_000_000_000_000_003n, 4_000_000_000_000_005n];
    const sum = ys.reduce((a, b) => a + b);
    const squares = ys.reduce((a, y) => a + y * y, 0n);
    const metric = metricFromSums(3n, sum, squares, 0n, 0n, 0n);
    expect(metric.varY).toBe(4);
    const row: ArmSums = {
      n: '3',
      sumPre: '0',
      sumPreSquared: '0',
      sumRevenue: sum.toString(),
      sumRevenueSquared: squares.toString(),
      sumRevenueTimesPre: '0',
      sumPoints: 3,
      sumPointsSquared: 3n,
      sumPointsTimesPre: 0,
    };
    expect(momentsFromSums(row).revenue.varY).toBe(4);
    expect(momentsFromSums(row).pointsCost).toMatchObject({ meanY: 1, varY: 0 });
  });

  it('reject sums no members could have, and malformed numbers', () => {
    expect(() => metricFromSums(2n, 10n, 40n, 0n, 0n, 0n)).toThrow(/inconsistent/); // 2·40 − 100 < 0
    expect(() => metricFromSums(2n, 0n, 2n, 0n, 2n, 5n)).toThrow(/inconsistent/); // correlation beyond 1
    const bad = { ...sumsOf(values), sumRevenue: '12.5' };
    expect(() => momentsFromSums(bad)).toThrow(/sumRevenue must be a whole number/);
    expect(() => momentsFromSums({ ...sumsOf(values), n: 2 ** 60 })).toThrow(/n must be a whole number/);
    const { sumPoints: _, ...missing } = sumsOf(values);
    expect(() => momentsFromSums(missing as ArmSums)).toThrow(/sumPoints must be a whole number/);
    // A mart row may carry other columns (the arm's name): only the sums are read.
    expect(momentsFromSums({ ...sumsOf(values), arm: 'holdout' } as ArmSums).n).toBe(4);
  });

  it('reject per-member arrays of different lengths or with fractions', () => {
    expect(() => momentsFromValues({ ...values, pointsCost: [1] })).toThrow(RangeError);
    expect(() => sumsOf({ ...values, revenue: [1, 2, 3, 4.5] })).toThrow(/revenue must hold whole numbers/);
  });

  it('leave variances undefined (NaN) below two members', () => {
    const one = momentsFromValues({ revenue: [5], preRevenue: [3], pointsCost: [0] });
    expect(one.revenue.meanY).toBe(5);
    expect(one.revenue.varY).toBeNaN();
    expect(momentsFromSums(sumsOf({ revenue: [5], preRevenue: [3], pointsCost: [0] })).revenue.varY).toBeNaN();
  });
});
