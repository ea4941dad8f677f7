import { Cron } from 'croner';

// The report schedule picker's rules: a daily, weekly or monthly send at a local time becomes the five-field cron
// the api stores, and any cron is read back by croner (the parser of record here) for its next sends in the
// report's time zone. Pure, so the picker is tested without a browser.

export type Frequency = 'daily' | 'weekly' | 'monthly';

export const WEEKDAYS = ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export interface Schedule {
  frequency: Frequency;
  /** Local time of day, HH:MM (24 h). */
  time: string;
  /** Weekly: the days it is sent on. */
  weekdays: Weekday[];
  /** Monthly: the day of the month, 1–28 so that every month has it. */
  dayOfMonth: number;
}

export const DEFAULT_SCHEDULE: Schedule = { frequency: 'weekly', time: '08:00', weekdays: ['MON'], dayOfMonth: 1 };

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** The cron expression of a schedule, or why there is none. */
export function cronFor(schedule: Schedule): { cron: string } | { error: string } {
  const time = TIME.exec(schedule.time);
  if (!time) return { error: 'Give the time of day as HH:MM.' };
  const minute = Number(time[2]);
  const hour = Number(time[1]);
  switch (schedule.frequency) {
    case 'daily':
      return { cron: `${minute} ${hour} * * *` };
    case 'weekly': {
      const days = WEEKDAYS.filter((d) => schedule.weekdays.includes(d));
      if (!days.length) return { error: 'Choose at least one day of the week.' };
      return { cron: `${minute} ${hour} * * ${days.join(',')}` };
    }
    case 'monthly': {
      const day = schedule.dayOfMonth;
      if (!Number.isInteger(day) || day < 1 || day > 28) return { error: 'Choose a day of the month from 1 to 28.' };
      return { cron: `${minute} ${hour} ${day} * *` };
    }
  }
}

/** Why croner refuses the expression (or it is not the five fields the api takes), or null when it is good. */
export function cronProblem(cron: string): string | null {
  if (cron.trim().split(/\s+/).length !== 5) return 'A cron has five fields: minute hour day month weekday.';
  try {
    new Cron(cron.trim(), { paused: true, mode: '5-part' });
    return null;
  } catch (err) {
    return `Not a cron expression: ${(err as Error).message}`;
  }
}

/** The next `count` sends of a cron in a time zone, as ISO instants; empty when either is not valid. */
export function nextSends(cron: string, timeZone: string, count = 3, after = new Date()): string[] {
  if (cronProblem(cron)) return [];
  try {
    const job = new Cron(cron.trim(), { paused: true, mode: '5-part', timezone: timeZone });
    return job.nextRuns(count, after).map((d) => d.toISOString());
  } catch {
    return [];
  }
}

/** An instant written in a time zone to the minute, with the zone's name: "Mon, 8 Jun 2026, 08:00 Europe/Paris". */
export function formatInZone(iso: string, timeZone: string): string {
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
  } catch {
    return `${iso.slice(0, 16).replace('T', ' ')} UTC`;
  }
  return `${format.format(new Date(iso))} ${timeZone}`;
}
