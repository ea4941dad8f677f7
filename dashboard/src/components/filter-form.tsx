import Link from 'next/link';
import { type DateRange, lastDays } from '../lib/dates.ts';

const PRESETS: [string, number][] = [
  ['7 days', 7],
  ['30 days', 30],
  ['90 days', 90],
  ['12 months', 365],
];

export interface SelectFilter {
  name: string;
  label: string;
  value: string | undefined;
  options: { value: string; label: string }[];
}

/**
 * A page's filters as search parameters (a plain GET form): every view has an address to share or bookmark, and
 * the page fetches on the server from those parameters.
 */
export function FilterForm({
  range,
  selects = [],
  keep = {},
}: {
  range?: DateRange;
  selects?: SelectFilter[];
  /** Parameters carried over unchanged. */
  keep?: Record<string, string | undefined>;
}) {
  const current = Object.fromEntries(
    [...Object.entries(keep), ...selects.map((s) => [s.name, s.value] as const)].filter(
      (entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== '',
    ),
  );
  return (
    <form className="range-picker" method="get" aria-label="Filters">
      {Object.entries(keep).map(([name, value]) =>
        value ? <input key={name} type="hidden" name={name} value={value} /> : null,
      )}
      {selects.map((s) => (
        <label key={s.name}>
          {s.label}{' '}
          <select name={s.name} defaultValue={s.value ?? ''}>
            {s.options.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </label>
      ))}
      {range ? (
        <>
          <label>
            From <input type="date" name="from" defaultValue={range.from} required />
          </label>
          <label>
            To <input type="date" name="to" defaultValue={range.to} required />
          </label>
        </>
      ) : null}
      <button type="submit" className="button">
        Apply
      </button>
      {range ? (
        <span className="presets">
          {/* No prefetch: each preset is this dynamic page for another range, a server request on every page load. */}
          {PRESETS.map(([label, days]) => (
            <Link
              key={label}
              href={`?${new URLSearchParams({ ...current, ...lastDays(days) })}`}
              prefetch={false}
              className="preset"
            >
              {label}
            </Link>
          ))}
        </span>
      ) : null}
    </form>
  );
}
