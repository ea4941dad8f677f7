// Test support for the property and simulation tests: a seeded random number generator and synthetic members whose
// revenue has a known effect and a known correlation with pre-period revenue. Not part of the module's surface.
import type { ArmSums, ArmValues } from './moments.ts';

/** A seeded generator of uniforms in (0, 1): sfc32 (Doty-Humphrey's small fast counter), seeded by splitmix32. */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  const splitmix = () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = splitmix();
  let b = splitmix();
  let c = splitmix();
  let d = splitmix();
  const next = () => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return ((t >>> 0) + 0.5) / 4_294_967_296;
  };
  for (let i = 0; i < 12; i++) next();
  return next;
}

/** Standard normal draws by the Box–Muller transform. */
export function gaussian(uniform: () => number): () => number {
  let spare: number | null = null;
  return () => {
    if (spare !== null) {
      const value = spare;
      spare = null;
      return value;
    }
    const radius = Math.sqrt(-2 * Math.log(uniform()));
    const angle = 2 * Math.PI * uniform();
    spare = radius * Math.sin(angle);
    return radius * Math.cos(angle);
  };
}

export interface MemberModel {
  /** Mean pre-period revenue, minor units (also the holdout's mean revenue during the campaign). */
  mean: number;
  /** Standard deviation of pre-period revenue, minor units: the same in every arm, as assignment is random. */
  sdPre: number;
  /** Standard deviation of campaign revenue, minor units (an arm's effect may spread it). */
  sdRevenue: number;
  /** Correlation of a member's campaign revenue with their pre-period revenue. */
  rho: number;
  /** True effect on revenue per member, minor units. */
  effect: number;
  /** Points the campaign grants per minor unit of revenue (0 for the holdout). */
  pointsPerMinor: number;
}

/** `count` members drawn from the model: bivariate normal (pre, revenue), rounded to whole minor units. */
export function drawMembers(normal: () => number, count: number, model: MemberModel): ArmValues {
  const revenue: number[] = [];
  const preRevenue: number[] = [];
  const pointsCost: number[] = [];
  const spread = Math.sqrt(1 - model.rho * model.rho);
  for (let i = 0; i < count; i++) {
    const z1 = normal();
    const z2 = normal();
    const y = Math.round(model.mean + model.effect + model.sdRevenue * (model.rho * z1 + spread * z2));
    preRevenue.push(Math.round(model.mean + model.sdPre * z1));
    revenue.push(y);
    pointsCost.push(Math.round(Math.max(0, y) * model.pointsPerMinor));
  }
  return { revenue, preRevenue, pointsCost };
}

type NumericSums = { [K in keyof ArmSums]: number };

export const emptySums = (): NumericSums => ({
  n: 0,
  sumPre: 0,
  sumPreSquared: 0,
  sumRevenue: 0,
  sumRevenueSquared: 0,
  sumRevenueTimesPre: 0,
  sumPoints: 0,
  sumPointsSquared: 0,
  sumPointsTimesPre: 0,
});

/** Adds members to running sums, as a mart's daily aggregation would (safe integers at the test's scale). */
export function addMembers(sums: NumericSums, values: ArmValues): void {
  values.revenue.forEach((y, i) => {
    const x = values.preRevenue[i]!;
    const p = values.pointsCost[i]!;
    sums.n += 1;
    sums.sumPre += x;
    sums.sumPreSquared += x * x;
    sums.sumRevenue += y;
    sums.sumRevenueSquared += y * y;
    sums.sumRevenueTimesPre += y * x;
    sums.sumPoints += p;
    sums.sumPointsSquared += p * p;
    sums.sumPointsTimesPre += p * x;
  });
}

/** Draws a multinomial assignment of `total` members to arms with the given probabilities. */
export function assign(uniform: () => number, total: number, probabilities: readonly number[]): number[] {
  const counts = probabilities.map(() => 0);
  for (let i = 0; i < total; i++) {
    let u = uniform();
    let arm = 0;
    while (arm < probabilities.length - 1 && u >= probabilities[arm]!) u -= probabilities[arm++]!;
    counts[arm]! += 1;
  }
  return counts;
}

/** A campaign audience fixed at the start, whose revenue accrues day by day (what Monet's campaigns look at). */
export interface Audience {
  preRevenue: number[];
  /** Each member's persistent spending level, a standard normal: it drives both pre-period and daily revenue. */
  level: number[];
  /** Revenue so far in the campaign, minor units. */
  revenue: number[];
}

export function fixedAudience(normal: () => number, count: number, model: { mean: number; sdPre: number }): Audience {
  const level = Array.from({ length: count }, normal);
  return { preRevenue: level.map((l) => Math.round(model.mean + model.sdPre * l)), level, revenue: level.map(() => 0) };
}

/** One day's revenue for every member: mean + effect + sd·(persistence·level + √(1 − persistence²)·noise). */
export function accrueDay(
  normal: () => number,
  audience: Audience,
  day: { mean: number; sd: number; persistence: number; effect: number },
): void {
  const spread = Math.sqrt(1 - day.persistence ** 2);
  audience.level.forEach((level, i) => {
    const noise = normal();
    audience.revenue[i]! += Math.round(day.mean + day.effect + day.sd * (day.persistence * level + spread * noise));
  });
}

export function audienceSums(audience: Audience): NumericSums {
  const sums = emptySums();
  addMembers(sums, { ...audience, pointsCost: audience.revenue.map(() => 0) });
  return sums;
}
