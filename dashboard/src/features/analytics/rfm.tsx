import { randomUUID } from 'node:crypto';
import Link from 'next/link';
import { DownloadCsv } from '../../components/charts/download-csv.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { EmptyState, ProblemPanel } from '../../components/problem-panel.tsx';
import { formatMoney, formatValue } from '../../lib/format.ts';
import { load, monet } from '../../lib/monet.ts';
import { MartExport } from '../exports/mart-export.tsx';

const SCORES = [5, 4, 3, 2, 1];

/** The RFM picture: the recency × frequency grid and the segments; every cell and segment opens its members. */
export async function Rfm() {
  const api = await monet();
  const [rfm, tenant] = await Promise.all([load(api.GET('/v1/analytics/rfm')), load(api.GET('/v1/tenant'))]);
  const header = <PageHeader title="RFM" subtitle="Recency, frequency and monetary value of the members' purchases" />;
  if (!rfm.ok) {
    return (
      <>
        {header}
        <ProblemPanel problem={rfm.problem} />
      </>
    );
  }
  const { grid, segments, members, asOfDate } = rfm.data;
  if (!members) {
    return (
      <>
        {header}
        <EmptyState title="No members to score yet">Scores appear once members have purchased.</EmptyState>
      </>
    );
  }
  const currency = tenant.ok ? tenant.data.currency : null;
  const most = Math.max(1, ...grid.map((c) => c.members));
  const at = (r: number, f: number) => grid.find((c) => c.rScore === r && c.fScore === f);
  return (
    <>
      <PageHeader
        title="RFM"
        subtitle={`${formatValue(members, 'integer')} members scored as of ${asOfDate ?? 'the last build'}`}
      />
      <div className="chart-grid">
        <section className="panel chart-card" aria-labelledby="rfm-grid-title" data-chart="rfm-grid" data-state="ready">
          <header className="chart-card-header">
            <h2 id="rfm-grid-title">Recency × frequency</h2>
            <DownloadCsv
              rows={grid}
              columns={[
                { key: 'rScore', header: 'r_score' },
                { key: 'fScore', header: 'f_score' },
                { key: 'members', header: 'members' },
                { key: 'avgMonetaryMinor', header: 'avg_monetary_minor' },
              ]}
              filename="rfm-grid.csv"
            />
          </header>
          <table className="heatmap rfm-grid">
            <thead>
              <tr>
                <th scope="col">Recency ↓ · Frequency →</th>
                {[1, 2, 3, 4, 5].map((f) => (
                  <th key={f} scope="col" className="number">
                    F{f}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {SCORES.map((r) => (
                <tr key={r}>
                  <th scope="row">R{r}</th>
                  {[1, 2, 3, 4, 5].map((f) => {
                    const c = at(r, f);
                    const count = c?.members ?? 0;
                    return (
                      <td
                        key={f}
                        className="number heat"
                        style={{ '--heat': `${Math.round((count / most) * 45)}%` } as React.CSSProperties}
                        data-cell={`${r}-${f}`}
                      >
                        {count ? (
                          <Link
                            href={`/members?rScore=${r}&fScore=${f}`}
                            prefetch={false}
                            title={`Average value ${formatMoney(c?.avgMonetaryMinor ?? 0, currency)}`}
                          >
                            {count}
                          </Link>
                        ) : (
                          '0'
                        )}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <section
          className="panel chart-card"
          aria-labelledby="rfm-segments-title"
          data-chart="rfm-segments"
          data-state="ready"
        >
          <header className="chart-card-header">
            <h2 id="rfm-segments-title">Segments</h2>
            <DownloadCsv
              rows={segments}
              columns={[
                { key: 'segment', header: 'segment' },
                { key: 'members', header: 'members' },
                { key: 'share', header: 'share' },
                { key: 'avgMonetaryMinor', header: 'avg_monetary_minor' },
              ]}
              filename="rfm-segments.csv"
            />
            <MartExport mart="member_rfm" idempotencyKey={randomUUID()} />
          </header>
          <table className="data">
            <thead>
              <tr>
                <th scope="col">Segment</th>
                <th scope="col" className="number">
                  Members
                </th>
                <th scope="col" className="number">
                  Share
                </th>
                <th scope="col" className="number">
                  Average value
                </th>
              </tr>
            </thead>
            <tbody>
              {segments.map((s) => (
                <tr key={s.segment} data-segment={s.segment}>
                  <th scope="row">
                    <Link href={`/members?segment=${encodeURIComponent(s.segment)}`} prefetch={false}>
                      {s.segment}
                    </Link>
                  </th>
                  <td className="number">{formatValue(s.members, 'integer')}</td>
                  <td className="number">{formatValue(s.share, 'percent')}</td>
                  <td className="number">
                    {s.avgMonetaryMinor === null ? '–' : formatMoney(s.avgMonetaryMinor, currency)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </div>
    </>
  );
}
