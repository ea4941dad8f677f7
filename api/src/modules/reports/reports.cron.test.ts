import { describe, expect, it } from 'vitest';
import { cronProblem, isTimeZone } from './reports.cron.ts';

describe('report timing', () => {
  it('takes five-field crons with ranges, steps, lists and names', () => {
    for (const ok of [
      '* * * * *',
      '0 8 * * MON',
      '*/15 9-17 * * 1-5',
      '0 6 1 JAN,jul *',
      '30 7 1,15 * ?',
      '0 0 * * 7',
    ]) {
      expect(cronProblem(ok), ok).toBeNull();
    }
  });

  it('refuses anything else, saying what is wrong', () => {
    expect(cronProblem('* * * *')).toMatch(/five fields/);
    expect(cronProblem('60 * * * *')).toMatch(/minute field "60"/);
    expect(cronProblem('0 24 * * *')).toMatch(/hour/);
    expect(cronProblem('0 0 0 * *')).toMatch(/day of month/);
    expect(cronProblem('0 0 * 13 *')).toMatch(/month/);
    expect(cronProblem('0 0 * * FUN')).toMatch(/day of week/);
    expect(cronProblem('*/0 * * * *')).toMatch(/minute/);
    expect(cronProblem('5-1 * * * *')).toMatch(/minute/);
    expect(cronProblem('@daily')).toMatch(/five fields/);
  });

  it('knows IANA time zones', () => {
    expect(isTimeZone('Europe/Paris')).toBe(true);
    expect(isTimeZone('UTC')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
    expect(isTimeZone('')).toBe(false);
  });
});
