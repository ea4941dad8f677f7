import { Cron } from 'croner';

/**
 * A five-field cron expression as Temporal Schedules read it (minute hour day-of-month month day-of-week: numbers,
 * `*`, `?`, ranges, steps, lists, the names of months and weekdays), checked by croner's parser. Croner also reads
 * seconds, years, `@daily` and `L`/`W`/`#`, which Temporal does not: those are refused before croner sees them.
 */
const FIELDS = [
  { name: 'minute', names: [] },
  { name: 'hour', names: [] },
  { name: 'day of month', names: [] },
  { name: 'month', names: ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'] },
  { name: 'day of week', names: ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'] },
] as const;

function parses(expression: string): boolean {
  try {
    new Cron(expression, { paused: true });
    return true;
  } catch {
    return false;
  }
}

/** Why the expression is not a five-field cron Temporal reads, or null when it is one. */
export function cronProblem(expression: string): string | null {
  const parts = expression.trim().split(/\s+/);
  if (parts.length !== 5) return 'must have five fields: minute hour day-of-month month day-of-week';
  for (const [i, part] of parts.entries()) {
    const field = FIELDS[i]!;
    const words = part.split(/[,/-]/).filter((token) => /[a-z]/i.test(token));
    const known = words.every((word) => (field.names as readonly string[]).includes(word.toUpperCase()));
    const only = ['*', '*', '*', '*', '*'];
    only[i] = part;
    // Each field alone, so the message names the one that is wrong.
    if (!known || /[^\w*?/,-]/.test(part) || (part.includes('?') && i !== 2 && i !== 4) || !parses(only.join(' '))) {
      return `has a ${field.name} field "${part}" that is not valid`;
    }
  }
  return null;
}
