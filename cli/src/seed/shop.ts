import { CATALOG } from './merchant.ts';
import type { Random } from './random.ts';

/** A receipt line, as `POST /v1/events` takes it. */
export interface LineItem {
  sku: string;
  category: string;
  quantity: number;
  unitAmountMinor: number;
}

export const DAY = 86_400_000;

/** Amplitude of the yearly cycle of enrolments and visits, peaking in December. */
export const SEASONALITY = 0.25;

/** 1 ± SEASONALITY over the year, highest in mid-December. */
export function season(t: number): number {
  const dayOfYear = (t - Date.UTC(new Date(t).getUTCFullYear(), 0, 1)) / DAY;
  return 1 + SEASONALITY * Math.cos((2 * Math.PI * (dayOfYear - 350)) / 365);
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
export function basket(rng: Random): LineItem[] {
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

export const basketTotal = (lines: LineItem[]) => lines.reduce((sum, l) => sum + l.quantity * l.unitAmountMinor, 0);

/** A visit time during opening hours (07:00–19:00 in Paris, roughly 06:00–18:00 UTC) on the day of `t`. */
export function openingHours(rng: Random, t: number): number {
  const day = Math.floor(t / DAY) * DAY;
  return day + 6 * 3_600_000 + Math.floor(rng.next() * 12 * 3_600_000);
}

/** A time in [start, end) drawn with the season's weight (rejection sampling). */
export function seasonalTime(rng: Random, start: number, end: number): number {
  const max = 1 + SEASONALITY;
  for (;;) {
    const t = start + rng.next() * (end - start);
    if (rng.chance(season(t) / max)) return t;
  }
}
