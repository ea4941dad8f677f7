import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyseExperiment, type Effect, type ExperimentResult } from './analyse-experiment.ts';
import { armValues, uncorrelatedArms } from './experiments.arbitraries.ts';
import { type ArmValues, sumsOf } from './moments.ts';

const runs = { numRuns: 200 };

const twoArms = (treatment: ArmValues, holdout: ArmValues, holdoutName = 'holdout') =>
  analyseExperiment({
    arms: [
      { arm: 'treatment', weight: 1, members: treatment },
      { arm: 'holdout', weight: 1, members: holdout },
    ],
    holdout: holdoutName,
    plannedMembers: 2 * Math.max(treatment.revenue.length, holdout.revenue.length),
  });

const effects = (result: ExperimentResult): Effect[] =>
  result.comparisons.flatMap((c) => [c.incrementalRevenue, c.incrementalPointsCost]);

/** Every number of `a` within rounding of the same number of `b`, booleans and strings equal. */
function expectNear(a: unknown, b: unknown, floor: number, path = 'result'): void {
  if (typeof a === 'number' && typeof b === 'number') {
    const tolerance = 1e-9 * Math.max(Math.abs(a), Math.abs(b)) + floor;
    if (!(Math.abs(a - b) <= tolerance || (Number.isNaN(a) && Number.isNaN(b)))) {
      expect.fail(`${path}: ${a} and ${b} differ by more than ${tolerance}`);
    }
  } else if (a && b && typeof a === 'object' && typeof b === 'object') {
    expect(Object.keys(b).sort(), path).toEqual(Object.keys(a).sort());
    for (const key of Object.keys(a)) {
      expectNear((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], floor, `${path}.${key}`);
    }
  } else {
    expect(b, path).toEqual(a);
  }
}

describe('experiment statistics properties', () => {
  it('every interval contains its own point estimate', () => {
    fc.assert(
      fc.property(armValues, armValues, (treatment, holdout) => {
        for (const effect of effects(twoArms(treatment, holdout))) {
          for (const interval of [effect.welch!, effect.cuped!, effect.sequential!]) {
            expect(interval.lower).toBeLessThanOrEqual(interval.estimate);
            expect(interval.upper).toBeGreaterThanOrEqual(interval.estimate);
          }
          expect(effect.sequential!.estimate).toBe(effect.cuped!.estimate);
        }
      }),
      runs,
    );
  });

  it('swapping the arms negates every difference and mirrors every interval', () => {
    fc.assert(
      fc.property(armValues, armValues, (a, b) => {
        const forward = effects(twoArms(a, b));
        const backward = effects(twoArms(a, b, 'treatment'));
        forward.forEach((f, i) => {
          const g = backward[i]!;
          expect(g.estimate).toBeCloseTo(-f.estimate!, 9);
          for (const kind of ['welch', 'cuped', 'sequential'] as const) {
            const [x, y] = [f[kind]!, g[kind]!];
            expect(y.estimate + x.estimate).toBeCloseTo(0, 9);
            expect(y.lower + x.upper).toBeCloseTo(0, 9);
            expect(y.upper + x.lower).toBeCloseTo(0, 9);
            expect(y.standardError).toBe(x.standardError);
            expect(y.excludesZero).toBe(x.excludesZero);
          }
          expect(g.cuped!.theta).toBe(f.cuped!.theta);
        });
      }),
      runs,
    );
  });

  it('the sufficient-statistics path gives the raw-array path’s results', () => {
    fc.assert(
      fc.property(armValues, armValues, armValues, (a, b, holdout) => {
        const arms = [
          { arm: 'a', weight: 45, values: a },
          { arm: 'b', weight: 45, values: b },
          { arm: 'holdout', weight: 10, values: holdout },
        ];
        const input = { holdout: 'holdout', plannedMembers: 100, pointValueMinor: 1 };
        const raw = analyseExperiment({
          ...input,
          arms: arms.map(({ values, ...arm }) => ({ ...arm, members: values })),
        });
        const sums = analyseExperiment({
          ...input,
          arms: arms.map(({ values, ...arm }) => ({ ...arm, sums: sumsOf(values) })),
        });
        const largest = Math.max(...[a, b, holdout].flatMap((v) => [...v.revenue, ...v.preRevenue].map(Math.abs)));
        expectNear(raw, sums, 1e-9 * (1 + largest));
      }),
      runs,
    );
  });

  it('CUPED with an independent covariate barely moves the estimate or the width', () => {
    fc.assert(
      fc.property(uncorrelatedArms, ({ treatment, holdout }) => {
        const { incrementalRevenue: revenue } = twoArms(treatment, holdout).comparisons[0]!;
        const [welch, cuped] = [revenue.welch!, revenue.cuped!];
        expect(Math.abs(cuped.varianceReduction)).toBeLessThan(0.03);
        expect(Math.abs(cuped.standardError / welch.standardError - 1)).toBeLessThan(0.03);
        expect(Math.abs(cuped.estimate - welch.estimate)).toBeLessThan(0.5 * welch.standardError);
      }),
      { numRuns: 50 },
    );
  });
});
