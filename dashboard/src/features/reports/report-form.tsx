'use client';

import { useActionState, useState } from 'react';
import { createReport } from './actions.ts';
import { CronPicker } from './cron-picker.tsx';
import { type FormState, TILE_PRESETS } from './report-form-data.ts';

/** A new report: tiles, formats, recipients with their time zones, and when it is sent. */
export function ReportForm({ programs, timeZone }: { programs: { id: string; name: string }[]; timeZone: string }) {
  const [state, action, pending] = useActionState<FormState | undefined, FormData>(createReport, undefined);
  const [zone, setZone] = useState(timeZone);
  return (
    <form action={action} className="stacked-form" aria-label="New report">
      <label>
        Name <input name="name" required placeholder="Monday numbers" />
      </label>
      <fieldset>
        <legend>Tiles</legend>
        {Object.entries(TILE_PRESETS).map(([value, preset]) => (
          <label key={value} className="inline">
            <input type="checkbox" name="tiles" value={value} /> {preset.label}
          </label>
        ))}
      </fieldset>
      {programs.length ? (
        <label>
          Program (points tiles){' '}
          <select name="programId" defaultValue={programs[0]!.id}>
            {programs.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      <fieldset>
        <legend>Formats</legend>
        {['pdf', 'csv', 'xlsx'].map((f) => (
          <label key={f} className="inline">
            <input type="checkbox" name="formats" value={f} defaultChecked={f === 'pdf'} /> {f.toUpperCase()}
          </label>
        ))}
      </fieldset>
      <label>
        Recipients, one per line, each with their time zone if it differs{' '}
        <textarea name="recipients" rows={3} placeholder={`cfo@example.com\nops@example.com America/New_York`} />
      </label>
      <label>
        Time zone of the schedule <input name="timeZone" value={zone} onChange={(e) => setZone(e.target.value)} />
      </label>
      <CronPicker timeZone={zone.trim() || 'UTC'} />
      <label className="inline">
        <input type="checkbox" name="onlyWhenChanged" /> Only when the numbers changed since the last send
      </label>
      <button type="submit" className="button primary" disabled={pending}>
        Create report
      </button>
      {state?.error ? (
        <p role="alert" className="form-error">
          {state.error}
        </p>
      ) : null}
    </form>
  );
}
