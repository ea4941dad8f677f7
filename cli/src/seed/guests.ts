import type { Random } from './random.ts';
import { basket, basketTotal, DAY, openingHours, SEASONALITY, season, seasonalTime } from './shop.ts';

/** An order of a customer who is not a member (yet), as `POST /v1/guest-purchases` takes it. */
export interface GuestOrder {
  externalId: string;
  /** The merchant's customer id; null for an anonymous order. */
  customerRef: string | null;
  at: Date;
  amountMinor: number;
  channel: 'store' | 'online';
}

/** Guest constants; the README explains each. */
export const GUEST_MODEL = {
  /** Share of members who were known customers before enrolling, and their visit rate then (× their member rate). */
  knownBeforeShare: 0.4,
  preEnrolmentRate: 0.25,
  /** How far before enrolment their guest history may reach (never before the period); it starts at a uniform time. */
  preEnrolmentDays: 365,
  /** Identified customers who never enrol, per member, and their median visits a week. */
  identifiedPerMember: 0.3,
  identifiedVisitsPerWeek: 0.5,
  /** Anonymous orders per member and year of history. */
  anonymousPerMemberYear: 3,
  onlineShare: 0.15,
} as const;

const MAX_SEASON = 1 + SEASONALITY;

function order(rng: Random, externalId: string, customerRef: string | null, at: number): GuestOrder {
  const amountMinor = basketTotal(basket(rng));
  const channel = rng.chance(GUEST_MODEL.onlineShare) ? 'online' : 'store';
  return { externalId, customerRef, at: new Date(at), amountMinor, channel };
}

/**
 * Orders a member placed as a guest before enrolling, under their future external id: from a uniform first visit
 * in [max(start, enrolment − 365 days), enrolment), a Poisson process at a fraction of their member rate, thinned
 * by the season.
 */
export function preEnrolmentOrders(
  rng: Random,
  index: number,
  customerRef: string,
  visitsPerDay: number,
  enrolledAt: number,
  start: number,
): GuestOrder[] {
  if (!rng.chance(GUEST_MODEL.knownBeforeShare)) return [];
  const from = Math.max(start, enrolledAt - GUEST_MODEL.preEnrolmentDays * DAY);
  const meanGapDays = 1 / (visitsPerDay * GUEST_MODEL.preEnrolmentRate);
  const times: number[] = [];
  for (let t = from + rng.next() * (enrolledAt - from); t < enrolledAt; t += rng.exponential(meanGapDays) * DAY) {
    if (!rng.chance(season(t) / MAX_SEASON)) continue;
    const at = openingHours(rng, t);
    if (at >= from && at < enrolledAt) times.push(at);
  }
  times.sort((a, b) => a - b);
  return times.map((at, n) => order(rng, `pre-${index + 1}-${n + 1}`, customerRef, at));
}

/**
 * A known customer who never enrols (`guest-<j>`): arrives at a seasonal time in the period, visits at their own
 * log-normal rate around the model's median and drops out like members do.
 */
export function identifiedGuest(
  rng: Random,
  j: number,
  period: { start: number; end: number },
  monthlyChurn: readonly [number, number],
  visitRateSigma: number,
): GuestOrder[] {
  const customerRef = `guest-${String(j + 1).padStart(7, '0')}`;
  const visitsPerDay = (GUEST_MODEL.identifiedVisitsPerWeek / 7) * Math.exp(visitRateSigma * rng.normal());
  const [minChurn, maxChurn] = monthlyChurn;
  const dailySurvival = (1 - (minChurn + rng.next() * (maxChurn - minChurn))) ** (1 / 30);
  const orders: GuestOrder[] = [];
  let t = openingHours(rng, seasonalTime(rng, period.start, period.end));
  while (t < period.end) {
    orders.push(order(rng, `gst-${j + 1}-${orders.length + 1}`, customerRef, t));
    let next = t;
    do next += rng.exponential(1 / visitsPerDay) * DAY;
    while (!rng.chance(season(next) / MAX_SEASON));
    if (!rng.chance(dailySurvival ** ((next - t) / DAY))) break;
    t = Math.max(openingHours(rng, next), t + 60_000);
  }
  return orders;
}

/** One walk-in order nobody is known for, at a seasonal time in the period. */
export function anonymousOrder(rng: Random, k: number, period: { start: number; end: number }): GuestOrder {
  return order(rng, `anon-${k + 1}`, null, openingHours(rng, seasonalTime(rng, period.start, period.end)));
}
