import type { TileRange } from './reports.tile-schemas.ts';

/** The dates a report tile covers, relative to the day of the send in the report's time zone. */

function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

function monthStart(day: string, monthsBack: number): string {
  const d = new Date(`${day.slice(0, 7)}-01T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() - monthsBack);
  return d.toISOString().slice(0, 10);
}

/** The calendar day of an instant in a time zone (ISO date). */
export function dayIn(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

/** The dates a tile's range covers for a send on `sendDate` (the day of the send in the report's time zone). */
export function resolveRange(range: TileRange, sendDate: string): { from: string; to: string } {
  if ('from' in range) return { from: range.from, to: range.to };
  const yesterday = addDays(sendDate, -1);
  if ('lastDays' in range) return { from: addDays(sendDate, -range.lastDays), to: yesterday };
  switch (range.calendar) {
    case 'previousWeek': {
      const weekday = (new Date(`${sendDate}T00:00:00Z`).getUTCDay() + 6) % 7; // Monday 0
      const monday = addDays(sendDate, -weekday - 7);
      return { from: monday, to: addDays(monday, 6) };
    }
    case 'previousMonth':
      return { from: monthStart(sendDate, 1), to: addDays(monthStart(sendDate, 0), -1) };
    case 'previousQuarter': {
      const month = Number(sendDate.slice(5, 7)) - 1;
      const thisQuarter = monthStart(sendDate, month % 3);
      return { from: monthStart(thisQuarter, 3), to: addDays(thisQuarter, -1) };
    }
    case 'previousYear': {
      const year = Number(sendDate.slice(0, 4)) - 1;
      return { from: `${year}-01-01`, to: `${year}-12-31` };
    }
  }
}
