import { ChartCard } from '../../components/charts/chart-card.tsx';
import { TrendChart } from '../../components/charts/trend-chart.tsx';
import { FilterForm } from '../../components/filter-form.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { EmptyState, ProblemPanel } from '../../components/problem-panel.tsx';
import { lastDays, rangeFrom } from '../../lib/dates.ts';
import { formatValue } from '../../lib/format.ts';
import { load, monet } from '../../lib/monet.ts';

export interface FunnelParams {
  kind?: string;
  from?: string;
  to?: string;
}

const KINDS = { enrolment: 'Enrolment', campaign: 'Campaigns' } as const;

function duration(seconds: number | null): string {
  if (seconds === null) return '–';
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`;
  if (seconds < 172_800) return `${(seconds / 3600).toFixed(1)} h`;
  return `${(seconds / 86_400).toFixed(1)} days`;
}

/** How members move through the enrolment or campaign funnel, per cohort: conversion and time between steps. */
export async function Funnels({ params }: { params: FunnelParams }) {
  const kind = params.kind === 'campaign' ? 'campaign' : 'enrolment';
  const { note, ...range } = params.from || params.to ? rangeFrom(params) : { ...lastDays(365), note: undefined };
  const result = await load(
    (await monet()).GET('/v1/analytics/funnels/{kind}', { params: { path: { kind }, query: range } }),
  );
  const header = (
    <PageHeader title="Funnels" subtitle={`${KINDS[kind]} cohorts from ${range.from} to ${range.to}`} note={note}>
      <FilterForm
        range={range}
        selects={[
          {
            name: 'kind',
            label: 'Funnel',
            value: kind,
            options: Object.entries(KINDS).map(([value, label]) => ({ value, label })),
          },
        ]}
      />
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
  const cohorts = result.data.cohorts;
  if (!cohorts.length) {
    return (
      <>
        {header}
        <EmptyState title="No cohorts in this range">
          {kind === 'campaign' ? 'No campaign reached members in these dates.' : 'No member enrolled in these dates.'}
        </EmptyState>
      </>
    );
  }
  // Members at each step over every cohort shown: the steps are the same for every cohort of one funnel.
  const steps = cohorts[0]!.steps.map((s) => s.step);
  const totals = steps.map((step) => ({
    step: step.replaceAll('_', ' '),
    members: cohorts.reduce((n, c) => n + (c.steps.find((s) => s.step === step)?.members ?? 0), 0),
  }));
  const csvRows = cohorts.flatMap((c) =>
    c.steps.map((s) => ({
      cohort: c.cohortKey,
      cohort_start: c.cohortStart,
      step_index: s.stepIndex,
      step: s.step,
      members: s.members,
      conversion_from_previous: s.conversionFromPrevious,
      conversion_from_start: s.conversionFromStart,
      median_seconds_from_previous: s.medianSecondsFromPrevious,
    })),
  );
  return (
    <>
      {header}
      <ChartCard
        id="funnel-steps"
        title="Members at each step, every cohort"
        csv={{
          rows: csvRows,
          columns: Object.keys(csvRows[0] ?? {}).map((key) => ({ key, header: key })),
          filename: `funnel-${kind}-${range.from}-${range.to}.csv`,
        }}
      >
        <TrendChart
          kind="bar"
          data={totals}
          x="step"
          series={[{ key: 'members', label: 'Members' }]}
          format="integer"
          description="Members reaching each step of the funnel"
        />
      </ChartCard>
      <section className="panel" aria-labelledby="funnel-table-title">
        <h2 id="funnel-table-title">By cohort</h2>
        <div className="table-scroll">
          <table className="data">
            <thead>
              <tr>
                <th scope="col">Cohort</th>
                {steps.map((s) => (
                  <th key={s} scope="col" className="number">
                    {s.replaceAll('_', ' ')}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {cohorts.map((c) => (
                <tr key={c.cohortKey} data-cohort={c.cohortKey}>
                  <th scope="row">{c.cohortStart}</th>
                  {c.steps.map((s) => (
                    <td key={s.step} className="number">
                      {formatValue(s.members, 'integer')}
                      {s.stepIndex > 0 ? (
                        <span className="muted small block">
                          {formatValue(s.conversionFromPrevious, 'percent')} · {duration(s.medianSecondsFromPrevious)}
                        </span>
                      ) : null}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p className="muted small">Under each count: conversion from the step before, and the median time it took.</p>
      </section>
    </>
  );
}
