// Condition trees compiled once into closures. A failing test records which node failed, with a reason prepared at
// compile time, so explaining a miss costs one assignment.
import { Catalog, type EventContext, type Miss } from './event-context.ts';
import { epochDay, isoWeekday, minuteOfDay, parseClockTime, parseLocalDate } from './local-time.ts';
import type { AttributeTest, Comparison, Condition, Weekday } from './rules.schemas.ts';

export type Test = (ctx: EventContext) => boolean;
/** A compiled node. A failing predicate leaves its miss to its parent; a failing combinator records one itself. */
export interface CompiledCondition {
  test: Test;
  miss: Miss | undefined;
}

const WEEKDAYS: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/** The rule version being compiled, and the rule set's catalog. */
export interface Scope {
  ruleId: string;
  versionId: string;
  catalog: Catalog;
}

/** Compiles a validated condition tree of one rule version; `path` names it in misses (e.g. `conditions`). */
export function compileCondition(node: Condition, path: string, rule: Scope): CompiledCondition {
  const [key, value] = Object.entries(node)[0] as [string, unknown];
  const at = `${path}.${key}`;
  const { ruleId, versionId } = rule;
  const miss = (reason: string): Miss => Object.freeze({ ruleId, versionId, outcome: 'not_matched', path: at, reason });
  switch (key) {
    case 'all': {
      const children = (value as Condition[]).map((child, i) => compileCondition(child, `${at}[${i}]`, rule));
      const tests = children.map((c) => c.test);
      const misses = children.map((c) => c.miss);
      return combinator((ctx) => {
        for (let i = 0; i < tests.length; i++) {
          if (!tests[i]!(ctx)) {
            const childMiss = misses[i];
            if (childMiss) ctx.failed = childMiss;
            return false;
          }
        }
        return true;
      });
    }
    case 'any': {
      const tests = (value as Condition[]).map((child, i) => compileCondition(child, `${at}[${i}]`, rule).test);
      const none = miss(`none of its ${tests.length} conditions holds`);
      return combinator((ctx) => {
        for (const test of tests) if (test(ctx)) return true;
        ctx.failed = none;
        return false;
      });
    }
    case 'not': {
      const { test } = compileCondition(value as Condition, at, rule);
      const held = miss('the condition it negates holds');
      return combinator((ctx) => {
        if (!test(ctx)) return true;
        ctx.failed = held;
        return false;
      });
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
      return compileLineItem(value as Parameters<typeof compileLineItem>[0], rule.catalog, miss);
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

function fails(miss: Miss, test: Test): CompiledCondition {
  return { test, miss };
}

function combinator(test: Test): CompiledCondition {
  return { test, miss: undefined };
}

function compileLineItem(
  criteria: { skuIn?: string[]; categoryIn?: string[]; minQuantity?: number; minAmountMinor?: number },
  catalog: Catalog,
  miss: (reason: string) => Miss,
): CompiledCondition {
  const skus = criteria.skuIn && new Set(criteria.skuIn);
  const categories = criteria.categoryIn && new Set(criteria.categoryIn);
  // Membership by catalog number: wanted[id] is true for the names this condition lists.
  const wantedSkus = skus && membership([...skus].map((sku) => Catalog.idOf(catalog.skus, sku)));
  const wantedCategories =
    categories && membership([...categories].map((category) => Catalog.idOf(catalog.categories, category)));
  const minQuantity = criteria.minQuantity ?? 0;
  const minAmount = criteria.minAmountMinor ?? 0;
  const wanted = [
    skus && `SKU ${list(skus)}`,
    categories && `category ${list(categories)}`,
    criteria.minQuantity !== undefined && `quantity ≥ ${minQuantity}`,
    criteria.minAmountMinor !== undefined && `amount ≥ ${minAmount} (minor units)`,
  ].filter(Boolean);
  return fails(miss(`no line item has ${wanted.join(', ')}`), (ctx) => {
    const items = ctx.event.lineItems;
    if (items.length === 0) return false;
    const ids = ctx.itemIds();
    for (let i = 0; i < items.length; i++) {
      if (wantedSkus && !isMember(wantedSkus, ids.sku[i]!)) continue;
      if (wantedCategories && !isMember(wantedCategories, ids.category[i]!)) continue;
      const item = items[i]!;
      if (item.quantity < minQuantity) continue;
      if ((item.amountMinor ?? 0) < minAmount) continue;
      return true;
    }
    return false;
  });
}

function membership(ids: number[]): Uint8Array {
  const wanted = new Uint8Array(Math.max(...ids) + 1);
  for (const id of ids) wanted[id] = 1;
  return wanted;
}

const isMember = (wanted: Uint8Array, id: number) => id >= 0 && id < wanted.length && wanted[id] === 1;

function compileAttributeTest(
  test: AttributeTest,
  attributes: (ctx: EventContext) => Readonly<Record<string, unknown>>,
  owner: 'member' | 'event',
  miss: (reason: string) => Miss,
): CompiledCondition {
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

export function describeComparison(c: Partial<Record<'eq' | 'gt' | 'gte' | 'lt' | 'lte', unknown>>): string {
  const words = { eq: '=', gt: '>', gte: '≥', lt: '<', lte: '≤' } as const;
  return (Object.keys(words) as (keyof typeof words)[])
    .filter((k) => c[k] !== undefined)
    .map((k) => `${words[k]} ${c[k]}`)
    .join(' and ');
}

function list(values: Iterable<unknown>): string {
  return [...values].map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(', ');
}
