import { describe, expect, it } from 'vitest';
import { expiresAtFor } from './expiry-date.ts';

describe('expiresAtFor', () => {
  it('never expires under the never policy', () => {
    expect(expiresAtFor('never', null, new Date('2026-03-10T12:00:00Z'), 'Europe/Paris')).toBeNull();
  });

  it('counts whole days after earning', () => {
    expect(expiresAtFor('days_after_earning', 30, new Date('2026-03-10T12:00:00Z'), 'UTC')?.toISOString()).toBe(
      '2026-04-09T12:00:00.000Z',
    );
  });

  it("ends months at local midnight in the tenant's time zone", () => {
    // 31 Jan 23:30 UTC is already 1 February in Paris: the month of earning is February.
    const earned = new Date('2026-01-31T23:30:00Z');
    expect(expiresAtFor('end_of_month_after_months', 0, earned, 'Europe/Paris')?.toISOString()).toBe(
      '2026-02-28T23:00:00.000Z',
    );
    expect(expiresAtFor('end_of_month_after_months', 0, earned, 'UTC')?.toISOString()).toBe('2026-02-01T00:00:00.000Z');
    // Three months after March is June; June ends at local midnight in summer time (UTC+2).
    expect(
      expiresAtFor('end_of_month_after_months', 3, new Date('2026-03-15T10:00:00Z'), 'Europe/Paris')?.toISOString(),
    ).toBe('2026-06-30T22:00:00.000Z');
  });

  it('ends years after adding the months, crossing into the next year when they do', () => {
    const earned = new Date('2026-11-20T10:00:00Z');
    expect(expiresAtFor('end_of_year_after_months', 1, earned, 'America/New_York')?.toISOString()).toBe(
      '2027-01-01T05:00:00.000Z',
    );
    expect(expiresAtFor('end_of_year_after_months', 2, earned, 'America/New_York')?.toISOString()).toBe(
      '2028-01-01T05:00:00.000Z',
    );
  });
});
