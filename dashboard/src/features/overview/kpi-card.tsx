import { formatChange, formatValue, type ValueFormat } from '../../lib/format.ts';

export interface Compared {
  current: number | null;
  previous: number | null;
  change: number | null;
  relativeChange: number | null;
}

/** One headline figure against the previous period. `data-value` holds the api's number, unformatted. */
export function KpiCard({
  metric,
  label,
  figure,
  format,
  currency,
  note,
  higherIsBetter = true,
}: {
  metric: string;
  label: string;
  figure: Compared;
  format: ValueFormat;
  currency?: string | null;
  note?: string;
  higherIsBetter?: boolean;
}) {
  const direction =
    figure.change === null || figure.change === 0 ? 'flat' : figure.change > 0 === higherIsBetter ? 'better' : 'worse';
  return (
    <article className="panel kpi" data-metric={metric} data-value={figure.current ?? ''}>
      <h3>{label}</h3>
      <p className="kpi-value">{formatValue(figure.current, format, currency)}</p>
      <p className="kpi-change" data-direction={direction}>
        {formatChange(figure.change, figure.relativeChange, format)}
        <span className="muted"> vs previous period</span>
      </p>
      {note ? <p className="muted small">{note}</p> : null}
    </article>
  );
}
