import { randomUUID } from 'node:crypto';
import { DownloadCsv } from '../../components/charts/download-csv.tsx';
import { FilterForm } from '../../components/filter-form.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { EmptyState, ProblemPanel } from '../../components/problem-panel.tsx';
import { lastDays, rangeFrom } from '../../lib/dates.ts';
import { formatMoney } from '../../lib/format.ts';
import { load, monet } from '../../lib/monet.ts';
import { MartExport } from '../exports/mart-export.tsx';

export interface CohortParams {
  from?: string;
  to?: string;
  grain?: string;
  show?: string;
}

const SHOWS = {
  rate: 'Retention rate',
  count: 'Active members',
  revenue: 'Revenue per member',
} as const;
type Show = keyof typeof SHOWS;

/** Enrolment cohorts against the periods after enrolment, as a heatmap of retention, members or revenue. */
export async function Cohorts({ params }: { params: CohortParams }) {
  const grain = params.grain === 'week' ? 'week' : 'month';
  const show: Show = params.show === 'count' || params.show === 'revenue' ? params.show : 'rate';
  const { note, ...range } = params.from || params.to ? rangeFrom(params) : { ...lastDays(365), note: undefined };
  const api = await monet();
  const [cohorts, tenant] = await Promise.all([
    load(api.GET('/v1/analytics/cohorts', { params: { query: { grain, ...range } } })),
    load(api.GET('/v1/tenant')),
  ]);
  const currency = tenant.ok ? tenant.data.currency : null;
  const header = (
    <PageHeader title="Cohort retention" subtitle={`Members enrolled ${range.from} to ${range.to}`} note={note}>
      <FilterForm
        range={range}
        selects={[
          {
            name: 'grain',
            label: 'Cohorts by',
            value: grain,
            options: [
              { value: 'month', label: 'Month' },
              { value: 'week', label: 'Week' },
            ],
          },
          {
            name: 'show',
            label: 'Show',
            value: show,
            options: Object.entries(SHOWS).map(([value, label]) => ({ value, label })),
          },
        ]}
      />
    </PageHeader>
  );
  if (!cohorts.ok) {
    return (
      <>
        {header}
        <ProblemPanel problem={cohorts.problem} />
      </>
    );
  }
  const rows = cohorts.data.cohorts;
  if (!rows.length) {
    return (
      <>
        {header}
        <EmptyState title="No cohorts in this range">No member enrolled between these dates.</EmptyState>
      </>
    );
  }
  const periods = Math.max(...rows.map((c) => c.periods.length));
  const cell = (p: (typeof rows)[number]['periods'][number] | undefined, size: number) => {
    if (!p) return { text: '', weight: 0 };
    if (show === 'count') return { text: String(p.activeMembers), weight: size ? p.activeMembers / size : 0 };
    if (show === 'revenue') {
      const perMember = size ? Math.round(p.revenueMinor / size) : 0;
      return { text: formatMoney(perMember, currency), weight: p.retentionRate ?? 0 };
    }
    return {
      text: p.retentionRate === null ? '–' : `${(p.retentionRate * 100).toFixed(0)} %`,
      weight: p.retentionRate ?? 0,
    };
  };
  const csvRows = rows.flatMap((c) =>
    c.periods.map((p) => ({
      cohort_start: c.cohortStart,
      cohort_size: c.cohortSize,
      period_index: p.periodIndex,
      period_start: p.periodStart,
      active_members: p.activeMembers,
      retention_rate: p.retentionRate,
      revenue_minor: p.revenueMinor,
    })),
  );
  return (
    <>
      {header}
      <section className="panel chart-card" aria-labelledby="cohorts-title" data-chart="cohorts" data-state="ready">
        <header className="chart-card-header">
          <h2 id="cohorts-title">
            {SHOWS[show]} by {grain} since enrolment
          </h2>
          <DownloadCsv
            rows={csvRows}
            columns={Object.keys(csvRows[0] ?? {}).map((key) => ({ key, header: key }))}
            filename={`cohorts-${grain}-${range.from}-${range.to}.csv`}
          />
          <MartExport mart="cohort_retention" range={range} idempotencyKey={randomUUID()} />
        </header>
        <div className="table-scroll">
          <table className="heatmap">
            <thead>
              <tr>
                <th scope="col">Cohort</th>
                <th scope="col" className="number">
                  Members
                </th>
                {Array.from({ length: periods }, (_, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: the period index is the column's identity
                  <th key={i} scope="col" className="number">
                    {grain === 'month' ? `M${i}` : `W${i}`}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((c) => (
                <tr key={c.cohortStart} data-cohort={c.cohortStart}>
                  <th scope="row">{c.cohortStart}</th>
                  <td className="number">{c.cohortSize}</td>
                  {Array.from({ length: periods }, (_, i) => {
                    const value = cell(
                      c.periods.find((p) => p.periodIndex === i),
                      c.cohortSize,
                    );
                    return (
                      <td
                        // biome-ignore lint/suspicious/noArrayIndexKey: the period index is the column's identity
                        key={i}
                        className="number heat"
                        style={{ '--heat': `${Math.round(Math.min(1, value.weight) * 45)}%` } as React.CSSProperties}
                      >
                        {value.text}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}
