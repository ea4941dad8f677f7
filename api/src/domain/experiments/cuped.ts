// CUPED (Deng, Xu, Kohavi & Walker 2013): subtract from each member's outcome the part its pre-period revenue
// predicts, Y − θ(X − x̄), with θ = cov(Y, X) / var(X). X was fixed before assignment, so the adjusted difference of
// means estimates the same effect, with its variance multiplied by 1 − ρ² (ρ the correlation of Y and X).
// θ pools the two arms compared: the within-arm covariance over the within-arm variance of X (the slope of the
// regression of Y on X with an arm indicator), so a treatment effect on Y does not leak into θ.
import type { MetricMoments } from './moments.ts';
import { type SampleSummary, type WelchInterval, welchInterval } from './welch.ts';

export interface CupedAdjustment {
  /** The pooled within-arm slope of the outcome on the covariate. */
  theta: number;
  /** The pooled within-arm correlation of the outcome and the covariate: the variance reduction predicts ρ². */
  correlation: number;
  treatment: SampleSummary;
  control: SampleSummary;
  /** 1 − var(adjusted difference of means) / var(raw difference of means); ≈ ρ² when the arms have alike ρ. */
  varianceReduction: number;
}

export interface CupedInterval extends WelchInterval {
  theta: number;
  correlation: number;
  varianceReduction: number;
}

/** Adjusted means and variances of both arms, or null when an arm has fewer than two members. */
export function cupedAdjust(treatment: MetricMoments, control: MetricMoments): CupedAdjustment | null {
  if (treatment.n < 2 || control.n < 2) return null;
  const syy = (treatment.n - 1) * treatment.varY + (control.n - 1) * control.varY;
  const sxx = (treatment.n - 1) * treatment.varX + (control.n - 1) * control.varX;
  const sxy = (treatment.n - 1) * treatment.covXY + (control.n - 1) * control.covXY;
  const theta = sxx > 0 ? sxy / sxx : 0;
  const correlation = sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : 0;
  const meanX = (treatment.n * treatment.meanX + control.n * control.meanX) / (treatment.n + control.n);
  const adjust = (arm: MetricMoments): SampleSummary => ({
    n: arm.n,
    mean: arm.meanY - theta * (arm.meanX - meanX),
    variance: Math.max(0, arm.varY - 2 * theta * arm.covXY + theta * theta * arm.varX),
  });
  const adjusted = { treatment: adjust(treatment), control: adjust(control) };
  const rawVariance = treatment.varY / treatment.n + control.varY / control.n;
  const adjustedVariance = adjusted.treatment.variance / treatment.n + adjusted.control.variance / control.n;
  const varianceReduction = rawVariance > 0 ? 1 - adjustedVariance / rawVariance : 0;
  return { theta, correlation, ...adjusted, varianceReduction };
}

/** Welch's interval on the CUPED-adjusted outcomes, with θ, ρ and the variance reduction achieved. */
export function cupedInterval(
  treatment: MetricMoments,
  control: MetricMoments,
  confidence = 0.95,
): CupedInterval | null {
  const adjustment = cupedAdjust(treatment, control);
  return adjustment && intervalOfAdjustment(adjustment, confidence);
}

/** Welch's interval on outcomes already adjusted by `cupedAdjust`. */
export function intervalOfAdjustment(adjustment: CupedAdjustment, confidence = 0.95): CupedInterval | null {
  const interval = welchInterval(adjustment.treatment, adjustment.control, confidence);
  if (!interval) return null;
  const { theta, correlation, varianceReduction } = adjustment;
  return { ...interval, theta, correlation, varianceReduction };
}
