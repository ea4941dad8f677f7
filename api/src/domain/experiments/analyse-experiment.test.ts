import { describe, expect, it } from 'vitest';
import { analyseExperiment, type ExperimentInput } from './analyse-experiment.ts';
import { sumsOf } from './moments.ts';

// Revenue in cents, points granted by the campaign; pre-period revenue in cents.
const holdout = {
  revenue: [1000, 0, 2500, 1800, 700, 0],
  preRevenue: [900, 100, 2600, 1500, 800, 0],
  pointsCost: [0, 0, 0, 0, 0, 0],
};
const doublePoints = {
  revenue: [1600, 300, 2900, 2000, 1500, 400],
  preRevenue: [1000, 0, 2400, 1700, 900, 300],
  pointsCost: [32, 6, 58, 40, 30, 8],
};
const voucher = {
  revenue: [1100, 0, 2400, 2100, 600, 100],
  preRevenue: [1000, 0, 2500, 1800, 500, 200],
  pointsCost: [11, 0, 24, 21, 6, 1],
};

const input: ExperimentInput = {
  arms: [
    { arm: 'double-points', weight: 45, sums: sumsOf(doublePoints) },
    { arm: 'voucher', weight: 45, members: voucher },
    { arm: 'holdout', weight: 10, members: holdout },
  ],
  holdout: 'holdout',
  plannedMembers: 1000,
  pointValueMinor: 1,
};

describe('analyseExperiment', () => {
  it('reports each arm against the holdout, per member', () => {
    const result = analyseExperiment(input);
    expect(result.confidence).toBe(0.95);
    expect(result.holdout).toEqual({
      arm: 'holdout',
      members: 6,
      revenuePerMember: 1000,
      preRevenuePerMember: 5900 / 6,
      pointsCostPerMember: 0,
    });
    expect(result.comparisons.map((c) => c.arm)).toEqual(['double-points', 'voucher']);
    const [double] = result.comparisons;
    expect(double).toMatchObject({ members: 6, revenuePerMember: 1450, pointsCostPerMember: 29 });
    expect(double!.incrementalRevenue.estimate).toBe(450);
    expect(double!.incrementalPointsCost.estimate).toBe(29);
    const { welch, cuped, sequential } = double!.incrementalRevenue;
    expect(welch!.estimate).toBe(450);
    expect(cuped!.standardError).toBeLessThan(welch!.standardError);
    expect(cuped!.varianceReduction).toBeGreaterThan(0.8);
    expect(sequential!.estimate).toBe(cuped!.estimate);
    expect(sequential!.upper - sequential!.lower).toBeGreaterThan(cuped!.upper - cuped!.lower);
  });

  it('states the return on points spent from the CUPED estimates', () => {
    const [double] = analyseExperiment(input).comparisons;
    const perPoint = double!.incrementalRevenue.cuped!.estimate / double!.incrementalPointsCost.cuped!.estimate;
    expect(double!.revenuePerPoint).toBeCloseTo(perPoint, 12);
    expect(double!.returnOnPointsSpent).toBeCloseTo(perPoint, 12);
    const halfCent = analyseExperiment({ ...input, pointValueMinor: 0.5 }).comparisons[0]!;
    expect(halfCent.returnOnPointsSpent).toBeCloseTo(2 * perPoint, 12);
    expect(analyseExperiment({ ...input, pointValueMinor: undefined }).comparisons[0]!.returnOnPointsSpent).toBeNull();
  });

  it('checks the sample ratio against the configured split', () => {
    const { sampleRatio } = analyseExperiment(input);
    expect(sampleRatio.arms).toEqual([
      { arm: 'double-points', members: 6, expected: 8.1 },
      { arm: 'voucher', members: 6, expected: 8.1 },
      { arm: 'holdout', members: 6, expected: 1.8 },
    ]);
    expect(sampleRatio.degreesOfFreedom).toBe(2);
    expect(sampleRatio.chiSquared).toBeCloseTo((2 * 2.1 ** 2) / 8.1 + 4.2 ** 2 / 1.8, 12);
    expect(sampleRatio.pValue).toBeCloseTo(Math.exp(-sampleRatio.chiSquared / 2), 14); // two degrees of freedom
    expect(sampleRatio.mismatch).toBe(false); // p ≈ 0.0043: suspicious, not below 0.001
    expect(analyseExperiment({ ...input, srmThreshold: 0.01 }).sampleRatio.mismatch).toBe(true);
  });

  it('gives no intervals for an arm with fewer than two members, and no return without extra cost', () => {
    const tiny = { revenue: [500], preRevenue: [400], pointsCost: [0] };
    const result = analyseExperiment({ ...input, arms: [input.arms[2]!, { arm: 'new', weight: 1, members: tiny }] });
    expect(result.comparisons[0]!.incrementalRevenue).toEqual({
      estimate: -500,
      welch: null,
      cuped: null,
      sequential: null,
    });
    expect(result.comparisons[0]!.revenuePerPoint).toBeNull();
  });

  it('reports an arm without members with nulls, not NaN', () => {
    const empty = { revenue: [], preRevenue: [], pointsCost: [] };
    const result = analyseExperiment({ ...input, arms: [input.arms[2]!, { arm: 'late', weight: 1, members: empty }] });
    const [late] = result.comparisons;
    expect(late).toMatchObject({
      members: 0,
      revenuePerMember: null,
      pointsCostPerMember: null,
      revenuePerPoint: null,
    });
    expect(late!.incrementalRevenue).toEqual({ estimate: null, welch: null, cuped: null, sequential: null });
    expect(JSON.stringify(result, (_, v) => (Number.isNaN(v) ? 'NaN!' : v))).not.toContain('NaN!');
  });

  it('rejects an input it cannot analyse', () => {
    expect(() => analyseExperiment({ ...input, holdout: 'control' })).toThrow(/holdout arm "control"/);
    expect(() => analyseExperiment({ ...input, arms: [...input.arms, input.arms[0]!] })).toThrow(/unique/);
    expect(() => analyseExperiment({ ...input, plannedMembers: 0 })).toThrow(/plannedMembers/);
    expect(() => analyseExperiment({ ...input, confidence: 95 })).toThrow(/confidence/);
    const weightless = input.arms.map((a) => ({ ...a, weight: 0 }));
    expect(() => analyseExperiment({ ...input, arms: weightless })).toThrow(/weight/);
  });
});
