import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { instantOfLocal, isValidTimeZone, localEpochMs, parseInstantMs, periodStart } from './local-time.ts';

const iso = (ms: number) => new Date(ms).toISOString();

describe('local time', () => {
  it('finds period starts in the tenant zone, across DST changes', () => {
    // Sunday 2026-03-29 12:00 in Paris: the clocks went forward at 02:00 that morning.
    const at = Date.parse('2026-03-29T10:00:00Z');
    expect(iso(periodStart('Europe/Paris', 'day', at))).toBe('2026-03-28T23:00:00.000Z');
    expect(iso(periodStart('Europe/Paris', 'week', at))).toBe('2026-03-22T23:00:00.000Z'); // Monday 23rd
    expect(iso(periodStart('Europe/Paris', 'month', at))).toBe('2026-02-28T23:00:00.000Z');
    expect(iso(periodStart('Europe/Paris', 'year', at))).toBe('2025-12-31T23:00:00.000Z');
    expect(iso(periodStart('America/New_York', 'day', Date.parse('2026-11-01T12:00:00Z')))).toBe(
      '2026-11-01T04:00:00.000Z', // midnight EDT, before the fall back
    );
  });

  it('takes the earlier instant of a repeated hour and the jump of a skipped one', () => {
    const local = (s: string) => Date.parse(`${s}Z`);
    expect(iso(instantOfLocal('America/New_York', local('2026-11-01T01:30:00')))).toBe('2026-11-01T05:30:00.000Z');
    expect(iso(instantOfLocal('America/New_York', local('2026-03-08T02:30:00')))).toBe('2026-03-08T07:00:00.000Z');
    // Santiago skips local midnight when its clocks go forward (2026-09-06).
    expect(iso(instantOfLocal('America/Santiago', local('2026-09-06T00:00:00')))).toBe('2026-09-06T04:00:00.000Z');
  });

  it('reads local time through the offset cache exactly as Intl does', () => {
    const zones = ['Europe/Paris', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kathmandu'];
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2040, 0, 1) }),
        (zone, ms) => {
          const parts = new Intl.DateTimeFormat('en-US', {
            timeZone: zone,
            hourCycle: 'h23',
            year: 'numeric',
            month: '2-digit',
            day: '2-digit',
            hour: '2-digit',
            minute: '2-digit',
          }).formatToParts(ms);
          const f = Object.fromEntries(parts.map((p) => [p.type, p.value]));
          expect(iso(localEpochMs(zone, ms)).slice(0, 16)).toBe(`${f.year}-${f.month}-${f.day}T${f.hour}:${f.minute}`);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('parses instants like Date.parse', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Date.UTC(9999, 0, 1) }), fc.boolean(), (ms, withMs) => {
        const text = withMs ? iso(ms) : iso(ms).replace(/\.\d{3}Z$/, 'Z');
        expect(parseInstantMs(text)).toBe(Date.parse(text));
      }),
    );
    for (const text of [
      '2026-02-30T00:00:00Z',
      '2026-13-01T00:00:00Z',
      '2026-01-01T24:00:00Z',
      'x',
      '2026-06-01T12:00:00+02:00',
    ]) {
      expect(parseInstantMs(text)).toEqual(Date.parse(text));
    }
    expect(isValidTimeZone('Europe/Paris')).toBe(true);
    expect(isValidTimeZone('Europe/Atlantis')).toBe(false);
  });
});
