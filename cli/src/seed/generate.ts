import {
  CAMPAIGN_MODEL,
  type CampaignSeat,
  drawSeats,
  type SeedCampaign,
  seedCampaigns,
  treatmentAt,
} from './campaigns.ts';
import { anonymousOrder, GUEST_MODEL, type GuestOrder, identifiedGuest, preEnrolmentOrders } from './guests.ts';
import { DEMO_REWARDS } from './merchant.ts';
import { Random } from './random.ts';
import { basket, basketTotal, DAY, type LineItem, openingHours, SEASONALITY, season } from './shop.ts';

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
  /** The campaigns whose audience the member is in. */
  seats: CampaignSeat[];
  /** Orders placed as a guest before enrolling, under the member's external id. */
  guestOrders: GuestOrder[];
}

const FIRST_NAMES = ['Camille', 'Léa', 'Louis', 'Hugo', 'Chloé', 'Jules', 'Inès', 'Lucas', 'Manon', 'Nathan'];
const LAST_NAMES = ['Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'Leroy', 'Moreau'];

/** Model constants; the README explains each. */
export const MODEL = {
  /** Members enrolled per day grow linearly to this multiple of the first day's by the end of the period. */
  growth: 3,
  /** Median visits per week, and the spread (log-normal sigma) of members' own rates. */
  medianVisitsPerWeek: 1,
  visitRateSigma: 0.8,
  /** Monthly drop-out probability: each member's own, uniform in this range. */
  monthlyChurn: [0.02, 0.15] as const,
  refundRate: 0.02,
  redeemIntentRate: 0.15,
} as const;

interface Period {
  start: number;
  end: number;
}

export function seedPeriod(params: Pick<SeedParams, 'months' | 'until'>): { start: Date; end: Date } {
  const end = params.until;
  const start = new Date(end);
  start.setUTCMonth(start.getUTCMonth() - params.months);
  return { start, end };
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

/** Redeem wishes lean to the cheaper rewards. */
function pickReward(rng: Random): number {
  const r = rng.next();
  return r < 0.6 ? 0 : r < 0.9 ? 1 : DEMO_REWARDS.length - 1;
}

function member(rng: Random, index: number, enrolledAt: number, period: Period, campaigns: SeedCampaign[]): SeedMember {
  const end = period.end;
  const firstName = rng.pick(FIRST_NAMES);
  const lastName = rng.pick(LAST_NAMES);
  const externalId = `cust-${String(index + 1).padStart(7, '0')}`;
  const activities: Activity[] = [{ type: 'signup', externalId: `signup-${index + 1}`, at: new Date(enrolledAt) }];
  const visitsPerDay = (MODEL.medianVisitsPerWeek / 7) * Math.exp(MODEL.visitRateSigma * rng.normal());
  const [minChurn, maxChurn] = MODEL.monthlyChurn;
  const dailySurvival = (1 - (minChurn + rng.next() * (maxChurn - minChurn))) ** (1 / 30);
  const seats = drawSeats(rng, enrolledAt, campaigns);
  // Treatment windows lift the visit rate: proposals at the highest rate, thinned by season and lift.
  const maxLift = seats.some((s) => s.variant === 'treatment') ? CAMPAIGN_MODEL.lift : 1;
  const lift = (t: number) => (treatmentAt(seats, campaigns, t) ? CAMPAIGN_MODEL.lift : 1);
  const maxSeason = 1 + SEASONALITY;
  // Most members sign up at the till with their first order.
  let t = rng.chance(0.8) ? enrolledAt + 60_000 : openingHours(rng, enrolledAt + DAY * (1 + rng.exponential(5)));
  let orders = 0;
  while (t < end) {
    orders++;
    const orderId = `ord-${index + 1}-${orders}`;
    const lineItems = basket(rng);
    const amountMinor = basketTotal(lineItems);
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
    // Next visit: a Poisson process thinned by the season and campaigns; each day survived against churn.
    let next = t;
    do next += rng.exponential(1 / (visitsPerDay * maxLift)) * DAY;
    while (!rng.chance((season(next) * lift(next)) / (maxSeason * maxLift)));
    const gapDays = (next - t) / DAY;
    if (!rng.chance(dailySurvival ** gapDays)) break;
    t = Math.max(openingHours(rng, next), t + 60_000);
  }
  activities.sort((a, b) => a.at.getTime() - b.at.getTime());
  const guestOrders = preEnrolmentOrders(rng, index, externalId, visitsPerDay, enrolledAt, period.start);
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
    seats,
    guestOrders,
  };
}

/**
 * The members of a seed, in enrolment order, one at a time (a million members never sit in memory together).
 * Member i enrols at quantile (i + u)/N of the acquisition curve; each member draws from a stream of their own.
 */
export function* seedMembers(params: SeedParams): Generator<SeedMember> {
  const { start, end } = seedPeriod(params);
  const curve = enrolmentCurve(start.getTime(), end.getTime());
  const campaigns = seedCampaigns({ start, end });
  const root = new Random(params.seed);
  for (let i = 0; i < params.members; i++) {
    const rng = root.fork(i);
    const day = dayAt(curve, (i + rng.next()) / params.members);
    const enrolledAt = Math.min(
      Math.max(openingHours(rng, start.getTime() + day * DAY), start.getTime()),
      end.getTime() - 3_600_000,
    );
    yield member(rng, i, enrolledAt, { start: start.getTime(), end: end.getTime() }, campaigns);
  }
}

/** The campaigns of a seed: the same for both writers and for every member. */
export const campaignsOf = (params: Pick<SeedParams, 'months' | 'until'>) => seedCampaigns(seedPeriod(params));

/** How many identified non-members and anonymous orders a seed has: `seedGuests` yields their sum. */
export function guestCounts(params: Pick<SeedParams, 'members' | 'months'>) {
  return {
    identified: Math.round(params.members * GUEST_MODEL.identifiedPerMember),
    anonymous: Math.round((params.members * GUEST_MODEL.anonymousPerMemberYear * params.months) / 12),
  };
}

/** Another stream than the members', so guests do not change when the members do. */
const GUEST_STREAM = 0x6a09e667;

/**
 * The orders of customers who never enrol, a customer (or an anonymous order) at a time: identified repeat
 * customers (`guest-<j>`), then anonymous walk-ins, in numbers proportional to the members and the period.
 */
export function* seedGuests(params: SeedParams): Generator<GuestOrder[]> {
  const { start, end } = seedPeriod(params);
  const period = { start: start.getTime(), end: end.getTime() };
  const root = new Random(params.seed ^ GUEST_STREAM);
  const { identified, anonymous } = guestCounts(params);
  for (let j = 0; j < identified; j++) {
    yield identifiedGuest(root.fork(j), j, period, MODEL.monthlyChurn, MODEL.visitRateSigma);
  }
  for (let k = 0; k < anonymous; k++) yield [anonymousOrder(root.fork(identified + k), k, period)];
}
