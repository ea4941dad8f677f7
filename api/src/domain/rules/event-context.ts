// What a rule sees of an event and its member, with local times and line-item numbers computed on first use; the
// compiled conditions (compile-conditions.ts) read it.
import { epochDay, localEpochMs, parseInstantMs } from './local-time.ts';
import type { EventType } from './rules.schemas.ts';

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

/**
 * Why a rule's conditions did not hold: the failing node, relative to the rule, as the rule's trace entry. Built
 * once at compile time and frozen, so a miss costs no allocation.
 */
export interface Miss {
  readonly ruleId: string;
  readonly versionId: string;
  readonly outcome: 'not_matched';
  readonly path: string;
  readonly reason: string;
}

/**
 * SKUs and categories named by a rule set, numbered at compile time: an event's line items are looked up once per
 * evaluation, and each line-item condition then tests membership by index instead of hashing strings again.
 */
export class Catalog {
  readonly skus = new Map<string, number>();
  readonly categories = new Map<string, number>();

  static idOf(names: Map<string, number>, name: string): number {
    let id = names.get(name);
    if (id === undefined) {
      id = names.size;
      names.set(name, id);
    }
    return id;
  }
}

/** An event's line items by catalog number (-1 when no rule names the SKU or category). */
interface ItemIds {
  sku: Int32Array;
  category: Int32Array;
}

/** One evaluation's view of the event, with local times and line-item numbers computed on first use. */
export class EventContext {
  /** Set by a failing condition: why the rule being evaluated did not match. */
  failed: Miss | undefined = undefined;
  /** Notes on the rule being applied, for its trace entry. */
  notes: string[] | undefined = undefined;
  private local: number | undefined;
  private enrolmentDay: number | undefined;
  private ids: ItemIds | undefined;

  constructor(
    readonly event: RuleEvent,
    readonly member: RuleMember,
    readonly epochMs: number,
    readonly timeZone: string,
    private readonly catalog: Catalog,
  ) {}

  itemIds(): ItemIds {
    if (!this.ids) {
      const items = this.event.lineItems;
      const sku = new Int32Array(items.length);
      const category = new Int32Array(items.length);
      for (let i = 0; i < items.length; i++) {
        const item = items[i]!;
        sku[i] = this.catalog.skus.get(item.sku) ?? -1;
        category[i] = item.category == null ? -1 : (this.catalog.categories.get(item.category) ?? -1);
      }
      this.ids = { sku, category };
    }
    return this.ids;
  }

  note(text: string): void {
    if (this.notes) this.notes.push(text);
    else this.notes = [text];
  }

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
  const ms = parseInstantMs(value);
  if (Number.isNaN(ms)) throw new RangeError(`${field} "${value}" is not an ISO 8601 date and time`);
  return ms;
}
