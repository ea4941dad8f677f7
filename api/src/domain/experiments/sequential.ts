// Always-valid confidence intervals (a confidence sequence) for a difference of means: the normal-mixture boundary
// of Robbins (1970), as the mixture sequential probability ratio test of Johari, Koomen, Pekelis & Walsh (2017) and
// the two-sided normal-mixture boundary of Howard, Ramdas, McAuliffe & Sekhon (2021).
//
// With θ̂ the estimate and V its variance, the likelihood ratio of "effect θ₀" mixed over a N(θ₀, τ²) alternative is
//   Λ(θ₀) = √(V / (V + τ²)) · exp(τ² (θ̂ − θ₀)² / (2V(V + τ²))).
// The test rejects θ₀ once Λ(θ₀) ≥ 1/α; Λ is a martingale under θ₀, so by Ville's inequality the chance that it ever
// does, at any of arbitrarily many looks, is at most α. The θ₀ not (yet) rejected form the interval
//   θ̂ ± √( V(V + τ²)/τ² · (2 ln(1/α) + ln((V + τ²)/V)) ).
//
// The mixing variance τ² is the one parameter. In Howard et al.'s terms (intrinsic time t = 1/V, ρ = 1/τ²), the
// boundary is tightest at t* when ρ = t*/u, where u solves u = 2 ln(1/α) + ln(1 + u) (u ≈ 8.212 at α = 0.05).
// Monet fixes t* at the planned end of the campaign: τ² = u · V*, with V* the variance the estimate will have when
// the planned audience has arrived. At that point the interval is about 1.55 times as wide as a fixed-horizon one;
// it is valid (wider) at any other point. The guarantee is for Gaussian estimates with a known variance; V is
// estimated from the data, as in Johari et al., which the simulation test checks does not break it.
import { type Interval, makeInterval } from './welch.ts';

export interface SequentialInterval extends Interval {
  /** τ², in the metric's squared units. */
  mixingVariance: number;
}

function checkAlpha(alpha: number): void {
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`alpha must be in (0, 1), got ${alpha}`);
}

/** u(α): the solution of u = 2 ln(1/α) + ln(1 + u), by fixed-point iteration (a contraction: |d/du| < 1). */
export function optimalMixingFactor(alpha: number): number {
  checkAlpha(alpha);
  const l = -2 * Math.log(alpha);
  let u = l + Math.log1p(l);
  for (let i = 0; i < 200; i++) {
    const next = l + Math.log1p(u);
    if (Math.abs(next - u) <= 1e-15 * next) return next;
    u = next;
  }
  return u;
}

/** τ² that makes the boundary tightest when the estimate's variance is `plannedVariance`. */
export function mixingVarianceFor(plannedVariance: number, alpha: number): number {
  return optimalMixingFactor(alpha) * plannedVariance;
}

/** Half-width of the normal-mixture confidence sequence at variance V, mixing variance τ², level α. */
export function mixtureHalfWidth(variance: number, mixingVariance: number, alpha: number): number {
  checkAlpha(alpha);
  if (variance === 0) return 0;
  if (!(mixingVariance > 0)) return Number.POSITIVE_INFINITY;
  const scale = (variance * (variance + mixingVariance)) / mixingVariance;
  return Math.sqrt(scale * (-2 * Math.log(alpha) + Math.log1p(mixingVariance / variance)));
}

/**
 * The always-valid interval for an estimate with variance V (the square of its standard error), at confidence
 * 1 − α, with the mixing variance τ² fixed before the first look (see `mixingVarianceFor`).
 */
export function sequentialInterval(
  estimate: number,
  variance: number,
  mixingVariance: number,
  confidence = 0.95,
): SequentialInterval {
  const halfWidth = mixtureHalfWidth(variance, mixingVariance, 1 - confidence);
  return { ...makeInterval(estimate, Math.sqrt(variance), halfWidth), mixingVariance };
}
