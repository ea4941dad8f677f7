// Condition trees compiled once into closures. A failing test records which node failed, with a reason prepared at
// compile time, so explaining a miss costs one assignment.
import { epochDay, isoWeekday, localEpochMs, minuteOfDay, parseClockTime, parseLocalDate } from './local-time.ts';
import type { AttributeTest, Comparison, Condition, EventType, Weekday } from './rules.schemas.ts';

export interface LineItem {
  sku: string;
  category?: string | null;
  quantity: number;
  /** Line total in minor units. */
  amountMinor?: number | null;
}

export interface RuleEvent {
  type: EventType;
  customType?: string | null;
  /** ISO 8601 instant. */
  occurredAt: string;
  amountMinor?: number | null;
  currency?: string | null;
  channel?: string | null;
  lineItems: readonly LineItem[];
  attributes: Readonly<Record<string, unknown>>;
}

export interface PeriodPoints {
  day: number;
  week: number;
  month: number;
  year: number;
}

export interface RuleMember {
  tierId?: string | null;
  /** The tier's earning multiplier in percent; 100 when absent. */
  tierMultiplierPct?: number;
  attributes: Readonly<Record<string, unknown>>;
  tags: readonly string[];
  /** ISO 8601 instant. */
  enrolledAt: string;
  /** Purchases before this event. */
  priorPurchaseCount: number;
  /** Points each rule (by rule id) already gave this member in the periods containing the event; see periodStart. */
  earnedThisPeriodByRule: Readonly<Record<string, PeriodPoints>>;
}

/** Why a rule's conditions did not hold: the failing node, relative to the rule. */
export interface Miss {
  path: string;
  reason: string;
}

/** One evaluation's view of the event, with local times computed on first use. */
export class EventContext {
  failed: Miss | undefined = undefined;
  private local: number | undefined;
  private enrolmentDay: number | undefined;

  constructor(
    readonly event: RuleEvent,
    readonly member: RuleMember,
    readonly epochMs: number,
    readonly timeZone: string,
  ) {}

  localMs(): number {
    this.local ??= localEpochMs(this.timeZone, this.epochMs);
    return this.local;
  }

  daysSinceEnrolment(): number {
    if (this.enrolmentDay === undefined) {
      const enrolledAt = parseInstant(this.member.enrolledAt, 'member.enrolledAt');
      this.enrolmentDay = epochDay(localEpochMs(this.timeZone, enrolledAt));
    }
    return Math.max(0, epochDay(this.localMs()) - this.enrolmentDay);
  }
}

export function parseInstant(value: string, field: string): number {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new RangeError(`${field} "${value}" is not an ISO 8601 date and time`);
  return ms;
}

export type Test = (ctx: EventContext) => boolean;

const WEEKDAYS: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/** Compiles a validated condition tree; `path` names it in misses (e.g. `conditions`). */
export function compileCondition(node: Condition, path: string): Test {
  const [key, value] = Object.entries(node)[0] as [string, unknown];
  const at = `${path}.${key}`;
  const miss = (reason: string): Miss => ({ path: at, reason });
  switch (key) {
    case 'all': {
      const tests = (value as Condition[]).map((child, i) => compileCondition(child, `${at}[${i}]`));
      return (ctx) => {
        for (const test of tests) if (!test(ctx)) return false;
        return true;
      };
    }
    case 'any': {
      const tests = (value as Condition[]).map((child, i) => compileCondition(child, `${at}[${i}]`));
      const none = miss(`none of its ${tests.length} conditions holds`);
      return (ctx) => {
        for (const test of tests) if (test(ctx)) return true;
        ctx.failed = none;
        return false;
      };
    }
    case 'not': {
      const test = compileCondition(value as Condition, at);
      const held = miss('the condition it negates holds');
      return (ctx) => {
        if (!test(ctx)) return true;
        ctx.failed = held;
        return false;
      };
    }
    case 'eventType': {
      const types = new Set<string>((value as { in: string[] }).in);
      return fails(miss(`the event type is not ${list(types)}`), (ctx) => types.has(ctx.event.type));
    }
    case 'customType': {
      const names = new Set((value as { in: string[] }).in);
      return fails(
        miss(`the event is not a custom event named ${list(names)}`),
        ({ event }) => event.type === 'custom' && event.customType != null && names.has(event.customType),
      );
    }
    case 'amount': {
      const inRange = compileComparison(value as Comparison);
      return fails(
        miss(`the amount is not ${describeComparison(value as Comparison)} (minor units)`),
        ({ event }) => event.amountMinor != null && inRange(event.amountMinor),
      );
    }
    case 'currency': {
      const codes = new Set((value as { in: string[] }).in);
      return fails(
        miss(`the currency is not ${list(codes)}`),
        ({ event }) => event.currency != null && codes.has(event.currency),
      );
    }
    case 'channel': {
      const channels = new Set((value as { in: string[] }).in);
      return fails(
        miss(`the channel is not ${list(channels)}`),
        ({ event }) => event.channel != null && channels.has(event.channel),
      );
    }
    case 'lineItem':
      return compileLineItem(value as Parameters<typeof compileLineItem>[0], miss);
    case 'dayOfWeek': {
      const days = new Set((value as { in: Weekday[] }).in.map((d) => WEEKDAYS.indexOf(d) + 1));
      return fails(miss(`the local day is not ${(value as { in: Weekday[] }).in.join(', ')}`), (ctx) =>
        days.has(isoWeekday(epochDay(ctx.localMs()))),
      );
    }
    case 'hours': {
      const { from, to } = value as { from: string; to: string };
      const [start, end] = [parseClockTime(from), parseClockTime(to)];
      const overnight = start > end;
      return fails(miss(`the local time is not between ${from} and ${to}`), (ctx) => {
        const minute = minuteOfDay(ctx.localMs());
        return overnight ? minute >= start || minute < end : minute >= start && minute < end;
      });
    }
    case 'dates': {
      const { from, to } = value as { from?: string; to?: string };
      const first = from === undefined ? -Infinity : (parseLocalDate(from) as number);
      const last = to === undefined ? Infinity : (parseLocalDate(to) as number);
      const range = from && to ? `from ${from} to ${to}` : from ? `on or after ${from}` : `on or before ${to}`;
      return fails(miss(`the local date is not ${range}`), (ctx) => {
        const day = epochDay(ctx.localMs());
        return day >= first && day <= last;
      });
    }
    case 'firstPurchase':
      return fails(
        miss('the event is not the member’s first purchase'),
        ({ event, member }) => event.type === 'purchase' && member.priorPurchaseCount === 0,
      );
    case 'purchaseNumber': {
      const inRange = compileComparison(value as Comparison);
      return fails(
        miss(`the event is not a purchase numbered ${describeComparison(value as Comparison)}`),
        ({ event, member }) => event.type === 'purchase' && inRange(member.priorPurchaseCount + 1),
      );
    }
    case 'tier': {
      const tiers = new Set((value as { in: string[] }).in);
      return fails(
        miss(`the member’s tier is not ${list(tiers)}`),
        ({ member }) => member.tierId != null && tiers.has(member.tierId),
      );
    }
    case 'memberAttribute':
      return compileAttributeTest(value as AttributeTest, (ctx) => ctx.member.attributes, 'member', miss);
    case 'eventAttribute':
      return compileAttributeTest(value as AttributeTest, (ctx) => ctx.event.attributes, 'event', miss);
    case 'tags': {
      const { hasAny, hasAll } = value as { hasAny?: string[]; hasAll?: string[] };
      const anyOf = hasAny && new Set(hasAny);
      const reason = [hasAny && `any of ${list(hasAny)}`, hasAll && `all of ${list(hasAll)}`].filter(Boolean);
      return fails(miss(`the member’s tags do not include ${reason.join(' and ')}`), ({ member }) => {
        if (anyOf && !member.tags.some((tag) => anyOf.has(tag))) return false;
        return !hasAll || hasAll.every((tag) => member.tags.includes(tag));
      });
    }
    case 'daysSinceEnrolment': {
      const inRange = compileComparison(value as Comparison);
      return fails(miss(`the days since enrolment are not ${describeComparison(value as Comparison)}`), (ctx) =>
        inRange(ctx.daysSinceEnrolment()),
      );
    }
    default:
      throw new Error(`Unknown condition "${key}" at ${path}: validate rules before compiling them`);
  }
}

function fails(miss: Miss, test: Test): Test {
  return (ctx) => {
    if (test(ctx)) return true;
    ctx.failed = miss;
    return false;
  };
}

function compileLineItem(
  criteria: { skuIn?: string[]; categoryIn?: string[]; minQuantity?: number; minAmountMinor?: number },
  miss: (reason: string) => Miss,
): Test {
  const skus = criteria.skuIn && new Set(criteria.skuIn);
  const categories = criteria.categoryIn && new Set(criteria.categoryIn);
  const minQuantity = criteria.minQuantity ?? 0;
  const minAmount = criteria.minAmountMinor ?? 0;
  const wanted = [
    skus && `SKU ${list(skus)}`,
    categories && `category ${list(categories)}`,
    criteria.minQuantity !== undefined && `quantity ≥ ${minQuantity}`,
    criteria.minAmountMinor !== undefined && `amount ≥ ${minAmount} (minor units)`,
  ].filter(Boolean);
  return fails(miss(`no line item has ${wanted.join(', ')}`), ({ event }) => {
    for (const item of event.lineItems) {
      if (skus && !skus.has(item.sku)) continue;
      if (categories && (item.category == null || !categories.has(item.category))) continue;
      if (item.quantity < minQuantity) continue;
      if ((item.amountMinor ?? 0) < minAmount) continue;
      return true;
    }
    return false;
  });
}

function compileAttributeTest(
  test: AttributeTest,
  attributes: (ctx: EventContext) => Readonly<Record<string, unknown>>,
  owner: 'member' | 'event',
  miss: (reason: string) => Miss,
): Test {
  const { key } = test;
  const read = (ctx: EventContext) => {
    const all = attributes(ctx);
    return Object.hasOwn(all, key) ? all[key] : undefined;
  };
  const name = `the ${owner} attribute "${key}"`;
  if (test.equals !== undefined) {
    const expected = test.equals;
    return fails(miss(`${name} does not equal ${JSON.stringify(expected)}`), (ctx) => read(ctx) === expected);
  }
  if (test.in !== undefined) {
    const accepted = test.in as unknown[];
    return fails(miss(`${name} is not one of ${list(accepted)}`), (ctx) => accepted.includes(read(ctx)));
  }
  if (test.exists !== undefined) {
    const exists = test.exists;
    return fails(miss(`${name} ${exists ? 'is not set' : 'is set'}`), (ctx) => (read(ctx) != null) === exists);
  }
  const { gt = -Infinity, gte = -Infinity, lt = Infinity, lte = Infinity } = test;
  return fails(miss(`${name} is not a number ${describeComparison(test)}`), (ctx) => {
    const value = read(ctx);
    return typeof value === 'number' && value > gt && value >= gte && value < lt && value <= lte;
  });
}

/** A comparison on whole numbers as one inclusive range. */
function compileComparison(c: Comparison): (value: number) => boolean {
  const lower = Math.max(c.eq ?? -Infinity, c.gt === undefined ? -Infinity : c.gt + 1, c.gte ?? -Infinity);
  const upper = Math.min(c.eq ?? Infinity, c.lt === undefined ? Infinity : c.lt - 1, c.lte ?? Infinity);
  return (value) => value >= lower && value <= upper;
}

function describeComparison(c: Partial<Record<'eq' | 'gt' | 'gte' | 'lt' | 'lte', unknown>>): string {
  const words = { eq: '=', gt: '>', gte: '≥', lt: '<', lte: '≤' } as const;
  return (Object.keys(words) as (keyof typeof words)[])
    .filter((k) => c[k] !== undefined)
    .map((k) => `${words[k]} ${c[k]}`)
    .join(' and ');
}

function list(values: Iterable<unknown>): string {
  return [...values].map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(', ');
}
