import { ChartCard } from '../../components/charts/chart-card.tsx';
import { TrendChart } from '../../components/charts/trend-chart.tsx';
import { FilterForm } from '../../components/filter-form.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { EmptyState, ProblemPanel } from '../../components/problem-panel.tsx';
import { lastDays, rangeFrom } from '../../lib/dates.ts';
import { formatValue } from '../../lib/format.ts';
import { load, monet } from '../../lib/monet.ts';
import { programChoice, programSelect } from '../../lib/programs.ts';

export interface TierParams {
  programId?: string;
  from?: string;
  to?: string;
}

/** Members per tier at each month's end, and who moved up or down. */
export async function Tiers({ params }: { params: TierParams }) {
  const { note, ...range } = params.from || params.to ? rangeFrom(params) : { ...lastDays(365), note: undefined };
  const api = await monet();
  const choice = await programChoice(api, params.programId);
  if (!choice.ok) return <ProblemPanel problem={choice.problem} />;
  const { programs, program } = choice.data;
  if (!program) return <EmptyState title="No loyalty program yet">Create a program and its tiers.</EmptyState>;
  const result = await load(api.GET('/v1/analytics/tiers', { params: { query: { programId: program.id, ...range } } }));
  const header = (
    <PageHeader title="Tiers" subtitle={`${program.name} · ${range.from} to ${range.to}`} note={note}>
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
  const { distribution, movements } = result.data;
  if (!distribution.length) {
    return (
      <>
        {header}
        <EmptyState title="No tier data in this period" />
      </>
    );
  }
  const names = [...new Map(distribution.flatMap((m) => m.tiers).map((t) => [t.tierRank, t.tierName])).entries()]
    .sort(([a], [b]) => a - b)
    .map(([rank, name]) => ({ key: `tier${rank}`, label: name }));
  const rows = distribution.map((m) => ({
    month: m.month.slice(0, 7),
    ...Object.fromEntries(m.tiers.map((t) => [`tier${t.tierRank}`, t.members])),
  }));
  const csvRows = distribution.flatMap((m) =>
    m.tiers.map((t) => ({
      month: m.month,
      tier: t.tierName,
      tier_rank: t.tierRank,
      members: t.members,
      share: t.share,
    })),
  );
  return (
    <>
      {header}
      <ChartCard
        id="tier-distribution"
        title="Members per tier at each month's end"
        csv={{
          rows: csvRows,
          columns: Object.keys(csvRows[0] ?? {}).map((key) => ({ key, header: key })),
          filename: `tiers-${range.from}-${range.to}.csv`,
        }}
      >
        <TrendChart
          kind="bar"
          stacked
          data={rows}
          x="month"
          series={names}
          format="integer"
          description="Members in each tier at the end of each month"
        />
      </ChartCard>
      <section className="panel" aria-labelledby="tier-moves-title" data-chart="tier-movements">
        <h2 id="tier-moves-title">Movements</h2>
        {movements.length ? (
          <table className="data">
            <thead>
              <tr>
                <th scope="col">Month</th>
                <th scope="col">From</th>
                <th scope="col">To</th>
                <th scope="col">Direction</th>
                <th scope="col" className="number">
                  Members
                </th>
              </tr>
            </thead>
            <tbody>
              {movements.map((m) => (
                <tr key={`${m.month}-${m.from.tierRank}-${m.to.tierRank}`}>
                  <td>{m.month.slice(0, 7)}</td>
                  <td>{m.from.tierName}</td>
                  <td>{m.to.tierName}</td>
                  <td data-direction={m.direction === 'upgrade' ? 'better' : 'worse'}>{m.direction}</td>
                  <td className="number">{formatValue(m.changes, 'integer')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="muted">No member changed tier in this period.</p>
        )}
      </section>
    </>
  );
}
