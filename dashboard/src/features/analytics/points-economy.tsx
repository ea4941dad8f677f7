import { ChartCard } from '../../components/charts/chart-card.tsx';
import { TrendChart } from '../../components/charts/trend-chart.tsx';
import { FilterForm } from '../../components/filter-form.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { EmptyState, ProblemPanel } from '../../components/problem-panel.tsx';
import { rangeFrom } from '../../lib/dates.ts';
import { formatValue } from '../../lib/format.ts';
import { load, monet } from '../../lib/monet.ts';
import { programChoice, programSelect } from '../../lib/programs.ts';

export interface PointsParams {
  programId?: string;
  from?: string;
  to?: string;
}

/** Points issued, redeemed and expired by day, and the outstanding liability with its money value. */
export async function PointsEconomy({ params }: { params: PointsParams }) {
  const { note, ...range } = rangeFrom(params);
  const api = await monet();
  const choice = await programChoice(api, params.programId);
  if (!choice.ok) return <ProblemPanel problem={choice.problem} />;
  const { programs, program } = choice.data;
  if (!program) return <EmptyState title="No loyalty program yet">Create a program to see its points.</EmptyState>;
  const result = await load(
    api.GET('/v1/analytics/points-economy', { params: { query: { programId: program.id, ...range } } }),
  );
  const header = (
    <PageHeader title="Points economy" subtitle={`${program.name} · ${range.from} to ${range.to}`} note={note}>
      <FilterForm range={range} selects={[programSelect(programs, program)]} />
    </PageHeader>
  );
  if (!result.ok) {
    return (
      <>
        {header}
        <ProblemPanel problem={result.problem} />
      </>
    );
  }
  const { days, totals, currency } = result.data;
  if (!totals || !days.length) {
    return (
      <>
        {header}
        <EmptyState title="No points moved in this period" />
      </>
    );
  }
  const figures: [string, string, string][] = [
    ['issuedPoints', 'Issued', formatValue(totals.issuedPoints, 'integer')],
    ['redeemedPoints', 'Redeemed', formatValue(totals.redeemedPoints, 'integer')],
    ['expiredPoints', 'Expired', formatValue(totals.expiredPoints, 'integer')],
    ['outstandingPoints', 'Outstanding', formatValue(totals.outstandingPoints, 'integer')],
    ['outstandingLiabilityMinor', 'Liability', formatValue(totals.outstandingLiabilityMinor, 'money', currency)],
    ['breakageRate', 'Breakage', formatValue(totals.breakageRate, 'percent')],
  ];
  const csv = {
    rows: days,
    columns: Object.keys(days[0] ?? {}).map((key) => ({ key, header: key })),
    filename: `points-economy-${range.from}-${range.to}.csv`,
  };
  return (
    <>
      {header}
      <section className="kpis" aria-label="Totals of the period">
        {figures.map(([metric, label, text]) => (
          <article
            key={metric}
            className="panel kpi"
            data-metric={metric}
            data-value={String(totals[metric as keyof typeof totals] ?? '')}
          >
            <h3>{label}</h3>
            <p className="kpi-value">{text}</p>
          </article>
        ))}
      </section>
      <div className="chart-grid">
        <ChartCard id="points-flows" title="Points issued, redeemed and expired" csv={csv}>
          <TrendChart
            kind="bar"
            data={days}
            x="day"
            series={[
              { key: 'issuedPoints', label: 'Issued' },
              { key: 'redeemedPoints', label: 'Redeemed' },
              { key: 'expiredPoints', label: 'Expired' },
            ]}
            format="integer"
            description="Points issued, redeemed and expired per day"
          />
        </ChartCard>
        <ChartCard id="points-liability" title="Outstanding liability" csv={csv}>
          <TrendChart
            data={days}
            x="day"
            series={[{ key: 'outstandingLiabilityMinor', label: 'Liability' }]}
            format="money"
            currency={currency}
            description="Outstanding points liability per day"
          />
        </ChartCard>
      </div>
    </>
  );
}
