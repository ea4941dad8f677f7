import type { ReactNode } from 'react';
import type { Problem } from '../../lib/monet.ts';
import { type CsvColumn, DownloadCsv } from './download-csv.tsx';

/**
 * A titled card around one chart, with its states: the chart, a sentence when there is nothing to draw, or the
 * problem in words. Every chart with data offers its numbers as CSV.
 */
export function ChartCard({
  title,
  id,
  problem,
  empty,
  csv,
  children,
}: {
  title: string;
  id: string;
  problem?: Problem;
  /** Set when the data hold nothing to draw: says why in words. */
  empty?: string;
  csv?: { rows: Record<string, unknown>[]; columns: CsvColumn[]; filename: string };
  children: ReactNode;
}) {
  const state = problem ? 'error' : empty ? 'empty' : 'ready';
  return (
    <section className="panel chart-card" aria-labelledby={`${id}-title`} data-chart={id} data-state={state}>
      <header className="chart-card-header">
        <h2 id={`${id}-title`}>{title}</h2>
        {state === 'ready' && csv ? <DownloadCsv {...csv} /> : null}
      </header>
      {problem ? (
        <p role="alert" className="muted">
          {problem.title}. {problem.detail}
        </p>
      ) : empty ? (
        <p className="muted">{empty}</p>
      ) : (
        children
      )}
    </section>
  );
}
