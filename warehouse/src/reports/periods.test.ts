import { describe, expect, it } from 'vitest';
import { comparedPeriods, daysBetween } from './periods.ts';

describe('comparedPeriods', () => {
  it('compares a quarter (91 days) with the 91 days and the 3 months before it', () => {
    expect(comparedPeriods('2026-04-01', '2026-06-30')).toEqual({
      current: { from: '2026-04-01', to: '2026-06-30' },
      previous: { from: '2025-12-31', to: '2026-03-31' },
      months: { from: '2026-04-01', to: '2026-06-01' },
      previousMonths: { from: '2026-01-01', to: '2026-03-01' },
    });
  });

  it('compares 29 days across a leap day with the 29 days and the 2 months before them', () => {
    expect(comparedPeriods('2028-02-15', '2028-03-14')).toEqual({
      current: { from: '2028-02-15', to: '2028-03-14' },
      previous: { from: '2028-01-17', to: '2028-02-14' },
      months: { from: '2028-02-01', to: '2028-03-01' },
      previousMonths: { from: '2027-12-01', to: '2028-01-01' },
    });
  });

  it('compares a single day with the day before', () => {
    expect(comparedPeriods('2026-01-01', '2026-01-01')).toMatchObject({
      previous: { from: '2025-12-31', to: '2025-12-31' },
      previousMonths: { from: '2025-12-01', to: '2025-12-01' },
    });
  });
});

describe('daysBetween', () => {
  it('counts both ends', () => {
    expect(daysBetween('2026-01-01', '2026-01-01')).toBe(1);
    expect(daysBetween('2024-01-01', '2024-12-31')).toBe(366);
  });
});
