import { describe, expect, it } from 'vitest';
import { cronProblem } from './cron.ts';
import { readEnv, vars } from './index.ts';

describe('cron expressions', () => {
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
    expect(cronProblem('0 8 * * * *')).toMatch(/five fields/);
  });

  it("refuses what croner reads and Temporal does not: L, W, # and '?' outside the day fields", () => {
    expect(cronProblem('0 0 L * *')).toMatch(/day of month field "L"/);
    expect(cronProblem('0 0 15W * *')).toMatch(/day of month/);
    expect(cronProblem('0 0 * * 5#2')).toMatch(/day of week field "5#2"/);
    expect(cronProblem('? 0 * * *')).toMatch(/minute/);
    expect(cronProblem('0 0 * JANUARY *')).toMatch(/month/);
  });

  it("checks the worker's cron variables with it", () => {
    const spec = { DBT_BUILD_CRON: vars.DBT_BUILD_CRON };
    expect(readEnv(spec, { DBT_BUILD_CRON: ' */5 * * * MON-FRI ' }).DBT_BUILD_CRON).toBe('*/5 * * * MON-FRI');
    expect(() => readEnv(spec, { DBT_BUILD_CRON: '0 24 * * *' })).toThrow(/DBT_BUILD_CRON/);
  });
});
