const DAY_MS = 86_400_000;

/** Days from `from` to `to`, both included (ISO dates). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS) + 1;
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(date) + days * DAY_MS).toISOString().slice(0, 10);
}

function addMonths(month: string, months: number): string {
  const d = new Date(`${month.slice(0, 7)}-01T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.toISOString().slice(0, 10);
}

export interface Period {
  from: string;
  to: string;
}

export interface ComparedPeriods {
  current: Period;
  /** The same number of days, ending the day before `current` starts. */
  previous: Period;
  /** First days of the months `current` touches, for marts with one row per month. */
  months: Period;
  /** The same number of months, ending the month before `months` starts. */
  previousMonths: Period;
}

/** A period and the one it is compared with, by days and by calendar months. */
export function comparedPeriods(from: string, to: string): ComparedPeriods {
  const days = daysBetween(from, to);
  const months = { from: addMonths(from, 0), to: addMonths(to, 0) };
  const monthCount =
    (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + Number(to.slice(5, 7)) - Number(from.slice(5, 7)) + 1;
  return {
    current: { from, to },
    previous: { from: addDays(from, -days), to: addDays(from, -1) },
    months,
    previousMonths: { from: addMonths(months.from, -monthCount), to: addMonths(months.from, -1) },
  };
}
