import { describe, expect, it } from 'vitest';
import { reportFromForm } from './report-form-data.ts';

const form = (fields: [string, string][]) => {
  const data = new FormData();
  for (const [k, v] of fields) data.append(k, v);
  return data;
};

describe('the new-report form', () => {
  it('makes the api report from presets, recipients one per line, and a schedule', () => {
    const result = reportFromForm(
      form([
        ['name', 'Monday numbers'],
        ['programId', '9a0e1f4c-3b2d-4c5e-8f6a-7b8c9d0e1f2a'],
        ['tiles', 'overviewWeek'],
        ['tiles', 'points'],
        ['formats', 'pdf'],
        ['timeZone', 'Europe/Paris'],
        ['recipients', 'cfo@cafe.test\nops@cafe.test America/New_York\n'],
        ['schedule', 'weekly'],
        ['weekdays', 'MON'],
        ['time', '08:00'],
        ['onlyWhenChanged', 'on'],
      ]),
    );
    expect(result).toEqual({
      report: {
        name: 'Monday numbers',
        tiles: [
          { kind: 'overview', title: 'The last 7 days', range: { lastDays: 7 } },
          {
            kind: 'pointsEconomy',
            title: 'Points economy',
            range: { lastDays: 30 },
            programId: '9a0e1f4c-3b2d-4c5e-8f6a-7b8c9d0e1f2a',
          },
        ],
        formats: ['pdf'],
        recipients: [
          { email: 'cfo@cafe.test', timeZone: 'Europe/Paris' },
          { email: 'ops@cafe.test', timeZone: 'America/New_York' },
        ],
        trigger: 'schedule',
        cron: '0 8 * * MON',
        timeZone: 'Europe/Paris',
        onlyWhenChanged: true,
      },
    });
  });

  it('says what is missing, in words', () => {
    expect(reportFromForm(form([['name', 'x']]))).toEqual({ error: 'Choose at least one tile.' });
    expect(
      reportFromForm(
        form([
          ['name', 'x'],
          ['tiles', 'rfm'],
          ['formats', 'csv'],
          ['recipients', 'a@b.test'],
          ['schedule', 'custom'],
        ]),
      ),
    ).toEqual({ error: 'Give a cron expression, or choose a schedule.' });
    const base: [string, string][] = [
      ['name', 'x'],
      ['tiles', 'rfm'],
      ['formats', 'csv'],
      ['recipients', 'a@b.test'],
    ];
    expect(reportFromForm(form([...base, ['schedule', 'weekly'], ['time', '08:00']]))).toEqual({
      error: 'Choose at least one day of the week.',
    });
    expect(reportFromForm(form([...base, ['schedule', 'custom'], ['cron', '61 8 * * *']]))).toEqual({
      error: 'Not a cron expression: CronPattern: Invalid value for minute: 61',
    });
  });

  it('makes a monthly cron from the picker', () => {
    const result = reportFromForm(
      form([
        ['name', 'x'],
        ['tiles', 'rfm'],
        ['formats', 'csv'],
        ['recipients', 'a@b.test'],
        ['schedule', 'monthly'],
        ['dayOfMonth', '15'],
        ['time', '06:30'],
      ]),
    );
    expect(result).toMatchObject({ report: { trigger: 'schedule', cron: '30 6 15 * *' } });
  });

  it('sends after each rebuild of the marts without a cron', () => {
    const result = reportFromForm(
      form([
        ['name', 'x'],
        ['tiles', 'rfm'],
        ['formats', 'xlsx'],
        ['recipients', 'a@b.test'],
        ['schedule', 'marts'],
      ]),
    );
    expect(result).toMatchObject({ report: { trigger: 'marts_rebuilt', timeZone: 'UTC' } });
    expect((result as { report: object }).report).not.toHaveProperty('cron');
  });
});
