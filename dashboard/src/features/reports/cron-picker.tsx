'use client';

import { useState } from 'react';
import {
  cronFor,
  cronProblem,
  DEFAULT_SCHEDULE,
  formatInZone,
  nextSends,
  type Schedule,
  WEEKDAYS,
} from './cron-schedule.ts';
import { SCHEDULES } from './report-form-data.ts';

const DAY_NAMES: Record<string, string> = {
  MON: 'Monday',
  TUE: 'Tuesday',
  WED: 'Wednesday',
  THU: 'Thursday',
  FRI: 'Friday',
  SAT: 'Saturday',
  SUN: 'Sunday',
};

/**
 * When a report is sent: every day, week or month at a local time (the cron it makes is shown), a cron of one's own,
 * or after each rebuild of the marts. The next sends are worked out by croner in the report's time zone.
 */
export function CronPicker({ timeZone }: { timeZone: string }) {
  const [mode, setMode] = useState('weekly');
  const [schedule, setSchedule] = useState<Schedule>(DEFAULT_SCHEDULE);
  const [custom, setCustom] = useState('30 7 * * MON-FRI');
  const set = (patch: Partial<Schedule>) => setSchedule((s) => ({ ...s, ...patch }));

  const made = mode === 'custom' ? undefined : cronFor({ ...schedule, frequency: mode as Schedule['frequency'] });
  const cron = mode === 'custom' ? custom.trim() : made && 'cron' in made ? made.cron : undefined;
  const error = mode === 'custom' ? cronProblem(custom) : made && 'error' in made ? made.error : null;
  const sends = cron && !error ? nextSends(cron, timeZone) : [];

  return (
    <fieldset className="cron-picker" data-field="schedule">
      <legend>When</legend>
      <label>
        Send{' '}
        <select name="schedule" value={mode} onChange={(e) => setMode(e.target.value)}>
          {Object.entries(SCHEDULES).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </label>
      {mode === 'weekly' ? (
        <fieldset>
          <legend>On</legend>
          {WEEKDAYS.map((day) => (
            <label key={day} className="inline">
              <input
                type="checkbox"
                name="weekdays"
                value={day}
                checked={schedule.weekdays.includes(day)}
                onChange={(e) =>
                  set({
                    weekdays: e.target.checked
                      ? [...schedule.weekdays, day]
                      : schedule.weekdays.filter((d) => d !== day),
                  })
                }
              />{' '}
              {DAY_NAMES[day]}
            </label>
          ))}
        </fieldset>
      ) : null}
      {mode === 'monthly' ? (
        <label>
          Day of the month{' '}
          <input
            type="number"
            name="dayOfMonth"
            min={1}
            max={28}
            value={schedule.dayOfMonth}
            onChange={(e) => set({ dayOfMonth: Number(e.target.value) })}
          />
        </label>
      ) : null}
      {mode === 'daily' || mode === 'weekly' || mode === 'monthly' ? (
        <label>
          At (local time){' '}
          <input type="time" name="time" value={schedule.time} onChange={(e) => set({ time: e.target.value })} />
        </label>
      ) : null}
      {mode === 'custom' ? (
        <label>
          Cron (minute hour day month weekday){' '}
          <input name="cron" value={custom} onChange={(e) => setCustom(e.target.value)} />
        </label>
      ) : null}
      {mode === 'marts' ? (
        <p className="muted small">Sent after each successful rebuild of the marts, not on a clock.</p>
      ) : error ? (
        <p className="form-error small" role="alert">
          {error}
        </p>
      ) : (
        <div className="small" aria-live="polite">
          <p>
            Cron <code data-field="cron">{cron}</code> in {timeZone}
          </p>
          {sends.length ? (
            <p className="muted">
              Next sends:{' '}
              <span data-field="next-sends">{sends.map((iso) => formatInZone(iso, timeZone)).join(' · ')}</span>
            </p>
          ) : (
            <p className="muted">No send can be worked out for this time zone.</p>
          )}
        </div>
      )}
    </fieldset>
  );
}
