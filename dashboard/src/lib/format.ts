// How figures are written on every page. Money arrives in integer minor units with its ISO currency; points are
// integers; rates are fractions. Charts receive a format name rather than a function (props of client components
// must be plain data), and call `formatValue`.

export type ValueFormat = 'integer' | 'money' | 'percent' | 'ratio';

const integer = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });

/** Minor units of `currency` written in that currency (2 decimals for EUR, none for JPY, as ISO 4217 says). */
export function formatMoney(minor: number, currency: string | null | undefined): string {
  if (!currency) return integer.format(minor);
  const format = new Intl.NumberFormat('en-GB', { style: 'currency', currency });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(minor / 10 ** digits);
}

export function formatValue(value: number | null | undefined, format: ValueFormat, currency?: string | null): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '–';
  switch (format) {
    case 'integer':
      return integer.format(value);
    case 'money':
      return formatMoney(value, currency);
    case 'percent':
      return `${(value * 100).toFixed(1)} %`;
    case 'ratio':
      return value.toFixed(2);
  }
}

/** A change against the previous period, with its sign: "+12.5 %" (relative) or "+3" (absolute, for rates). */
export function formatChange(change: number | null, relative: number | null, format: ValueFormat): string {
  if (relative !== null && format !== 'percent' && format !== 'ratio') {
    return `${relative >= 0 ? '+' : '−'}${Math.abs(relative * 100).toFixed(1)} %`;
  }
  if (change === null) return 'no previous period';
  const sign = change >= 0 ? '+' : '−';
  return format === 'percent'
    ? `${sign}${Math.abs(change * 100).toFixed(1)} pts`
    : `${sign}${formatValue(Math.abs(change), format)}`;
}

/** An instant to the minute, in UTC ("2026-06-01 08:30 UTC"); a dash when there is none. */
export function formatInstant(iso: string | null | undefined): string {
  return iso ? `${iso.slice(0, 16).replace('T', ' ')} UTC` : '–';
}

const decimal = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 });

/** A file size: "512 B", "24.6 kB", "12.3 MB" (powers of 1000, as the units say). */
export function formatBytes(value: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let n = value;
  let unit = 0;
  while (n >= 1000 && unit < units.length - 1) {
    n /= 1000;
    unit += 1;
  }
  return `${unit === 0 ? integer.format(n) : decimal.format(n)} ${units[unit]}`;
}
