/**
 * Predicted lifetime value from the parameters ml/training fitted (BG/NBD for purchases, Gamma-Gamma for their value),
 * the same closed forms as `ml/training/monet_ml/ltv.py`. Time is in days, counted from a member's first purchase.
 */

export interface BgNbdParams {
  r: number;
  alpha: number;
  a: number;
  b: number;
}

export interface GammaGammaParams {
  p: number;
  q: number;
  v: number;
}

export interface ClvParams {
  version: string;
  asOfDate: string;
  bgnbd: BgNbdParams;
  gammaGamma: GammaGammaParams;
}

/** One member's purchase history, as `marts.member_repeat_purchases` has it. */
export interface PurchaseHistory {
  /** Repeat purchase days (x). */
  x: number;
  /** Days from the first purchase day to the last (t_x). */
  tx: number;
  /** Days from the first purchase day (or enrolment) to the as-of date (T). */
  T: number;
  /** Mean net revenue of a repeat purchase day, in minor units; null without one. */
  meanValue: number | null;
}

export interface ClvPrediction {
  expectedPurchases: number;
  probabilityAlive: number;
  expectedSpendPerPurchaseMinor: number;
  predictedClvMinor: number;
}

/** Reads `params.json`, refusing parameters the closed forms cannot use. */
export function parseClvParams(json: unknown, where = 'params.json'): ClvParams {
  const card = json as {
    model?: string;
    version?: string;
    asOfDate?: string;
    bgnbd?: { params?: Partial<BgNbdParams> };
    gammaGamma?: { params?: Partial<GammaGammaParams> };
  } | null;
  if (card?.model !== 'clv') throw new Error(`${where}: not a lifetime-value model`);
  const bg = card.bgnbd?.params ?? {};
  const gg = card.gammaGamma?.params ?? {};
  for (const [name, value] of Object.entries({ ...bg, ...gg })) {
    if (typeof value !== 'number' || !(value > 0) || !Number.isFinite(value)) {
      throw new Error(`${where}: parameter ${name} must be a positive number`);
    }
  }
  if (Object.keys(bg).length !== 4 || Object.keys(gg).length !== 3) throw new Error(`${where}: parameters missing`);
  if ((gg.q ?? 0) <= 1) throw new Error(`${where}: Gamma-Gamma q must exceed 1 for a finite mean spend`);
  if (Math.abs((bg.a ?? 0) - 1) < 1e-9) throw new Error(`${where}: BG/NBD a = 1 has no closed form here`);
  return {
    version: String(card.version),
    asOfDate: String(card.asOfDate),
    bgnbd: bg as BgNbdParams,
    gammaGamma: gg as GammaGammaParams,
  };
}

/** Gauss's hypergeometric 2F1(a, b; c; z) for 0 ≤ z < 1 by its series, to double precision. */
export function hyp2f1(a: number, b: number, c: number, z: number): number {
  let term = 1;
  let sum = 1;
  for (let k = 0; k < 100_000; k++) {
    term *= (((a + k) * (b + k)) / ((c + k) * (k + 1))) * z;
    sum += term;
    if (Math.abs(term) <= 1e-16 * Math.abs(sum)) return sum;
  }
  return sum;
}

/** P(the member has not left for good | x, t_x, T). */
export function probabilityAlive({ r, alpha, a, b }: BgNbdParams, x: number, tx: number, T: number): number {
  if (x === 0) return 1;
  const logOdds = Math.log(a) - Math.log(b + x - 1) + (r + x) * (Math.log(alpha + T) - Math.log(alpha + tx));
  return 1 / (1 + Math.exp(logOdds));
}

/**
 * E[purchases in (T, T + t] | x, t_x, T]. The hypergeometric factor goes through Euler's transformation, as in
 * ltv.py: (1 − z)^(r+x)·2F1(r+x, b+x; c; z) = (1 − z)^(a−1)·2F1(a+b−1−r, a−1; c; z), c = a+b+x−1, z = t/(α+T+t),
 * whose parameters stay small whatever x is.
 */
export function expectedPurchases(params: BgNbdParams, t: number, x: number, tx: number, T: number): number {
  const { r, alpha, a, b } = params;
  const c = a + b + x - 1;
  const z = t / (alpha + T + t);
  const tail = (1 - z) ** (a - 1) * hyp2f1(a + b - 1 - r, a - 1, c, z);
  return ((a + b + x - 1) / (a - 1)) * (1 - tail) * probabilityAlive(params, x, tx, T);
}

/** E[value of a purchase | x repeat purchases of mean value m]: the population mean vp/(q−1) when x = 0. */
export function expectedSpendPerPurchase({ p, q, v }: GammaGammaParams, x: number, meanValue: number | null): number {
  const population = (v * p) / (q - 1);
  if (x === 0 || meanValue === null) return population;
  // A member whose refunds outweigh their repeat purchases counts as spending nothing, not less than nothing.
  const m = Math.max(meanValue, 0);
  const weight = (p * x) / (p * x + q - 1);
  return (1 - weight) * population + weight * m;
}

/** The member's predicted purchases, survival, spend per purchase and lifetime value over `horizonDays`. */
export function predictClv(params: ClvParams, horizonDays: number, history: PurchaseHistory): ClvPrediction {
  const { x, tx, T, meanValue } = history;
  const purchases = expectedPurchases(params.bgnbd, horizonDays, x, tx, T);
  const spend = expectedSpendPerPurchase(params.gammaGamma, x, meanValue);
  return {
    expectedPurchases: purchases,
    probabilityAlive: probabilityAlive(params.bgnbd, x, tx, T),
    expectedSpendPerPurchaseMinor: spend,
    predictedClvMinor: purchases * spend,
  };
}

/** Lifetime-value columns of many members (`clvColumnPredictor` fills member i's row of each). */
export interface ClvColumns {
  expectedPurchases: Float64Array;
  probabilityAlive: Float64Array;
  expectedSpendPerPurchaseMinor: Float64Array;
  predictedClvMinor: Float64Array;
}

export function clvColumns(n: number): ClvColumns {
  return {
    expectedPurchases: new Float64Array(n),
    probabilityAlive: new Float64Array(n),
    expectedSpendPerPurchaseMinor: new Float64Array(n),
    predictedClvMinor: new Float64Array(n),
  };
}

/**
 * predictClv for many members of one model and horizon, written into columns without an object per member (a run
 * has a million). The expectation's hypergeometric part depends on x and T only, which many members share (whole
 * days), so it is computed once per (x, T) pair. `meanValue` is NaN for a member without one.
 */
export function clvColumnPredictor(
  params: ClvParams,
  horizonDays: number,
): (out: ClvColumns, i: number, x: number, tx: number, T: number, meanValue: number) => void {
  const { r, alpha, a, b } = params.bgnbd;
  const parts = new Map<number, number>();
  return (out, i, x, tx, T, meanValue) => {
    const integral = Number.isInteger(x) && Number.isInteger(T) && x < 1e6 && T < 1e6 && T >= 0;
    const key = x * 1e6 + T;
    let part = integral ? parts.get(key) : undefined;
    if (part === undefined) {
      const z = horizonDays / (alpha + T + horizonDays);
      const tail = (1 - z) ** (a - 1) * hyp2f1(a + b - 1 - r, a - 1, a + b + x - 1, z);
      part = ((a + b + x - 1) / (a - 1)) * (1 - tail);
      if (integral) parts.set(key, part);
    }
    const alive = probabilityAlive(params.bgnbd, x, tx, T);
    const purchases = part * alive;
    const spend = expectedSpendPerPurchase(params.gammaGamma, x, Number.isNaN(meanValue) ? null : meanValue);
    out.expectedPurchases[i] = purchases;
    out.probabilityAlive[i] = alive;
    out.expectedSpendPerPurchaseMinor[i] = spend;
    out.predictedClvMinor[i] = purchases * spend;
  };
}

/** predictClv for many members of one model and horizon, one at a time (through clvColumnPredictor and its cache). */
export function clvPredictor(params: ClvParams, horizonDays: number): (history: PurchaseHistory) => ClvPrediction {
  const fill = clvColumnPredictor(params, horizonDays);
  const one = clvColumns(1);
  return ({ x, tx, T, meanValue }) => {
    fill(one, 0, x, tx, T, meanValue ?? Number.NaN);
    return {
      expectedPurchases: one.expectedPurchases[0]!,
      probabilityAlive: one.probabilityAlive[0]!,
      expectedSpendPerPurchaseMinor: one.expectedSpendPerPurchaseMinor[0]!,
      predictedClvMinor: one.predictedClvMinor[0]!,
    };
  };
}
