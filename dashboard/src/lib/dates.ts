// Date ranges of the analytics pages: ISO calendar days (UTC), both ends included, as the analytics api reads them.

export interface DateRange {
  from: string;
  to: string;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

export const isoDay = (date: Date) => date.toISOString().slice(0, 10);

function isDay(value: string | undefined): value is string {
  return value !== undefined && ISO_DATE.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`));
}

/** The last `days` days up to and including `today`. */
export function lastDays(days: number, today = new Date()): DateRange {
  return { from: isoDay(new Date(today.getTime() - (days - 1) * DAY_MS)), to: isoDay(today) };
}

/**
 * The range a page's search parameters ask for, or the default (the last 30 days) with a note when they are missing
 * or malformed, so a hand-edited address never breaks the page.
 */
export function rangeFrom(params: { from?: string; to?: string }, today = new Date()): DateRange & { note?: string } {
  const { from, to } = params;
  if (from === undefined && to === undefined) return lastDays(30, today);
  if (!isDay(from) || !isDay(to) || from > to) {
    return { ...lastDays(30, today), note: 'The dates asked for are not a valid range; showing the last 30 days.' };
  }
  return { from, to };
}
