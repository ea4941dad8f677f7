// The special functions the distributions need, in double precision: log-gamma, log-beta, the regularized
// incomplete beta function (Student t) and the regularized incomplete gamma functions (chi-squared, normal).
// Methods: Lanczos (g = 7) for log-gamma; Stirling's series for log-beta of large arguments, as R's lbeta does, so
// that Student t stays accurate at millions of degrees of freedom; modified Lentz continued fractions (Numerical
// Recipes §6.2 and §6.4) for the incomplete functions.

const EPS = Number.EPSILON;
const TINY = 1e-300;
const MAX_ITERATIONS = 100_000;
const LN_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** ln Γ(z) for z > 0 (and non-integer z < 0 by reflection). */
export function lnGamma(z: number): number {
  if (z < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * z))) - lnGamma(1 - z);
  const x = z - 1;
  let series = LANCZOS[0]!;
  for (let i = 1; i < LANCZOS.length; i++) series += LANCZOS[i]! / (x + i);
  const t = x + 7.5;
  return LN_SQRT_2PI + (x + 0.5) * Math.log(t) - t + Math.log(series);
}

/** The remainder of Stirling's series, ln Γ(x) − ((x − ½) ln x − x + ln √(2π)), for x ≥ 10 (error < 1e-15). */
function stirlingCorrection(x: number): number {
  const r = 1 / (x * x);
  return (1 / 12 - r * (1 / 360 - r * (1 / 1260 - r * (1 / 1680 - r * (1 / 1188 - (r * 691) / 360360))))) / x;
}

/** ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b), without the cancellation that loses digits for large a or b. */
export function lnBeta(a: number, b: number): number {
  const p = Math.min(a, b);
  const q = Math.max(a, b);
  if (p >= 10) {
    const correction = stirlingCorrection(p) + stirlingCorrection(q) - stirlingCorrection(p + q);
    return (
      -0.5 * Math.log(q) + LN_SQRT_2PI + correction + (p - 0.5) * Math.log(p / (p + q)) + q * Math.log1p(-p / (p + q))
    );
  }
  if (q >= 10) {
    const correction = stirlingCorrection(q) - stirlingCorrection(p + q);
    return lnGamma(p) + correction + p - p * Math.log(p + q) + (q - 0.5) * Math.log1p(-p / (p + q));
  }
  return lnGamma(p) + lnGamma(q) - lnGamma(p + q);
}

/** Continued fraction for I_x(a, b) (Numerical Recipes' betacf); converges fast for x < (a + 1) / (a + b + 2). */
function betaFraction(a: number, b: number, x: number): number {
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= MAX_ITERATIONS; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPS) return h;
  }
  throw new RangeError(`incomplete beta did not converge (a=${a}, b=${b}, x=${x})`);
}

/**
 * The regularized incomplete beta function I_x(a, b), for a, b > 0 and 0 ≤ x ≤ 1. `y` is 1 − x; pass it when it is
 * known more precisely than `1 - x` (Student t's tails), so that neither x nor y loses digits.
 */
export function regularizedBeta(a: number, b: number, x: number, y: number = 1 - x): number {
  if (!(a > 0 && b > 0)) throw new RangeError(`regularizedBeta needs a, b > 0 (a=${a}, b=${b})`);
  if (!(x >= 0 && x <= 1)) throw new RangeError(`regularizedBeta needs 0 ≤ x ≤ 1 (x=${x})`);
  if (x === 0) return 0;
  if (y === 0) return 1;
  const lnX = x > 0.5 ? Math.log1p(-y) : Math.log(x);
  const lnY = y > 0.5 ? Math.log1p(-x) : Math.log(y);
  const front = Math.exp(a * lnX + b * lnY - lnBeta(a, b));
  if (x < (a + 1) / (a + b + 2)) return (front * betaFraction(a, b, x)) / a;
  return 1 - (front * betaFraction(b, a, y)) / b;
}

/** The regularized lower incomplete gamma function P(a, x) = γ(a, x) / Γ(a), for a > 0, x ≥ 0. */
export function regularizedGammaP(a: number, x: number): number {
  return x < a + 1 ? gammaSeries(a, x) : 1 - gammaFraction(a, x);
}

/** The regularized upper incomplete gamma function Q(a, x) = 1 − P(a, x), accurate in the far upper tail. */
export function regularizedGammaQ(a: number, x: number): number {
  return x < a + 1 ? 1 - gammaSeries(a, x) : gammaFraction(a, x);
}

function checkGamma(a: number, x: number): void {
  if (!(a > 0)) throw new RangeError(`incomplete gamma needs a > 0 (a=${a})`);
  if (!(x >= 0)) throw new RangeError(`incomplete gamma needs x ≥ 0 (x=${x})`);
}

/** P(a, x) by its power series, for x < a + 1. */
function gammaSeries(a: number, x: number): number {
  checkGamma(a, x);
  if (x === 0) return 0;
  let term = 1 / a;
  let sum = term;
  for (let n = 1; n <= MAX_ITERATIONS; n++) {
    term *= x / (a + n);
    sum += term;
    if (Math.abs(term) < Math.abs(sum) * EPS) return sum * Math.exp(-x + a * Math.log(x) - lnGamma(a));
  }
  throw new RangeError(`incomplete gamma series did not converge (a=${a}, x=${x})`);
}

/** Q(a, x) by its continued fraction (modified Lentz), for x ≥ a + 1. */
function gammaFraction(a: number, x: number): number {
  checkGamma(a, x);
  if (x === Number.POSITIVE_INFINITY) return 0;
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i <= MAX_ITERATIONS; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPS) return Math.exp(-x + a * Math.log(x) - lnGamma(a)) * h;
  }
  throw new RangeError(`incomplete gamma fraction did not converge (a=${a}, x=${x})`);
}
