// fast-check generators of experiment arms, for the property tests.
import fc from 'fast-check';
import type { ArmValues } from './moments.ts';
import { drawMembers, gaussian, seededRandom } from './synthetic.ts';

/** An arm of 2–60 members with arbitrary whole revenue, pre-period revenue and points (ties and constants too). */
export const armValues: fc.Arbitrary<ArmValues> = fc.integer({ min: 2, max: 60 }).chain((n) => {
  const column = (max: number) =>
    fc.oneof(
      fc.array(fc.integer({ min: -max, max }), { minLength: n, maxLength: n }),
      fc.array(fc.integer({ min: 0, max: 20 }), { minLength: n, maxLength: n }),
      fc.integer({ min: 0, max }).map((v) => Array.from({ length: n }, () => v)),
    );
  return fc.record({ revenue: column(1_000_000), preRevenue: column(1_000_000), pointsCost: column(50_000) });
});

/** Two large arms from the synthetic model with a covariate that is independent of revenue. */
export const uncorrelatedArms = fc
  .record({ seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }), n: fc.integer({ min: 500, max: 2000 }) })
  .map(({ seed, n }) => {
    const normal = gaussian(seededRandom(seed));
    const model = { mean: 5000, sdPre: 2000, sdRevenue: 2000, rho: 0, effect: 0, pointsPerMinor: 0.01 };
    return {
      treatment: drawMembers(normal, n, model),
      holdout: drawMembers(normal, n, { ...model, pointsPerMinor: 0 }),
    };
  });
