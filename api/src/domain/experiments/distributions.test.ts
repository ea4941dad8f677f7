import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  chiSquaredQuantile,
  chiSquaredSurvival,
  normalCdf,
  normalQuantile,
  studentTCdf,
  studentTQuantile,
  studentTSurvival,
} from './distributions.ts';
import { lnBeta, lnGamma, regularizedBeta, regularizedGammaP, regularizedGammaQ } from './special-functions.ts';

/** |actual − expected| ≤ tolerance · |expected|. */
const close = (actual: number, expected: number, tolerance: number) =>
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tolerance * Math.abs(expected));

describe('printed tables', () => {
  it('Student t critical values (two-sided 95% and 99%)', () => {
    const table: [number, number, number][] = [
      [0.975, 1, 12.706],
      [0.975, 2, 4.303],
      [0.975, 5, 2.571],
      [0.975, 10, 2.228],
      [0.975, 30, 2.042],
      [0.975, 120, 1.98],
      [0.975, Number.POSITIVE_INFINITY, 1.96],
      [0.995, 4, 4.604],
      [0.995, 20, 2.845],
      [0.95, 15, 1.753],
    ];
    for (const [p, df, t] of table) expect(studentTQuantile(p, df)).toBeCloseTo(t, 3);
  });

  it('chi-squared critical values and their tail probabilities', () => {
    const table: [number, number, number][] = [
      [0.05, 1, 3.841],
      [0.001, 1, 10.828],
      [0.001, 2, 13.816],
      [0.001, 3, 16.266],
      [0.05, 10, 18.307],
    ];
    for (const [alpha, k, x] of table) {
      expect(chiSquaredQuantile(1 - alpha, k)).toBeCloseTo(x, 3);
      close(chiSquaredSurvival(x, k), alpha, 1e-3);
    }
  });
});

describe('against scipy 1.17 (full precision)', () => {
  it('Student t quantiles, whole and fractional degrees of freedom, centre to far tail', () => {
    const cases: [number, number, number][] = [
      [0.975, 3, 3.1824463052837078],
      [0.975, 7.37, 2.3407705849104534],
      [0.95, 12.5, 1.7763662212470306],
      [0.999, 2.5, 13.82219311086596],
      [0.9995, 1.5, 82.84744670366369],
      [0.975, 0.5, 164.55767348048818],
      [1e-10, 3, -2225.769284683093],
      [0.6, 8, 0.26192109674883235],
      [0.6, 30, 0.2556053649519128],
      [0.55, 100, 0.12598088204153987],
      [0.51, 999, 0.025075186488481067],
      [0.501, 1000.5, 0.0025072573262186013],
      [0.7, 2000, 0.5244840993912492],
      [0.975, 600, 1.9639256220427292],
      [0.975, 1e4, 1.960201239890626],
      [0.975, 1e6, 1.959966356814107],
      [0.975, 3e7, 1.9599640636157647],
    ];
    for (const [p, df, t] of cases) close(studentTQuantile(p, df), t, 1e-13);
  });

  it('Student t tail probabilities', () => {
    close(studentTSurvival(2, 5), 0.050969739414929174, 1e-14);
    close(studentTSurvival(-1.5, 3.3), 0.8887484016403541, 1e-14);
    close(studentTSurvival(40, 4), 1.1670081613006339e-6, 1e-13);
    close(studentTSurvival(1e-8, 5), 0.4999999962039331, 1e-14);
    close(studentTCdf(-3, 2.7), 0.03294797882838333, 1e-13);
    close(studentTSurvival(1.96, 1e4), 0.025011760115916513, 1e-12);
  });

  it('chi-squared tail probabilities, including far tails', () => {
    close(chiSquaredSurvival(4, 1), 0.04550026389635857, 1e-13);
    close(chiSquaredSurvival(20, 3), 0.00016974243555282632, 1e-13);
    close(chiSquaredSurvival(30, 10), 0.000856641210775301, 1e-13);
    close(chiSquaredSurvival(100, 4), 9.836624224615988e-21, 1e-13);
    close(chiSquaredSurvival(200, 1), 2.0884875837625688e-45, 1e-12);
    expect(chiSquaredSurvival(0, 3)).toBe(1);
  });

  it('the normal distribution', () => {
    close(normalQuantile(0.975), 1.959963984540054, 1e-15);
    close(normalQuantile(0.3), -0.5244005127080409, 1e-14);
    close(normalQuantile(0.500000001), 2.5066282037387115e-9, 1e-12);
    close(normalQuantile(1e-300), -37.0470962993612, 1e-13);
    close(normalCdf(-8), 6.22096057427174e-16, 1e-13);
    close(normalCdf(1.5), 0.9331927987311419, 1e-15);
  });

  it('special functions', () => {
    close(lnGamma(0.5), 0.5 * Math.log(Math.PI), 1e-15);
    close(lnGamma(10), Math.log(362_880), 1e-15);
    close(lnGamma(0.1), 2.252712651734206, 1e-14);
    close(lnGamma(200.5), 860.5822035097824, 1e-15);
    // ln Γ(½) − ½ ln a + 1/(8a) + O(a⁻³) at a = 1e6, to 20 digits (scipy's betaln gives −6.3353902120, 1e-10 off).
    close(lnBeta(1e6, 0.5), -6.335390211057437, 1e-14);
    close(lnBeta(30, 40), -48.30174909591612, 1e-14);
    close(lnBeta(3.5, 2.25), -3.0408707193828155, 1e-14);
    close(regularizedBeta(2.5, 3.5, 0.3), 0.29675298929566646, 1e-14);
    close(regularizedBeta(500, 0.5, 0.999), 0.31731044730971725, 1e-12);
    close(regularizedGammaQ(3, 1e-3), 0.9999999998334583, 1e-15);
    close(regularizedGammaP(2.5, 4), 0.8437643724222779, 1e-14);
    close(regularizedGammaQ(50, 80), 0.0001307839765914092, 1e-13);
  });
});

describe('exact forms and identities', () => {
  it('one and two degrees of freedom have closed forms (Cauchy; t₂)', () => {
    for (const p of [0.001, 0.1, 0.3, 0.7, 0.975]) {
      close(studentTQuantile(p, 1), Math.tan(Math.PI * (p - 0.5)), 1e-13);
      close(studentTCdf(studentTQuantile(p, 2), 2), p, 1e-14);
    }
  });

  it('the t distribution is symmetric and its quantile inverts its distribution function', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1e-12, max: 1 - 1e-6, noNaN: true }),
        fc.double({ min: 0.3, max: 1e5, noNaN: true }),
        (p, df) => {
          const t = studentTQuantile(p, df);
          // 1 − p carries p's rounding into the far tail, where t moves like q^(−1/df): compare where that is small.
          if (p > 1e-4) close(studentTQuantile(1 - p, df), -t, 1e-10);
          close(studentTCdf(t, df), p, 1e-9);
          close(studentTCdf(t, df) + studentTCdf(-t, df), 1, 1e-14);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('the chi-squared quantile inverts the survival function', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-4, max: 0.9999, noNaN: true }), fc.integer({ min: 1, max: 50 }), (p, k) => {
        close(chiSquaredSurvival(chiSquaredQuantile(p, k), k), 1 - p, 1e-9);
      }),
      { numRuns: 200 },
    );
  });

  it('rejects probabilities and degrees of freedom outside their ranges', () => {
    expect(() => studentTQuantile(0, 5)).toThrow(RangeError);
    expect(() => studentTQuantile(0.5, 0)).toThrow(RangeError);
    expect(() => normalQuantile(1)).toThrow(RangeError);
    expect(() => chiSquaredSurvival(3, -1)).toThrow(RangeError);
  });
});
