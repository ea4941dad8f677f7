/**
 * Checks of a report's timing before Temporal sees it: a five-field cron expression as Temporal Schedules read it,
 * parsed by croner (`@loyaltystudio/config`, where the worker's own crons are checked too), and an IANA time zone.
 */
export { cronProblem } from '@loyaltystudio/config';

/** True for a time zone name the runtime's time-zone database knows (the same database Temporal uses). */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return name.length > 0 && !/^[+-]/.test(name);
  } catch {
    return false;
  }
}
