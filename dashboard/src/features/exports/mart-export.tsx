'use client';

import { useActionState } from 'react';
import { exportMart, type MartExportState, type MartName } from './mart-actions.ts';

/**
 * The way from a chart to its mart's every row: a file written by the api in the background (CSV, Parquet or
 * Excel), followed on the export's page. The chart's own CSV holds only what it draws.
 */
export function MartExport({
  mart,
  range,
  idempotencyKey,
}: {
  mart: MartName;
  range?: { from: string; to: string };
  /** Made by the server with the page, so a second click of the same form asks for the same export. */
  idempotencyKey: string;
}) {
  const [state, action, pending] = useActionState<MartExportState | undefined, FormData>(exportMart, undefined);
  return (
    <form action={action} className="range-picker" aria-label={`Export ${mart}`}>
      <input type="hidden" name="mart" value={mart} />
      <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
      {range ? (
        <>
          <input type="hidden" name="from" value={range.from} />
          <input type="hidden" name="to" value={range.to} />
        </>
      ) : null}
      <label>
        Full export{' '}
        <select name="format" defaultValue="csv">
          <option value="csv">CSV</option>
          <option value="parquet">Parquet</option>
          <option value="xlsx">Excel</option>
        </select>
      </label>
      <button type="submit" className="button ghost small" disabled={pending}>
        Export all rows
      </button>
      {state?.error ? (
        <span role="alert" className="form-error">
          {state.error}
        </span>
      ) : null}
    </form>
  );
}
