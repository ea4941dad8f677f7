// Welch's interval for a difference of two means with unequal variances (Welch 1947): the standard error adds the
// two arms' variances of the mean, the degrees of freedom come from the Welch–Satterthwaite equation, and the
// quantile is Student's t at those (fractional) degrees of freedom.
import { studentTQuantile } from './distributions.ts';

/** One arm's outcome: members, mean and sample variance (n − 1 denominator). */
export interface SampleSummary {
  n: number;
  mean: number;
  variance: number;
}

/** A two-sided interval around a difference of means, in the metric's units (minor units or points per member). */
export interface Interval {
  /** Arm minus holdout. */
  estimate: number;
  standardError: number;
  lower: number;
  upper: number;
  /** The interval lies wholly above or wholly below zero. */
  excludesZero: boolean;
}

export interface WelchInterval extends Interval {
  degreesOfFreedom: number;
}

export function checkConfidence(confidence: number): void {
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`confidence must be in (0, 1), got ${confidence}`);
}

export function makeInterval(estimate: number, standardError: number, halfWidth: number): Interval {
  const lower = estimate - halfWidth;
  const upper = estimate + halfWidth;
  return { estimate, standardError, lower, upper, excludesZero: lower > 0 || upper < 0 };
}

/** ν = (v₁ + v₂)² / (v₁²/(n₁ − 1) + v₂²/(n₂ − 1)), with vᵢ = sᵢ²/nᵢ; n₁ + n₂ − 2 when both variances are zero. */
export function welchDegreesOfFreedom(a: SampleSummary, b: SampleSummary): number {
  const va = a.variance / a.n;
  const vb = b.variance / b.n;
  if (va + vb === 0) return a.n + b.n - 2;
  return (va + vb) ** 2 / (va ** 2 / (a.n - 1) + vb ** 2 / (b.n - 1));
}

/**
 * The Welch interval for mean(treatment) − mean(control) at the given confidence (two-sided), or null when an arm
 * has fewer than two members (no variance to estimate).
 */
export function welchInterval(
  treatment: SampleSummary,
  control: SampleSummary,
  confidence = 0.95,
): WelchInterval | null {
  checkConfidence(confidence);
  if (treatment.n < 2 || control.n < 2) return null;
  const standardError = Math.sqrt(treatment.variance / treatment.n + control.variance / control.n);
  const degreesOfFreedom = welchDegreesOfFreedom(treatment, control);
  const quantile = studentTQuantile(0.5 + confidence / 2, degreesOfFreedom);
  return {
    ...makeInterval(treatment.mean - control.mean, standardError, quantile * standardError),
    degreesOfFreedom,
  };
}
