// The new-report form's fields turned into the api's report: tiles from presets, recipients one per line, a schedule
// from a preset or a cron expression. Pure, so the form's rules are tested without a browser.

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

export const SCHEDULES: Record<string, { label: string; cron: string | null }> = {
  mondays: { label: 'Every Monday at 08:00', cron: '0 8 * * MON' },
  daily: { label: 'Every day at 07:00', cron: '0 7 * * *' },
  monthly: { label: 'The first of each month at 08:00', cron: '0 8 1 * *' },
  marts: { label: 'After the marts are rebuilt', cron: null },
  custom: { label: 'Custom (cron)', cron: null },
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
  const schedule = String(form.get('schedule') ?? 'mondays');
  const chosen = SCHEDULES[schedule] ?? SCHEDULES.mondays!;
  const cron = schedule === 'custom' ? String(form.get('cron') ?? '').trim() : chosen.cron;
  if (schedule === 'custom' && !cron) return { error: 'Give a cron expression, or choose a schedule.' };
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
