import { describe, expect, it } from 'vitest';
import { canonicalTimeZone, isCurrency } from './tenant-settings.ts';

describe('tenant settings', () => {
  it('accepts IANA time zones, canonicalising their case, and refuses anything else', () => {
    expect(canonicalTimeZone('Europe/Paris')).toBe('Europe/Paris');
    expect(canonicalTimeZone('America/Argentina/Buenos_Aires')).toBe('America/Argentina/Buenos_Aires');
    expect(canonicalTimeZone('utc')).toBe('UTC');
    expect(canonicalTimeZone('Etc/GMT+5')).toBe('Etc/GMT+5');
    expect(canonicalTimeZone('Asia/Kolkata')).toBe('Asia/Kolkata');
    for (const bad of ['Mars/Olympus_Mons', '+01:00', 'CET; DROP', '', 'Europe/']) {
      expect([bad, canonicalTimeZone(bad)]).toEqual([bad, null]);
    }
  });

  it('accepts ISO 4217 codes only', () => {
    expect(['EUR', 'USD', 'JPY', 'CHF'].every(isCurrency)).toBe(true);
    expect(['XYZ', 'eur', 'EURO', 'ABC'].some(isCurrency)).toBe(false);
  });
});
