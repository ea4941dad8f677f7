// Sample ratio mismatch (Fabijan et al. 2019, "Diagnosing Sample Ratio Mismatch in Online Controlled Experiments"):
// a chi-squared goodness-of-fit test of the members each arm received against the configured split. A mismatch
// means assignment or logging lost members unevenly, and every other figure of the experiment is suspect. The
// threshold is strict (p < 0.001 by default) because the check runs on every look at every campaign.
import { chiSquaredSurvival } from './distributions.ts';

export interface SampleRatioResult {
  /** Σ (observed − expected)² / expected. */
  chiSquared: number;
  /** Arms − 1. */
  degreesOfFreedom: number;
  /** P(χ² ≥ chiSquared) when assignment follows the configured split. */
  pValue: number;
  threshold: number;
  /** pValue < threshold. */
  mismatch: boolean;
  /** Members each arm should have received, in the order given. */
  expected: number[];
}

/** The SRM test of observed member counts against configured weights (any positive scale: 90/10 or 0.9/0.1). */
export function sampleRatioCheck(
  observed: readonly number[],
  weights: readonly number[],
  threshold = 0.001,
): SampleRatioResult {
  if (observed.length !== weights.length) throw new RangeError('one weight per arm is needed');
  if (observed.length < 2) throw new RangeError('a sample ratio check needs at least two arms');
  if (!observed.every((n) => Number.isSafeInteger(n) && n >= 0)) throw new RangeError('counts must be whole, ≥ 0');
  if (!weights.every((w) => Number.isFinite(w) && w > 0)) throw new RangeError('weights must be positive');
  if (!(threshold > 0 && threshold < 1)) throw new RangeError(`threshold must be in (0, 1), got ${threshold}`);
  const total = observed.reduce((sum, n) => sum + n, 0);
  const weightSum = weights.reduce((sum, w) => sum + w, 0);
  const expected = weights.map((w) => (total * w) / weightSum);
  const degreesOfFreedom = observed.length - 1;
  if (total === 0) return { chiSquared: 0, degreesOfFreedom, pValue: 1, threshold, mismatch: false, expected };
  const chiSquared = observed.reduce((sum, n, i) => sum + (n - expected[i]!) ** 2 / expected[i]!, 0);
  const pValue = chiSquaredSurvival(chiSquared, degreesOfFreedom);
  return { chiSquared, degreesOfFreedom, pValue, threshold, mismatch: pValue < threshold, expected };
}
