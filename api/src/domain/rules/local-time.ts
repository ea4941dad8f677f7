// Local wall-clock time in a tenant's IANA time zone, from a UTC instant. Intl is slow (about a microsecond per
// call), so offsets are cached per zone in 15-minute slots that contain no offset change.
import type { Period } from './rules.schemas.ts';

const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = 86_400_000;
const SLOT_MS = 15 * MS_PER_MINUTE;
const MAX_SLOTS_PER_ZONE = 100_000;

interface Zone {
  format: Intl.DateTimeFormat;
  /** Offset (local minus UTC, in ms) by 15-minute slot, for slots with one offset throughout. */
  slots: Map<number, number>;
}
const zones = new Map<string, Zone>();

function zone(timeZone: string): Zone {
  let z = zones.get(timeZone);
  if (!z) {
    const format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      era: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    z = { format, slots: new Map() };
    zones.set(timeZone, z);
  }
  return z;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    zone(timeZone);
    return true;
  } catch {
    return false;
  }
}

function exactOffset(format: Intl.DateTimeFormat, epochMs: number): number {
  const f: Record<string, string> = {};
  for (const part of format.formatToParts(epochMs)) f[part.type] = part.value;
  const year = f.era === 'BC' ? 1 - Number(f.year) : Number(f.year);
  const asUtc = Date.UTC(year, Number(f.month) - 1, Number(f.day), Number(f.hour), Number(f.minute), Number(f.second));
  return asUtc - (epochMs - mod(epochMs, 1000));
}

/** Local time minus UTC, in milliseconds, at an instant. Throws a RangeError for an unknown time zone. */
export function offsetAt(timeZone: string, epochMs: number): number {
  const z = zone(timeZone);
  const slot = Math.floor(epochMs / SLOT_MS);
  const cached = z.slots.get(slot);
  if (cached !== undefined) return cached;
  const start = slot * SLOT_MS;
  const atStart = exactOffset(z.format, start);
  // Offsets change at most once in any 15 minutes, so equal ends mean one offset for the whole slot.
  if (atStart !== exactOffset(z.format, start + SLOT_MS - 1)) return exactOffset(z.format, epochMs);
  if (z.slots.size >= MAX_SLOTS_PER_ZONE) z.slots.clear();
  z.slots.set(slot, atStart);
  return atStart;
}

/**
 * Epoch milliseconds of an ISO 8601 instant, NaN if it is not one. The UTC form the api stores
 * (`2026-06-01T18:30:00.000Z`) is read digit by digit, several times faster than Date.parse; others go to Date.parse.
 */
export function parseInstantMs(iso: string): number {
  const n = iso.length;
  if ((n === 20 || n === 24) && iso.charCodeAt(n - 1) === 90 /* Z */ && iso.charCodeAt(10) === 84 /* T */) {
    const year = digits(iso, 0, 4);
    const month = digits(iso, 5, 2);
    const day = digits(iso, 8, 2);
    const hour = digits(iso, 11, 2);
    const minute = digits(iso, 14, 2);
    const second = digits(iso, 17, 2);
    const ms = n === 24 ? digits(iso, 20, 3) : 0;
    const separators =
      iso[4] === '-' && iso[7] === '-' && iso[13] === ':' && iso[16] === ':' && (n === 20 || iso[19] === '.');
    // Out-of-range fields (month 13, 24:61) would roll over in Date.UTC: leave those to Date.parse, which rejects them.
    if (separators && month >= 1 && month <= 12 && day >= 1 && day <= 28 && hour < 24 && minute < 60 && second < 60) {
      return Date.UTC(year, month - 1, day, hour, minute, second, ms);
    }
  }
  return Date.parse(iso);
}

/** The decimal number in iso[start, start + length), or NaN if any character is not a digit. */
function digits(iso: string, start: number, length: number): number {
  let value = 0;
  for (let i = start; i < start + length; i++) {
    const d = iso.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return Number.NaN;
    value = value * 10 + d;
  }
  return value;
}

/** Milliseconds since 1970-01-01T00:00 of the local wall clock ("local epoch"). */
export const localEpochMs = (timeZone: string, epochMs: number) => epochMs + offsetAt(timeZone, epochMs);

/** Days since 1970-01-01 of a local-epoch time. */
export const epochDay = (localMs: number) => Math.floor(localMs / MS_PER_DAY);
/** Minutes since local midnight. */
export const minuteOfDay = (localMs: number) => Math.floor(mod(localMs, MS_PER_DAY) / MS_PER_MINUTE);
/** ISO weekday: Monday 1 … Sunday 7. 1970-01-01 was a Thursday. */
export const isoWeekday = (day: number) => mod(day + 3, 7) + 1;

/** Days since 1970-01-01 of a `YYYY-MM-DD` calendar date, or null if there is no such date. */
export function parseLocalDate(date: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(year, month - 1, day);
  const d = new Date(ms);
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return ms / MS_PER_DAY;
}

/** `HH:MM` as minutes since midnight (24:00 is 1440). */
export function parseClockTime(time: string): number {
  const [hours, minutes] = time.split(':').map(Number);
  return hours! * 60 + minutes!;
}

/**
 * The first instant whose local wall clock reads `localMs` or later. Where the clock is set back (the hour happens
 * twice) it is the earlier instant; where it skips ahead over `localMs`, it is the instant the clock jumps.
 */
export function instantOfLocal(timeZone: string, localMs: number): number {
  const candidates = [
    localMs - offsetAt(timeZone, localMs - MS_PER_DAY),
    localMs - offsetAt(timeZone, localMs + MS_PER_DAY),
  ].sort((a, b) => a - b);
  const exact = candidates.find((t) => localEpochMs(timeZone, t) === localMs);
  if (exact !== undefined) return exact;
  // In a gap: the clock reads earlier than localMs at the first candidate and later at the second.
  let [before, after] = candidates as [number, number];
  while (after - before > 1) {
    const mid = Math.floor((before + after) / 2);
    if (localEpochMs(timeZone, mid) >= localMs) after = mid;
    else before = mid;
  }
  return after;
}

/**
 * The start of the local calendar day, ISO week (from Monday), month or year containing an instant, as a UTC
 * instant: where a member's points per period begin for `capPerPeriod`.
 */
export function periodStart(timeZone: string, period: Period, epochMs: number): number {
  const local = localEpochMs(timeZone, epochMs);
  const day = epochDay(local);
  const date = new Date(day * MS_PER_DAY);
  const startDay =
    period === 'day'
      ? day
      : period === 'week'
        ? day - (isoWeekday(day) - 1)
        : period === 'month'
          ? Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1) / MS_PER_DAY
          : Date.UTC(date.getUTCFullYear(), 0, 1) / MS_PER_DAY;
  return instantOfLocal(timeZone, startDay * MS_PER_DAY);
}

function mod(a: number, n: number): number {
  return ((a % n) + n) % n;
}
