import Link from 'next/link';
import { type DateRange, lastDays } from '../../lib/dates.ts';

const PRESETS: [string, number][] = [
  ['7 days', 7],
  ['30 days', 30],
  ['90 days', 90],
  ['12 months', 365],
];

/** Picks the period as search parameters (a plain GET form): every view has an address to share or bookmark. */
export function RangePicker({ range, extra = {} }: { range: DateRange; extra?: Record<string, string | undefined> }) {
  const query = (r: DateRange) =>
    new URLSearchParams({ ...(Object.fromEntries(Object.entries(extra).filter(([, v]) => v)) as object), ...r });
  return (
    <form className="range-picker" method="get" aria-label="Period">
      {Object.entries(extra).map(([name, value]) =>
        value ? <input key={name} type="hidden" name={name} value={value} /> : null,
      )}
      <label>
        From <input type="date" name="from" defaultValue={range.from} required />
      </label>
      <label>
        To <input type="date" name="to" defaultValue={range.to} required />
      </label>
      <button type="submit" className="button">
        Apply
      </button>
      <span className="presets">
        {PRESETS.map(([label, days]) => (
          <Link key={label} href={`?${query(lastDays(days))}`} className="preset">
            {label}
          </Link>
        ))}
      </span>
    </form>
  );
}
