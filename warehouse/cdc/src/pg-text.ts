// Postgres's text output of a value (sessions run with TimeZone=UTC) read as the number ClickHouse stores.
import type { ColumnEncoder } from './rowbinary-columns.ts';

export const latin1 = (src: Uint8Array, start: number, end: number) =>
  Buffer.from(src.buffer, src.byteOffset, src.byteLength).toString('latin1', start, end);

export const invalid = (encoder: ColumnEncoder, src: Uint8Array, start: number, end: number) =>
  new Error(`'${latin1(src, start, end)}' is not a ${encoder.type}`);

/** Postgres's integer text ('-42'), or a boolean's 't'/'f' as 1/0; past 15 digits a bigint. */
export function integer(encoder: ColumnEncoder, src: Uint8Array, start: number, end: number): number | bigint {
  const first = src[start];
  if (end - start === 1 && (first === 0x74 /* t */ || first === 0x66) /* f */) return first === 0x74 ? 1 : 0;
  const negative = first === 0x2d;
  let i = negative || first === 0x2b ? start + 1 : start;
  if (i >= end) throw invalid(encoder, src, start, end);
  if (end - i > 15) {
    try {
      return BigInt(latin1(src, start, end));
    } catch {
      throw invalid(encoder, src, start, end);
    }
  }
  let value = 0;
  for (; i < end; i++) {
    const digit = (src[i] as number) - 0x30;
    if (digit < 0 || digit > 9) throw invalid(encoder, src, start, end);
    value = value * 10 + digit;
  }
  return negative ? -value : value;
}

export function float(src: Uint8Array, start: number, end: number): number {
  return Number(latin1(src, start, end));
}

/** A Decimal's text ('-12.345') as the integer it is stored as: the value times 10^scale, digits past it cut. */
export function scaled(encoder: ColumnEncoder, text: string): bigint {
  const match = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(text);
  if (!match || (match[2] === '' && !match[3])) throw new Error(`'${text}' is not a ${encoder.type}`);
  const fraction = (match[3] ?? '').slice(0, encoder.scale).padEnd(encoder.scale, '0');
  const value = BigInt(`${match[2] || '0'}${fraction}`);
  return match[1] === '-' ? -value : value;
}

export const digitAt = (src: Uint8Array, i: number) => (src[i] as number) - 0x30;

export function digits(src: Uint8Array, from: number, count: number): number {
  let value = 0;
  for (let i = from; i < from + count; i++) {
    const digit = digitAt(src, i);
    if (digit < 0 || digit > 9) return Number.NaN;
    value = value * 10 + digit;
  }
  return value;
}

/** Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/**
 * Postgres's text of a date or timestamp ('2026-11-25', '2026-11-25 00:21:45.123+00', '… +05:30') as ticks of
 * 1/`perSecond` s since the Unix epoch, in UTC: digits past the precision are cut, as ClickHouse's text parser does.
 */
export function ticks(
  encoder: ColumnEncoder,
  src: Uint8Array,
  start: number,
  end: number,
  perSecond: number,
): number | bigint {
  const year = digits(src, start, 4);
  const month = digits(src, start + 5, 2);
  const day = digits(src, start + 8, 2);
  if (end - start < 10 || src[start + 4] !== 0x2d || src[start + 7] !== 0x2d || Number.isNaN(year + month + day)) {
    throw invalid(encoder, src, start, end);
  }
  let seconds = daysFromCivil(year, month, day) * 86_400;
  let fraction = 0;
  let i = start + 10;
  if (i < end && src[i] === 0x20) {
    const time = digits(src, i + 1, 2) * 3600 + digits(src, i + 4, 2) * 60 + digits(src, i + 7, 2);
    if (Number.isNaN(time) || end - i < 9) throw invalid(encoder, src, start, end);
    seconds += time;
    i += 9;
    if (i < end && src[i] === 0x2e /* . */) {
      let unit = perSecond;
      for (i++; i < end; i++) {
        const digit = digitAt(src, i);
        if (digit < 0 || digit > 9) break;
        unit /= 10;
        if (unit >= 1) fraction += digit * unit;
      }
    }
  }
  if (i < end) {
    // The zone: '+hh', '+hh:mm' or '+hh:mm:ss' (UTC sessions write '+00').
    const sign = src[i] === 0x2d ? -1 : src[i] === 0x2b ? 1 : 0;
    const hours = digits(src, i + 1, 2);
    const minutes = end - i >= 6 ? digits(src, i + 4, 2) : 0;
    const secs = end - i >= 9 ? digits(src, i + 7, 2) : 0;
    if (sign === 0 || Number.isNaN(hours + minutes + secs)) throw invalid(encoder, src, start, end);
    seconds -= sign * (hours * 3600 + minutes * 60 + secs);
  }
  const value = seconds * perSecond + Math.floor(fraction);
  return Number.isSafeInteger(value) ? value : BigInt(seconds) * BigInt(perSecond) + BigInt(Math.floor(fraction));
}

/** Days since 1970-01-01 of a date's (or timestamp's) text. */
export function days(encoder: ColumnEncoder, src: Uint8Array, start: number, end: number): number {
  return Math.floor(Number(ticks(encoder, src, start, end, 1)) / 86_400);
}
