import { formatMoney, formatValue } from '../../lib/format.ts';
import { load, monet } from '../../lib/monet.ts';

interface Interval {
  estimate: number;
  lower: number;
  upper: number;
  excludesZero: boolean;
}

/** An interval drawn on a shared scale around zero: the bar is the interval, the tick its estimate. */
function IntervalBar({ interval, scale, label }: { interval: Interval | null; scale: number; label: string }) {
  if (!interval) return <span className="muted">–</span>;
  const pos = (v: number) => `${50 + (v / scale) * 50}%`;
  return (
    <span
      className="interval"
      role="img"
      aria-label={`${label}: ${interval.lower.toFixed(0)} to ${interval.upper.toFixed(0)}`}
    >
      <span className="interval-zero" />
      <span
        className="interval-bar"
        data-excludes-zero={interval.excludesZero}
        style={{ left: pos(interval.lower), width: `calc(${pos(interval.upper)} - ${pos(interval.lower)})` }}
      />
      <span className="interval-estimate" style={{ left: pos(interval.estimate) }} />
    </span>
  );
}

/** Each arm against the holdout: what it earned beyond what its members would have spent anyway, and its cost. */
export async function CampaignResults({ campaignId }: { campaignId: string }) {
  const result = await load(
    (await monet()).GET('/v1/campaigns/{campaignId}/results', { params: { path: { campaignId } } }),
    `/campaigns/${campaignId}`,
  );
  if (!result.ok) {
    return (
      <p className="muted" data-field="results-state">
        {result.problem.title}. {result.problem.detail}
      </p>
    );
  }
  const r = result.data;
  const money = (v: number | null) => (v === null ? '–' : formatMoney(Math.round(v), r.currency));
  const intervals = r.comparisons.flatMap((c) =>
    [c.incrementalRevenue.welch, c.incrementalRevenue.cuped, c.incrementalRevenue.sequential].filter(
      (i): i is NonNullable<typeof i> => i !== null,
    ),
  );
  const scale = Math.max(1, ...intervals.flatMap((i) => [Math.abs(i.lower), Math.abs(i.upper)])) * 1.1;
  return (
    <div data-section="results">
      <p className="muted">
        From the marts of {r.asOfDate}; {formatValue(r.plannedMembers, 'integer')} members seated. Holdout:{' '}
        {money(r.holdout.revenuePerMember)} revenue per member.
      </p>
      {r.comparisons.map((c) => (
        <article key={c.arm} className="arm-result" data-arm={c.arm} data-established={c.established}>
          <h3>{c.arm}</h3>
          <p data-field="summary">{c.summary}</p>
          <table className="data">
            <thead>
              <tr>
                <th scope="col">Incremental revenue per member</th>
                <th scope="col" className="number">
                  Estimate
                </th>
                <th scope="col" className="number">
                  95 % interval
                </th>
                <th scope="col">Around zero</th>
              </tr>
            </thead>
            <tbody>
              {(
                [
                  ['Welch', c.incrementalRevenue.welch],
                  [
                    `CUPED (variance −${formatValue(c.incrementalRevenue.cuped?.varianceReduction ?? null, 'percent')})`,
                    c.incrementalRevenue.cuped,
                  ],
                  ['Always valid (daily looks)', c.incrementalRevenue.sequential],
                ] as const
              ).map(([label, interval]) => (
                <tr key={label}>
                  <th scope="row">{label}</th>
                  <td className="number">{money(interval?.estimate ?? null)}</td>
                  <td className="number">{interval ? `${money(interval.lower)} to ${money(interval.upper)}` : '–'}</td>
                  <td>
                    <IntervalBar interval={interval} scale={scale} label={label} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="muted small">
            Points cost per member {formatValue(c.pointsCostPerMember, 'integer')} · incremental{' '}
            {formatValue(c.incrementalPointsCost.estimate, 'integer')} points · revenue per incremental point{' '}
            {c.revenuePerPoint === null ? '–' : money(c.revenuePerPoint)} · participation{' '}
            {formatValue(c.participation, 'percent')} · redemption rate {formatValue(c.redemptionRate, 'percent')}
          </p>
        </article>
      ))}
      <p
        data-field="sample-ratio"
        data-mismatch={r.sampleRatio.mismatch}
        className={r.sampleRatio.mismatch ? 'form-error' : 'muted'}
      >
        Sample ratio check: {r.sampleRatio.summary}
      </p>
    </div>
  );
}
