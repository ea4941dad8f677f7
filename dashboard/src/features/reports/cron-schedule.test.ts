import { describe, expect, it } from 'vitest';
import { cronFor, cronProblem, formatInZone, nextSends } from './cron-schedule.ts';

describe('the report schedule picker', () => {
  it('makes the five-field cron of a daily, weekly or monthly send at a local time', () => {
    const base = { time: '07:05', weekdays: [], dayOfMonth: 1 };
    expect(cronFor({ ...base, frequency: 'daily' })).toEqual({ cron: '5 7 * * *' });
    // Days in the week's order, whatever order they were ticked in.
    expect(cronFor({ ...base, frequency: 'weekly', weekdays: ['FRI', 'MON'] })).toEqual({ cron: '5 7 * * MON,FRI' });
    expect(cronFor({ ...base, frequency: 'monthly', dayOfMonth: 28 })).toEqual({ cron: '5 7 28 * *' });
    expect(cronFor({ ...base, frequency: 'monthly', dayOfMonth: 31 })).toEqual({
      error: 'Choose a day of the month from 1 to 28.',
    });
    expect(cronFor({ ...base, frequency: 'daily', time: '25:00' })).toEqual({
      error: 'Give the time of day as HH:MM.',
    });
  });

  it('reads a cron with croner, and refuses what the api would not take', () => {
    expect(cronProblem('30 7 * * MON-FRI')).toBeNull();
    expect(cronProblem('0 0 8 * * *')).toBe('A cron has five fields: minute hour day month weekday.');
    expect(cronProblem('0 8 * * NOPE')).toMatch(/^Not a cron expression/);
  });

  it('gives the next sends in the report’s time zone, across a change of summer time', () => {
    // Paris leaves summer time on 25 October 2026: 08:00 local is 06:00 UTC before and 07:00 UTC after.
    const sends = nextSends('0 8 * * MON', 'Europe/Paris', 3, new Date('2026-10-15T00:00:00Z'));
    expect(sends).toEqual(['2026-10-19T06:00:00.000Z', '2026-10-26T07:00:00.000Z', '2026-11-02T07:00:00.000Z']);
    expect(formatInZone(sends[1]!, 'Europe/Paris')).toBe('Mon, 26 Oct 2026, 08:00 Europe/Paris');
    expect(nextSends('0 8 * * MON', 'Not/AZone')).toEqual([]);
  });
});
