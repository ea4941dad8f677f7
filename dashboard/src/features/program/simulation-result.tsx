import { formatMoney, formatValue } from '../../lib/format.ts';
import type { Simulation } from './actions.ts';
import { monthlyPace } from './forecast.ts';

/** A backtest in words and tables: what the draft would have credited, what was credited, the difference, the pace. */
export function SimulationResult({ simulation, currency }: { simulation: Simulation; currency: string }) {
  if (!simulation.ok) {
    return (
      <div role="alert" data-state="error">
        <p className="form-error">{simulation.message}</p>
        {simulation.errors?.length ? (
          <ul>
            {simulation.errors.map((e) => (
              <li key={`${e.path}${e.message}`}>
                <code>{e.path.replace(/^body\.rules\[0\]\./, '')}</code> {e.message}
              </li>
            ))}
          </ul>
        ) : null}
      </div>
    );
  }
  const backtest = simulation.data.backtest;
  if (!backtest) return <p className="muted">The api gave no backtest.</p>;
  if (backtest.eventsEvaluated === 0) {
    return (
      <p className="muted" data-field="events-evaluated" data-value="0">
        The program has no events yet to replay.
      </p>
    );
  }
  const money = (minor: number) => formatMoney(minor, backtest.cost.currency ?? currency);
  const pace = monthlyPace(backtest);
  const sign = (n: number) => (n > 0 ? '+' : n < 0 ? '−' : '±');
  return (
    <div data-state="ready">
      <p data-field="events-evaluated" data-value={backtest.eventsEvaluated}>
        {formatValue(backtest.eventsEvaluated, 'integer')} events replayed
        {backtest.from && backtest.to ? `, ${backtest.from.slice(0, 10)} to ${backtest.to.slice(0, 10)}` : ''}.
      </p>
      <dl className="facts">
        <dt>With the draft</dt>
        <dd data-field="draft-points" data-value={backtest.totalPoints}>
          {formatValue(backtest.totalPoints, 'integer')} points · {money(backtest.cost.amountMinor)}
        </dd>
        <dt>As credited</dt>
        <dd data-field="actual-points" data-value={backtest.actual.totalPoints}>
          {formatValue(backtest.actual.totalPoints, 'integer')} points · {money(backtest.actual.cost.amountMinor)}
        </dd>
        <dt>Difference</dt>
        <dd data-field="difference-points" data-value={backtest.difference.points}>
          {sign(backtest.difference.points)}
          {formatValue(Math.abs(backtest.difference.points), 'integer')} points ·{' '}
          {sign(backtest.difference.cost.amountMinor)}
          {money(Math.abs(backtest.difference.cost.amountMinor))}
        </dd>
        <dt>Forecast, 30 days</dt>
        <dd data-field="forecast">
          {pace
            ? `${formatValue(pace.pointsPer30Days, 'integer')} points · ${money(pace.costPer30DaysMinor)} (${sign(pace.differenceCostPer30DaysMinor)}${money(Math.abs(pace.differenceCostPer30DaysMinor))} against the rules in force), at the pace of these ${formatValue(Math.round(pace.days), 'integer')} days`
            : 'Too few events, or less than a day of them, to give a pace.'}
        </dd>
      </dl>
      <div className="table-scroll">
        <table className="data" data-table="simulation">
          <caption className="sr-only">Points by rule</caption>
          <thead>
            <tr>
              <th scope="col">Rule</th>
              <th scope="col" className="number">
                Events matched
              </th>
              <th scope="col" className="number">
                Draft points
              </th>
              <th scope="col" className="number">
                Credited
              </th>
            </tr>
          </thead>
          <tbody>
            {backtest.pointsPerRule.map((r) => (
              <tr key={r.ruleId} data-rule={r.ruleId}>
                <th scope="row">{r.name}</th>
                <td className="number">{formatValue(r.eventsMatched, 'integer')}</td>
                <td className="number">{formatValue(r.points, 'integer')}</td>
                <td className="number">{formatValue(r.actualPoints, 'integer')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {backtest.approximations.length ? (
        <>
          <h3>Approximations</h3>
          <ul className="small muted">
            {backtest.approximations.map((a) => (
              <li key={a}>{a}</li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}
