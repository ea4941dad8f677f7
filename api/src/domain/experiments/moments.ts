// What the statistics need from each arm: per metric, the mean and variance of the outcome y, the mean and variance
// of the pre-period covariate x, and their covariance. Two ways in, which agree to rounding:
// - sufficient statistics (n, Σy, Σy², Σx, Σx², Σxy), as a mart aggregates them, turned into moments in exact
//   integer arithmetic (BigInt), so variances of large sums lose no digits to cancellation;
// - raw per-member arrays, with a two-pass computation in floating point.
// Money is in minor units and points are points, whole numbers in; moments come out as floats in the same units.

/** A whole number: a safe integer, a bigint, or a decimal string (ClickHouse sends 64-bit integers as strings). */
export type WholeNumber = number | bigint | string;

/** One arm's sufficient statistics over its members. */
export interface ArmSums {
  /** Members in the arm. */
  n: WholeNumber;
  /** Σx and Σx² of pre-period revenue (minor units), the CUPED covariate. */
  sumPre: WholeNumber;
  sumPreSquared: WholeNumber;
  /** Σy, Σy² and Σxy of revenue during the campaign (minor units). */
  sumRevenue: WholeNumber;
  sumRevenueSquared: WholeNumber;
  sumRevenueTimesPre: WholeNumber;
  /** Σp, Σp² and Σpx of the campaign's points cost (points granted by the campaign). */
  sumPoints: WholeNumber;
  sumPointsSquared: WholeNumber;
  sumPointsTimesPre: WholeNumber;
}

const SUM_KEYS: readonly (keyof ArmSums)[] = [
  'n',
  'sumPre',
  'sumPreSquared',
  'sumRevenue',
  'sumRevenueSquared',
  'sumRevenueTimesPre',
  'sumPoints',
  'sumPointsSquared',
  'sumPointsTimesPre',
];

/** One arm's members as parallel arrays (member i is index i in each): whole minor units and points. */
export interface ArmValues {
  revenue: readonly number[];
  preRevenue: readonly number[];
  pointsCost: readonly number[];
}

/** One metric y with the covariate x in one arm. Sample (n − 1) variances; NaN where n is too small. */
export interface MetricMoments {
  n: number;
  meanY: number;
  meanX: number;
  varY: number;
  varX: number;
  covXY: number;
}

export interface ArmMoments {
  n: number;
  revenue: MetricMoments;
  pointsCost: MetricMoments;
}

export function toBigInt(value: WholeNumber, name: string): bigint {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number' && Number.isSafeInteger(value)) return BigInt(value);
  if (typeof value === 'string' && /^-?\d+$/.test(value)) return BigInt(value);
  throw new RangeError(`${name} must be a whole number (a safe integer, a bigint or a decimal string), got ${value}`);
}

/** Moments of y and x from n, Σy, Σy², Σx, Σx², Σxy; throws when the sums cannot come from real members. */
export function metricFromSums(
  n: bigint,
  sumY: bigint,
  sumYY: bigint,
  sumX: bigint,
  sumXX: bigint,
  sumXY: bigint,
  name = 'metric',
): MetricMoments {
  if (n < 0n) throw new RangeError(`${name}: the member count is negative`);
  // n²·(sample variance)·(n − 1)/n, exactly: n·Σy² − (Σy)², and likewise for x and the cross term.
  const cyy = n * sumYY - sumY * sumY;
  const cxx = n * sumXX - sumX * sumX;
  const cxy = n * sumXY - sumY * sumX;
  if (cyy < 0n || cxx < 0n || cxy * cxy > cyy * cxx) {
    throw new RangeError(`${name}: the sums are inconsistent (a negative variance or a correlation beyond ±1)`);
  }
  const count = Number(n);
  const pairs = count * (count - 1);
  return {
    n: count,
    meanY: Number(sumY) / count,
    meanX: Number(sumX) / count,
    varY: count < 2 ? Number.NaN : Number(cyy) / pairs,
    varX: count < 2 ? Number.NaN : Number(cxx) / pairs,
    covXY: count < 2 ? Number.NaN : Number(cxy) / pairs,
  };
}

/** Moments of one arm from its sufficient statistics. */
export function momentsFromSums(sums: ArmSums): ArmMoments {
  const big = Object.fromEntries(SUM_KEYS.map((key) => [key, toBigInt(sums[key], key)])) as Record<
    keyof ArmSums,
    bigint
  >;
  const revenue = metricFromSums(
    big.n,
    big.sumRevenue,
    big.sumRevenueSquared,
    big.sumPre,
    big.sumPreSquared,
    big.sumRevenueTimesPre,
    'revenue',
  );
  const pointsCost = metricFromSums(
    big.n,
    big.sumPoints,
    big.sumPointsSquared,
    big.sumPre,
    big.sumPreSquared,
    big.sumPointsTimesPre,
    'points cost',
  );
  return { n: revenue.n, revenue, pointsCost };
}

function checkValues(values: ArmValues): number {
  const n = values.revenue.length;
  if (values.preRevenue.length !== n || values.pointsCost.length !== n) {
    throw new RangeError('revenue, preRevenue and pointsCost must have one entry per member');
  }
  for (const [name, list] of Object.entries(values) as [string, readonly number[]][]) {
    if (!list.every(Number.isSafeInteger)) throw new RangeError(`${name} must hold whole numbers`);
  }
  return n;
}

/** Moments of y and x from per-member arrays, two-pass (means first, then centred sums). */
export function metricFromValues(y: readonly number[], x: readonly number[]): MetricMoments {
  const n = y.length;
  let sy = 0;
  let sx = 0;
  for (let i = 0; i < n; i++) {
    sy += y[i]!;
    sx += x[i]!;
  }
  const meanY = sy / n;
  const meanX = sx / n;
  let cyy = 0;
  let cxx = 0;
  let cxy = 0;
  for (let i = 0; i < n; i++) {
    const dy = y[i]! - meanY;
    const dx = x[i]! - meanX;
    cyy += dy * dy;
    cxx += dx * dx;
    cxy += dy * dx;
  }
  const df = n < 2 ? Number.NaN : n - 1;
  return { n, meanY, meanX, varY: cyy / df, varX: cxx / df, covXY: cxy / df };
}

/** Moments of one arm from its members' values. */
export function momentsFromValues(values: ArmValues): ArmMoments {
  const n = checkValues(values);
  return {
    n,
    revenue: metricFromValues(values.revenue, values.preRevenue),
    pointsCost: metricFromValues(values.pointsCost, values.preRevenue),
  };
}

/** The sufficient statistics of members' values, exact (what a mart's `sum(...)` columns hold). */
export function sumsOf(values: ArmValues): ArmSums {
  const n = checkValues(values);
  const sums = {
    n: BigInt(n),
    sumPre: 0n,
    sumPreSquared: 0n,
    sumRevenue: 0n,
    sumRevenueSquared: 0n,
    sumRevenueTimesPre: 0n,
    sumPoints: 0n,
    sumPointsSquared: 0n,
    sumPointsTimesPre: 0n,
  };
  for (let i = 0; i < n; i++) {
    const x = BigInt(values.preRevenue[i]!);
    const y = BigInt(values.revenue[i]!);
    const p = BigInt(values.pointsCost[i]!);
    sums.sumPre += x;
    sums.sumPreSquared += x * x;
    sums.sumRevenue += y;
    sums.sumRevenueSquared += y * y;
    sums.sumRevenueTimesPre += y * x;
    sums.sumPoints += p;
    sums.sumPointsSquared += p * p;
    sums.sumPointsTimesPre += p * x;
  }
  return sums;
}
