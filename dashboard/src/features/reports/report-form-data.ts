import { cronFor, cronProblem, type Frequency, type Weekday } from './cron-schedule.ts';

// The new-report form's fields turned into the api's report: tiles from presets, recipients one per line, a schedule
// from the picker (daily, weekly or monthly at a local time), a cron expression, or after each rebuild of the marts.
// Pure, so the form's rules are tested without a browser.

export type FormState = { error?: string };

/** Tiles a report can start from; each is one of the api's tile kinds with a range relative to the send date. */
export const TILE_PRESETS: Record<
  string,
  { label: string; tile: (programId: string | undefined) => object | undefined }
> = {
  overviewWeek: {
    label: 'Overview, the last 7 days',
    tile: () => ({ kind: 'overview', title: 'The last 7 days', range: { lastDays: 7 } }),
  },
  overviewMonth: {
    label: 'Overview, the previous month',
    tile: () => ({ kind: 'overview', title: 'The previous month', range: { calendar: 'previousMonth' } }),
  },
  cohorts: {
    label: 'Cohort retention, the last 12 months',
    tile: () => ({ kind: 'cohorts', title: 'Cohort retention', range: { lastDays: 365 }, grain: 'month' }),
  },
  rfm: { label: 'RFM segments', tile: () => ({ kind: 'rfm', title: 'RFM segments' }) },
  points: {
    label: 'Points economy, the last 30 days',
    tile: (programId) =>
      programId ? { kind: 'pointsEconomy', title: 'Points economy', range: { lastDays: 30 }, programId } : undefined,
  },
};

/** When a report is sent: the picker's frequencies, a cron of one's own, or after each rebuild of the marts. */
export const SCHEDULES: Record<string, string> = {
  daily: 'Every day',
  weekly: 'Every week',
  monthly: 'Every month',
  custom: 'Custom (cron)',
  marts: 'After the marts are rebuilt',
};

export function reportFromForm(form: FormData): { report: Record<string, unknown> } | { error: string } {
  const name = String(form.get('name') ?? '').trim();
  if (!name) return { error: 'Give the report a name.' };
  const programId = String(form.get('programId') ?? '') || undefined;
  const tiles = form
    .getAll('tiles')
    .map(String)
    .map((preset) => TILE_PRESETS[preset]?.tile(programId))
    .filter((t): t is object => t !== undefined);
  if (!tiles.length) return { error: 'Choose at least one tile.' };
  const formats = form.getAll('formats').map(String);
  if (!formats.length) return { error: 'Choose at least one format.' };
  const timeZone = String(form.get('timeZone') ?? 'UTC').trim() || 'UTC';
  const recipients = String(form.get('recipients') ?? '')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const [email, zone] = line.split(/[\s,;]+/);
      return { email: email ?? '', timeZone: zone || timeZone };
    });
  if (!recipients.length) return { error: 'Add at least one recipient.' };
  const schedule = String(form.get('schedule') ?? 'weekly');
  let cron: string | undefined;
  if (schedule === 'custom') {
    cron = String(form.get('cron') ?? '').trim();
    if (!cron) return { error: 'Give a cron expression, or choose a schedule.' };
    const problem = cronProblem(cron);
    if (problem) return { error: problem };
  } else if (schedule !== 'marts') {
    const made = cronFor({
      frequency: (['daily', 'monthly'].includes(schedule) ? schedule : 'weekly') as Frequency,
      time: String(form.get('time') ?? ''),
      weekdays: form.getAll('weekdays').map(String) as Weekday[],
      dayOfMonth: Number(form.get('dayOfMonth') ?? 1),
    });
    if ('error' in made) return made;
    cron = made.cron;
  }
  return {
    report: {
      name,
      tiles,
      formats,
      recipients,
      trigger: schedule === 'marts' ? 'marts_rebuilt' : 'schedule',
      ...(schedule === 'marts' ? {} : { cron }),
      timeZone,
      onlyWhenChanged: form.get('onlyWhenChanged') === 'on',
    },
  };
}
