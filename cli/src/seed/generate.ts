import { CATALOG, DEMO_REWARDS } from './merchant.ts';
import { Random } from './random.ts';

/** A receipt line, as `POST /v1/events` takes it. */
export interface LineItem {
  sku: string;
  category: string;
  quantity: number;
  unitAmountMinor: number;
}

export interface SeedParams {
  members: number;
  months: number;
  seed: number;
  /** The end of the seeded period (exclusive); the period starts `months` earlier. */
  until: Date;
}

export type Activity =
  | { type: 'signup'; externalId: string; at: Date }
  | { type: 'purchase'; externalId: string; at: Date; amountMinor: number; lineItems: LineItem[] }
  | { type: 'refund'; externalId: string; at: Date; refundOf: string; amountMinor: number }
  /** A wish to redeem: it happens only if the member's balance covers the reward by then. */
  | { type: 'redeem'; key: string; at: Date; reward: number };

export interface SeedMember {
  index: number;
  externalId: string;
  email: string;
  firstName: string;
  lastName: string;
  enrolledAt: Date;
  /** In time order, the first one the sign-up at enrolment. */
  activities: Activity[];
}

const DAY = 86_400_000;
const FIRST_NAMES = ['Camille', 'Léa', 'Louis', 'Hugo', 'Chloé', 'Jules', 'Inès', 'Lucas', 'Manon', 'Nathan'];
const LAST_NAMES = ['Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'Leroy', 'Moreau'];

/** Model constants; the README explains each. */
export const MODEL = {
  /** Members enrolled per day grow linearly to this multiple of the first day's by the end of the period. */
  growth: 3,
  /** Amplitude of the yearly cycle of enrolments and visits, peaking in December. */
  seasonality: 0.25,
  /** Median visits per week, and the spread (log-normal sigma) of members' own rates. */
  medianVisitsPerWeek: 1,
  visitRateSigma: 0.8,
  /** Monthly drop-out probability: each member's own, uniform in this range. */
  monthlyChurn: [0.02, 0.15] as const,
  refundRate: 0.02,
  redeemIntentRate: 0.15,
} as const;

export function seedPeriod(params: Pick<SeedParams, 'months' | 'until'>): { start: Date; end: Date } {
  const end = params.until;
  const start = new Date(end);
  start.setUTCMonth(start.getUTCMonth() - params.months);
  return { start, end };
}

/** 1 ± amplitude over the year, highest in mid-December. */
function season(t: number): number {
  const dayOfYear = (t - Date.UTC(new Date(t).getUTCFullYear(), 0, 1)) / DAY;
  return 1 + MODEL.seasonality * Math.cos((2 * Math.PI * (dayOfYear - 350)) / 365);
}

/** Cumulative enrolment weight per day of the period: growth times seasonality. */
function enrolmentCurve(start: number, end: number): Float64Array {
  const days = Math.ceil((end - start) / DAY);
  const cumulative = new Float64Array(days);
  let sum = 0;
  for (let d = 0; d < days; d++) {
    sum += (1 + ((MODEL.growth - 1) * d) / days) * season(start + d * DAY);
    cumulative[d] = sum;
  }
  return cumulative;
}

/** The day holding quantile q of the curve (binary search). */
function dayAt(cumulative: Float64Array, q: number): number {
  const target = q * (cumulative[cumulative.length - 1] as number);
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((cumulative[mid] as number) < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const totalWeight = CATALOG.reduce((sum, item) => sum + item.weight, 0);
function pickItem(rng: Random) {
  let r = rng.next() * totalWeight;
  for (const item of CATALOG) {
    r -= item.weight;
    if (r < 0) return item;
  }
  return CATALOG[CATALOG.length - 1]!;
}

/** A basket of 1–4 lines (fewer more likely), so order values are right-skewed like real receipts. */
function basket(rng: Random): LineItem[] {
  const lines = new Map<string, LineItem>();
  const count = 1 + Math.min(3, Math.floor(rng.exponential(0.8)));
  for (let i = 0; i < count; i++) {
    const item = pickItem(rng);
    const quantity = rng.chance(0.1) ? 2 : 1;
    const line = lines.get(item.sku);
    if (line) line.quantity += quantity;
    else
      lines.set(item.sku, { sku: item.sku, category: item.category, quantity, unitAmountMinor: item.unitAmountMinor });
  }
  return [...lines.values()];
}

/** A visit time during opening hours (07:00–19:00 in Paris, roughly 06:00–18:00 UTC) on the day of `t`. */
function openingHours(rng: Random, t: number): number {
  const day = Math.floor(t / DAY) * DAY;
  return day + 6 * 3_600_000 + Math.floor(rng.next() * 12 * 3_600_000);
}

/** Redeem wishes lean to the cheaper rewards. */
function pickReward(rng: Random): number {
  const r = rng.next();
  return r < 0.6 ? 0 : r < 0.9 ? 1 : DEMO_REWARDS.length - 1;
}

function member(rng: Random, index: number, enrolledAt: number, end: number): SeedMember {
  const firstName = rng.pick(FIRST_NAMES);
  const lastName = rng.pick(LAST_NAMES);
  const externalId = `cust-${String(index + 1).padStart(7, '0')}`;
  const activities: Activity[] = [{ type: 'signup', externalId: `signup-${index + 1}`, at: new Date(enrolledAt) }];
  const visitsPerDay = (MODEL.medianVisitsPerWeek / 7) * Math.exp(MODEL.visitRateSigma * rng.normal());
  const [minChurn, maxChurn] = MODEL.monthlyChurn;
  const dailySurvival = (1 - (minChurn + rng.next() * (maxChurn - minChurn))) ** (1 / 30);
  const maxSeason = 1 + MODEL.seasonality;
  // Most members sign up at the till with their first order.
  let t = rng.chance(0.8) ? enrolledAt + 60_000 : openingHours(rng, enrolledAt + DAY * (1 + rng.exponential(5)));
  let orders = 0;
  while (t < end) {
    orders++;
    const orderId = `ord-${index + 1}-${orders}`;
    const lineItems = basket(rng);
    const amountMinor = lineItems.reduce((sum, l) => sum + l.quantity * l.unitAmountMinor, 0);
    activities.push({ type: 'purchase', externalId: orderId, at: new Date(t), amountMinor, lineItems });
    if (rng.chance(MODEL.refundRate)) {
      const at = t + DAY * rng.int(1, 5);
      if (at < end)
        activities.push({
          type: 'refund',
          externalId: `rfd-${index + 1}-${orders}`,
          at: new Date(at),
          refundOf: orderId,
          amountMinor,
        });
    }
    if (rng.chance(MODEL.redeemIntentRate)) {
      activities.push({
        type: 'redeem',
        key: `rdm-${index + 1}-${orders}`,
        at: new Date(t + 30_000),
        reward: pickReward(rng),
      });
    }
    // Next visit: a Poisson process thinned by the season; each day survived against the member's churn.
    let next = t;
    do next += rng.exponential(1 / visitsPerDay) * DAY;
    while (!rng.chance(season(next) / maxSeason));
    const gapDays = (next - t) / DAY;
    if (!rng.chance(dailySurvival ** gapDays)) break;
    t = Math.max(openingHours(rng, next), t + 60_000);
  }
  activities.sort((a, b) => a.at.getTime() - b.at.getTime());
  return {
    index,
    externalId,
    email: `${firstName}.${lastName}.${index + 1}@demo-coffee.example`
      .toLowerCase()
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, ''),
    firstName,
    lastName,
    enrolledAt: new Date(enrolledAt),
    activities,
  };
}

/**
 * The members of a seed, in enrolment order, one at a time (a million members never sit in memory together).
 * Member i enrols at quantile (i + u)/N of the acquisition curve; each member draws from a stream of their own.
 */
export function* seedMembers(params: SeedParams): Generator<SeedMember> {
  const { start, end } = seedPeriod(params);
  const curve = enrolmentCurve(start.getTime(), end.getTime());
  const root = new Random(params.seed);
  for (let i = 0; i < params.members; i++) {
    const rng = root.fork(i);
    const day = dayAt(curve, (i + rng.next()) / params.members);
    const enrolledAt = Math.min(
      Math.max(openingHours(rng, start.getTime() + day * DAY), start.getTime()),
      end.getTime() - 3_600_000,
    );
    yield member(rng, i, enrolledAt, end.getTime());
  }
}
