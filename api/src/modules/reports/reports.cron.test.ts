import { describe, expect, it } from 'vitest';
import { cronProblem, isTimeZone } from './reports.cron.ts';

describe('report timing', () => {
  // The cron expression's own cases are config/src/cron.test.ts: the same parser checks the worker's crons.
  it('refuses a report cron with a reason', () => {
    expect(cronProblem('60 * * * *')).toMatch(/minute field "60"/);
    expect(cronProblem('0 8 * * MON')).toBeNull();
  });

  it('knows IANA time zones', () => {
    expect(isTimeZone('Europe/Paris')).toBe(true);
    expect(isTimeZone('UTC')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
    expect(isTimeZone('')).toBe(false);
  });
});
