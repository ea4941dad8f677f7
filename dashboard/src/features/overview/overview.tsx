import { ChartCard } from '../../components/charts/chart-card.tsx';
import { TrendChart } from '../../components/charts/trend-chart.tsx';
import { FilterForm } from '../../components/filter-form.tsx';
import { EmptyState, ProblemPanel } from '../../components/problem-panel.tsx';
import { type DateRange, rangeFrom } from '../../lib/dates.ts';
import { load, monet } from '../../lib/monet.ts';
import { KpiCard } from './kpi-card.tsx';

export interface OverviewParams {
  from?: string;
  to?: string;
  programId?: string;
}

/** The executive overview: the period's headline figures, their trends, and the points liability. */
export async function Overview({ params }: { params: OverviewParams }) {
  const { note, ...range } = rangeFrom(params);
  const api = await monet();
  const overviewOf = (programId: string | undefined) =>
    load(api.GET('/v1/analytics/overview', { params: { query: { ...range, ...(programId ? { programId } : {}) } } }));
  // The figures of every program (the page's default, and its slowest call) need no program: asked at once with the
  // programs, not after them. Marked handled, as the page may end on the programs' answer without awaiting them.
  const everyProgram = params.programId ? undefined : overviewOf(undefined);
  everyProgram?.catch(() => undefined);
  const programs = await load(api.GET('/v1/programs', { params: { query: { limit: 100 } } }));
  if (!programs.ok) return <ProblemPanel problem={programs.problem} />;
  const active = programs.data.items.filter((p) => p.status === 'active');
  if (!active.length) {
    return (
      <EmptyState title="No loyalty program yet">
        Create a program and its rules, and the overview fills in as members earn and redeem.
      </EmptyState>
    );
  }
  const program = active.find((p) => p.id === params.programId) ?? active[0]!;
  const programId = params.programId && program.id === params.programId ? program.id : undefined;
  // Two calls at once: the figures with their monthly trends, and the liability of one program by day.
  const [overview, economy] = await Promise.all([
    programId ? overviewOf(programId) : (everyProgram ?? overviewOf(undefined)),
    load(api.GET('/v1/analytics/points-economy', { params: { query: { programId: program.id, ...range } } })),
  ]);

  const header = (
    <header className="page-header">
      <div>
        <h1>Overview</h1>
        <p className="muted">
          {range.from} to {range.to}, against the {daysIn(range)} days before
          {programId ? ` · ${program.name}` : ' · every program'}
        </p>
      </div>
      <FilterForm
        range={range}
        selects={[
          {
            name: 'programId',
            label: 'Program',
            value: programId,
            options: [{ value: '', label: 'Every program' }, ...active.map((p) => ({ value: p.id, label: p.name }))],
          },
        ]}
      />
      {note ? <p className="notice">{note}</p> : null}
    </header>
  );
  if (!overview.ok) {
    return (
      <>
        {header}
        <ProblemPanel problem={overview.problem} />
      </>
    );
  }
  const { metrics, currency } = overview.data;
  const trend = overview.data.monthly.map((m) => ({
    label: m.month.slice(0, 7),
    revenue: m.memberRevenueMinor,
    roi: m.roi,
  }));
  const days = economy.ok ? economy.data.days : [];
  const liabilityRows = days.map((d) => ({ day: d.day, liabilityMinor: d.outstandingLiabilityMinor }));
  return (
    <>
      {header}
      <section className="kpis" aria-label="Headline figures">
        <KpiCard metric="activeMembers" label="Active members" figure={metrics.activeMembers} format="integer" />
        <KpiCard
          metric="memberRevenueMinor"
          label="Member revenue"
          figure={metrics.memberRevenueMinor}
          format="money"
          currency={currency}
          note={`Over the months ${overview.data.months.from} to ${overview.data.months.to}`}
        />
        <KpiCard
          metric="memberRevenueShare"
          label="Member share of revenue"
          figure={metrics.memberRevenueShare}
          format="percent"
          note="Members against guests"
        />
        <KpiCard
          metric="roi"
          label="Program ROI"
          figure={metrics.roi}
          format="ratio"
          note="Incremental revenue less cost, over cost"
        />
        <KpiCard
          metric="pointsLiabilityMinor"
          label="Points liability"
          figure={metrics.pointsLiabilityMinor}
          format="money"
          currency={currency}
          higherIsBetter={false}
        />
        <KpiCard metric="redemptionRate" label="Redemption rate" figure={metrics.redemptionRate} format="percent" />
        <KpiCard
          metric="incrementalRevenueMinor"
          label="Incremental revenue"
          figure={metrics.incrementalRevenueMinor}
          format="money"
          currency={currency}
        />
        <KpiCard metric="issuedPoints" label="Points issued" figure={metrics.issuedPoints} format="integer" />
      </section>
      <div className="chart-grid">
        <ChartCard
          id="revenue-trend"
          title="Member revenue by month"
          empty={trend.every((t) => t.revenue === null) ? 'No revenue in these months.' : undefined}
          csv={{
            rows: trend,
            columns: [
              { key: 'label', header: 'month' },
              { key: 'revenue', header: `member_revenue_minor (${currency ?? ''})` },
            ],
            filename: `member-revenue-${range.from}-${range.to}.csv`,
          }}
        >
          <TrendChart
            kind="bar"
            data={trend}
            x="label"
            series={[{ key: 'revenue', label: 'Member revenue' }]}
            format="money"
            currency={currency}
            description="Member revenue per month"
          />
        </ChartCard>
        <ChartCard
          id="roi-trend"
          title="Program ROI by month"
          empty={trend.every((t) => t.roi === null) ? 'No program cost in these months, so no ROI.' : undefined}
          csv={{
            rows: trend,
            columns: [
              { key: 'label', header: 'month' },
              { key: 'roi', header: 'roi' },
            ],
            filename: `program-roi-${range.from}-${range.to}.csv`,
          }}
        >
          <TrendChart
            data={trend}
            x="label"
            series={[{ key: 'roi', label: 'ROI' }]}
            format="ratio"
            description="Program ROI per month"
          />
        </ChartCard>
        <ChartCard
          id="liability-trend"
          title={`Points liability · ${program.name}`}
          problem={economy.ok ? undefined : economy.problem}
          empty={days.length ? undefined : 'No points movements in this period.'}
          csv={{
            rows: liabilityRows,
            columns: [
              { key: 'day', header: 'day' },
              { key: 'liabilityMinor', header: `outstanding_liability_minor (${currency ?? ''})` },
            ],
            filename: `points-liability-${range.from}-${range.to}.csv`,
          }}
        >
          <TrendChart
            data={liabilityRows}
            x="day"
            series={[{ key: 'liabilityMinor', label: 'Liability' }]}
            format="money"
            currency={economy.ok ? economy.data.currency : currency}
            description="Outstanding points liability per day"
          />
        </ChartCard>
      </div>
    </>
  );
}

const daysIn = (r: DateRange) => Math.round((Date.parse(r.to) - Date.parse(r.from)) / 86_400_000) + 1;
