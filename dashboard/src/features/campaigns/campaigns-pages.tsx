import Link from 'next/link';
import { AutoRefresh } from '../../components/auto-refresh.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { EmptyState, ProblemPanel } from '../../components/problem-panel.tsx';
import { formatInstant, formatValue } from '../../lib/format.ts';
import { load, monet } from '../../lib/monet.ts';
import { CampaignActions } from './campaign-actions.tsx';
import { CampaignForm } from './campaign-form.tsx';
import { CAMPAIGN_TYPES } from './campaign-form-data.ts';
import { CampaignResults } from './campaign-results.tsx';

const STATUSES = ['draft', 'scheduled', 'running', 'paused', 'completed', 'cancelled'] as const;
type Status = (typeof STATUSES)[number];

/** Campaigns by status, and the way to a new one. */
export async function CampaignsPage({ status }: { status?: string }) {
  const chosen = STATUSES.includes(status as Status) ? (status as Status) : undefined;
  const result = await load(
    (await monet()).GET('/v1/campaigns', { params: { query: { limit: 100, ...(chosen ? { status: chosen } : {}) } } }),
    '/campaigns',
  );
  return (
    <>
      <PageHeader title="Campaigns" subtitle="Bonuses for an audience, with a holdout to measure what they earned">
        <Link href="/campaigns/new" className="button primary">
          New campaign
        </Link>
      </PageHeader>
      <nav className="tabs" aria-label="Status">
        <Link href="/campaigns" aria-current={chosen ? undefined : 'page'}>
          All
        </Link>
        {STATUSES.map((s) => (
          <Link key={s} href={`/campaigns?status=${s}`} aria-current={chosen === s ? 'page' : undefined}>
            {s}
          </Link>
        ))}
      </nav>
      {!result.ok ? (
        <ProblemPanel problem={result.problem} />
      ) : result.data.items.length === 0 ? (
        <EmptyState title="No campaign here">Build a segment first, then a campaign for it.</EmptyState>
      ) : (
        <section className="panel">
          <table className="data" data-table="campaigns">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Type</th>
                <th scope="col">Status</th>
                <th scope="col">Window</th>
                <th scope="col" className="number">
                  Points given
                </th>
              </tr>
            </thead>
            <tbody>
              {result.data.items.map((c) => (
                <tr key={c.id} data-campaign={c.id} data-status={c.status}>
                  <th scope="row">
                    <Link href={`/campaigns/${c.id}`}>{c.name}</Link>
                  </th>
                  <td>{CAMPAIGN_TYPES[c.type as keyof typeof CAMPAIGN_TYPES] ?? c.type}</td>
                  <td>{c.status}</td>
                  <td>
                    {formatInstant(c.schedule.startsAt)} → {formatInstant(c.schedule.endsAt)}
                  </td>
                  <td className="number">{formatValue(c.budget.spentPoints, 'integer')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </>
  );
}

export async function NewCampaignPage() {
  const api = await monet();
  const [programs, segments, tenant] = await Promise.all([
    load(api.GET('/v1/programs', { params: { query: { limit: 100 } } }), '/campaigns/new'),
    load(api.GET('/v1/segments', { params: { query: { limit: 100 } } }), '/campaigns/new'),
    load(api.GET('/v1/tenant'), '/campaigns/new'),
  ]);
  const active = programs.ok ? programs.data.items.filter((p) => p.status === 'active') : [];
  const rewards = active[0]
    ? await load(api.GET('/v1/programs/{programId}/rewards', { params: { path: { programId: active[0].id } } }))
    : undefined;
  const header = <PageHeader title="New campaign" subtitle={<Link href="/campaigns">All campaigns</Link>} />;
  if (!segments.ok) {
    return (
      <>
        {header}
        <ProblemPanel problem={segments.problem} />
      </>
    );
  }
  if (!segments.data.items.length) {
    return (
      <>
        {header}
        <EmptyState title="No audience to choose from">
          A campaign's audience is a segment: <Link href="/segments/new">build one first</Link>.
        </EmptyState>
      </>
    );
  }
  return (
    <>
      {header}
      <section className="panel">
        <CampaignForm
          programs={active.map((p) => ({ id: p.id, name: p.name }))}
          segments={segments.data.items.map((s) => ({ id: s.id, name: s.name, versionId: s.version.id }))}
          rewards={rewards?.ok ? rewards.data.items.map((r) => ({ id: r.id, name: r.name })) : []}
          timeZone={tenant.ok ? tenant.data.timeZone : 'UTC'}
        />
      </section>
    </>
  );
}

/** One campaign: what it gives, to whom and when, its budget, and the actions its status allows. */
export async function CampaignPage({ campaignId }: { campaignId: string }) {
  const back = `/campaigns/${campaignId}`;
  const result = await load(
    (await monet()).GET('/v1/campaigns/{campaignId}', { params: { path: { campaignId } } }),
    back,
  );
  if (!result.ok) {
    return (
      <>
        <PageHeader title="Campaign" subtitle={<Link href="/campaigns">All campaigns</Link>} />
        <ProblemPanel problem={result.problem} />
      </>
    );
  }
  const c = result.data;
  const actions =
    c.status === 'draft'
      ? (['launch', 'cancel'] as const)
      : c.status === 'scheduled'
        ? (['cancel'] as const)
        : c.status === 'running'
          ? (['pause', 'cancel'] as const)
          : c.status === 'paused'
            ? (['resume', 'cancel'] as const)
            : ([] as const);
  const budget = c.budget.points;
  return (
    <>
      <PageHeader
        title={c.name}
        subtitle={
          <>
            <Link href="/campaigns">All campaigns</Link> · <span data-field="status">{c.status}</span>
            {c.stopReason ? ` (${c.stopReason.replaceAll('_', ' ')})` : ''}
          </>
        }
      >
        {actions.length ? <CampaignActions campaignId={c.id} actions={[...actions]} /> : null}
      </PageHeader>
      <div className="chart-grid">
        <section className="panel" aria-labelledby="offer-title">
          <h2 id="offer-title">Offer</h2>
          <dl className="facts">
            <dt>Type</dt>
            <dd>{CAMPAIGN_TYPES[c.type as keyof typeof CAMPAIGN_TYPES] ?? c.type}</dd>
            <dt>Settings</dt>
            <dd>
              <code>{JSON.stringify(c.config)}</code>
            </dd>
            <dt>Window</dt>
            <dd>
              {formatInstant(c.schedule.startsAt)} → {formatInstant(c.schedule.endsAt)}
            </dd>
            {c.schedule.windows.map((w, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: windows are ordered and unnamed
              <dd key={i}>
                {(w.days ?? ['every day']).join(', ')} {w.from}–{w.to} (local)
              </dd>
            ))}
          </dl>
        </section>
        <section className="panel" aria-labelledby="arms-title">
          <h2 id="arms-title">Audience and arms</h2>
          <table className="data">
            <tbody>
              {c.variants.map((v) => (
                <tr key={v.key}>
                  <th scope="row">{v.name ?? v.key}</th>
                  <td className="number">{v.percent} % of the rest</td>
                  <td>{v.config ? <code>{JSON.stringify(v.config)}</code> : null}</td>
                </tr>
              ))}
              <tr>
                <th scope="row">holdout</th>
                <td className="number">{c.holdoutPercent} % of the audience</td>
                <td className="muted">gets nothing</td>
              </tr>
            </tbody>
          </table>
          <p>
            Budget: <strong>{formatValue(c.budget.spentPoints, 'integer')}</strong> points given
            {budget !== null ? ` of ${formatValue(budget, 'integer')}` : ' (no limit)'}
            {budget ? <progress value={c.budget.spentPoints} max={budget} aria-label="Budget spent" /> : null}
          </p>
        </section>
      </div>
      <section className="panel" aria-labelledby="results-title">
        <h2 id="results-title">Results</h2>
        <CampaignResults campaignId={c.id} />
      </section>
      {c.status === 'scheduled' || c.status === 'running' ? <AutoRefresh everyMs={5_000} /> : null}
    </>
  );
}
