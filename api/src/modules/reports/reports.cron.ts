/**
 * Checks of a report's timing before Temporal sees it: a five-field cron expression as Temporal Schedules read it
 * (numbers, `*`, ranges, steps, lists, and the names of months and weekdays), and an IANA time zone.
 */

const FIELDS = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  {
    name: 'month',
    min: 1,
    max: 12,
    names: ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'],
  },
  { name: 'day of week', min: 0, max: 7, names: ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'] },
] as const;

function value(text: string, field: (typeof FIELDS)[number]): number | null {
  const names = 'names' in field ? (field.names as readonly string[]) : [];
  const named = names.indexOf(text.toUpperCase());
  if (named >= 0) return named + (field.name === 'month' ? 1 : 0);
  if (!/^\d{1,2}$/.test(text)) return null;
  const n = Number(text);
  return n >= field.min && n <= field.max ? n : null;
}

/** Why the expression is not a five-field cron, or null when it is one. */
export function cronProblem(expression: string): string | null {
  const parts = expression.trim().split(/\s+/);
  if (parts.length !== 5) return 'must have five fields: minute hour day-of-month month day-of-week';
  for (const [i, part] of parts.entries()) {
    const field = FIELDS[i] as (typeof FIELDS)[number];
    for (const item of part.split(',')) {
      const [range = '', step, ...rest] = item.split('/');
      const bad = `has a ${field.name} field "${part}" outside ${field.min}–${field.max}`;
      if (rest.length || (step !== undefined && !/^\d{1,2}$/.test(step)) || step === '0') return bad;
      if (range === '*' || (range === '?' && (i === 2 || i === 4))) continue;
      const [a = '', b, ...more] = range.split('-');
      const from = value(a, field);
      const to = b === undefined ? from : value(b, field);
      if (more.length || from === null || to === null || to < from) return bad;
    }
  }
  return null;
}

/** True for a time zone name the runtime's time-zone database knows (the same database Temporal uses). */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return name.length > 0 && !/^[+-]/.test(name);
  } catch {
    return false;
  }
}
