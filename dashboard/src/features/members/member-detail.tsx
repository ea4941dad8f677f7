import Link from 'next/link';
import { PageHeader } from '../../components/page-header.tsx';
import { ProblemPanel } from '../../components/problem-panel.tsx';
import { formatInstant, formatValue } from '../../lib/format.ts';
import { load, monet } from '../../lib/monet.ts';
import { MemberScoresPanel } from './member-scores.tsx';

const QUALIFICATION: Record<string, string> = {
  lifetime_points: 'points earned in all',
  points_rolling_12_months: 'points earned over 12 months',
  spend_rolling_12_months: 'spent over 12 months (minor units)',
  orders_rolling_12_months: 'orders over 12 months',
};

/**
 * One member: profile, balances and tier per program with the way to the next tier, churn risk and predicted
 * lifetime value, ledger, redemptions.
 */
export async function MemberDetail({ memberId }: { memberId: string }) {
  const api = await monet();
  const path = { params: { path: { memberId } } };
  const back = `/members/${memberId}`;
  const member = await load(api.GET('/v1/members/{memberId}', path), back);
  if (!member.ok) {
    return (
      <>
        <PageHeader title="Member" subtitle={<Link href="/members">All members</Link>} />
        <ProblemPanel problem={member.problem} />
      </>
    );
  }
  const m = member.data;
  const [balances, ledger, redemptions, tierHistory, programs, insight, tenant] = await Promise.all([
    load(api.GET('/v1/members/{memberId}/balances', path), back),
    load(api.GET('/v1/members/{memberId}/ledger', { params: { path: { memberId }, query: { limit: 25 } } }), back),
    load(api.GET('/v1/members/{memberId}/redemptions', { params: { path: { memberId }, query: { limit: 10 } } }), back),
    load(
      api.GET('/v1/members/{memberId}/tier-history', { params: { path: { memberId }, query: { limit: 10 } } }),
      back,
    ),
    load(api.GET('/v1/programs', { params: { query: { limit: 100 } } }), back),
    load(api.GET('/v1/analytics/members', { params: { query: { externalIdPrefix: m.externalId, limit: 5 } } }), back),
    load(api.GET('/v1/tenant'), back),
  ]);
  const currency = tenant.ok ? tenant.data.currency : null;
  const programName = (id: string) =>
    (programs.ok ? programs.data.items.find((p) => p.id === id)?.name : undefined) ?? id;
  const tiersByProgram = new Map(
    await Promise.all(
      (balances.ok ? balances.data.items : []).map(
        async (b) =>
          [
            b.programId,
            await load(
              api.GET('/v1/programs/{programId}/tiers', { params: { path: { programId: b.programId } } }),
              back,
            ),
          ] as const,
      ),
    ),
  );
  const marts = insight.ok ? insight.data.items.find((i) => i.memberId === m.id) : undefined;
  const name = [m.firstName, m.lastName].filter(Boolean).join(' ');
  return (
    <>
      <PageHeader
        title={m.externalId}
        subtitle={
          <>
            <Link href="/members">All members</Link> · {m.status} · enrolled {formatInstant(m.enrolledAt)}
          </>
        }
      />
      <div className="chart-grid">
        <section className="panel" aria-labelledby="profile-title" data-section="profile">
          <h2 id="profile-title">Profile</h2>
          <dl className="facts">
            <dt>Name</dt>
            <dd>{name || '–'}</dd>
            <dt>Email</dt>
            <dd>{m.email ?? '–'}</dd>
            <dt>Phone</dt>
            <dd>{m.phone ?? '–'}</dd>
            <dt>Tags</dt>
            <dd>{m.tags.length ? m.tags.join(', ') : '–'}</dd>
            {marts ? (
              <>
                <dt>RFM segment</dt>
                <dd data-field="rfm-segment">
                  {marts.rfmSegment} (R{marts.rScore} F{marts.fScore} M{marts.mScore})
                </dd>
                <dt>Revenue</dt>
                <dd>
                  {formatValue(marts.revenueMinor, 'money', currency)} over {marts.purchases} purchases
                </dd>
              </>
            ) : null}
          </dl>
        </section>
        <section className="panel" aria-labelledby="balances-title" data-section="balances">
          <h2 id="balances-title">Balances and tiers</h2>
          {!balances.ok ? (
            <p role="alert">{balances.problem.detail}</p>
          ) : balances.data.items.length === 0 ? (
            <p className="muted">No points in any program yet.</p>
          ) : (
            balances.data.items.map((b) => {
              const tiers = tiersByProgram.get(b.programId);
              const list = tiers?.ok ? [...tiers.data.items].sort((x, y) => x.rank - y.rank) : [];
              const current = list.find((t) => t.id === b.tierId);
              const next = list.find((t) => t.rank > (current?.rank ?? 0));
              const progress =
                next && next.qualification === 'lifetime_points' && next.threshold > 0
                  ? Math.min(1, b.lifetimeEarned / next.threshold)
                  : undefined;
              return (
                <div key={b.programId} className="balance" data-program={b.programId}>
                  <h3>{programName(b.programId)}</h3>
                  <p>
                    <strong data-field="available">{formatValue(b.available, 'integer')}</strong> points available ·{' '}
                    {formatValue(b.pending, 'integer')} pending · {formatValue(b.lifetimeEarned, 'integer')} earned in
                    all
                  </p>
                  <p>
                    Tier: <strong>{current?.name ?? 'No tier'}</strong>
                    {b.tierSince ? <span className="muted"> since {b.tierSince.slice(0, 10)}</span> : null}
                  </p>
                  {next ? (
                    <p className="muted">
                      Next: {next.name} at {formatValue(next.threshold, 'integer')} {QUALIFICATION[next.qualification]}
                      {progress !== undefined ? (
                        <progress value={progress} max={1} aria-label={`Progress to ${next.name}`} />
                      ) : null}
                    </p>
                  ) : null}
                </div>
              );
            })
          )}
        </section>
        <MemberScoresPanel scores={m.scores} />
      </div>
      <section className="panel" aria-labelledby="ledger-title" data-section="ledger">
        <h2 id="ledger-title">Ledger</h2>
        {!ledger.ok ? (
          <p role="alert">{ledger.problem.detail}</p>
        ) : ledger.data.items.length === 0 ? (
          <p className="muted">No entries yet.</p>
        ) : (
          <div className="table-scroll">
            <table className="data">
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Program</th>
                  <th scope="col">Kind</th>
                  <th scope="col" className="number">
                    Points
                  </th>
                  <th scope="col">Why</th>
                </tr>
              </thead>
              <tbody>
                {ledger.data.items.map((e) => (
                  <tr key={e.id} data-entry={e.id}>
                    <td title={`recorded ${formatInstant(e.createdAt)}`}>{formatInstant(e.effectiveAt)}</td>
                    <td>{programName(e.programId)}</td>
                    <td>{e.kind}</td>
                    <td className="number">{formatValue(e.points, 'integer')}</td>
                    <td>{e.reason ?? (e.campaignId ? 'campaign' : e.eventId ? 'event' : '')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <div className="chart-grid">
        <section className="panel" aria-labelledby="redemptions-title" data-section="redemptions">
          <h2 id="redemptions-title">Redemptions</h2>
          {redemptions.ok && redemptions.data.items.length ? (
            <table className="data">
              <tbody>
                {redemptions.data.items.map((r) => (
                  <tr key={r.id}>
                    <td>{formatInstant(r.createdAt)}</td>
                    <td>{r.status}</td>
                    <td className="number">{formatValue(r.points, 'integer')} points</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p className="muted">{redemptions.ok ? 'No redemptions.' : redemptions.problem.detail}</p>
          )}
        </section>
        <section className="panel" aria-labelledby="tier-history-title" data-section="tier-history">
          <h2 id="tier-history-title">Tier history</h2>
          {tierHistory.ok && tierHistory.data.items.length ? (
            <table className="data">
              <tbody>
                {tierHistory.data.items.map((h) => {
                  const tiers = tiersByProgram.get(h.programId);
                  const tierName = (id: string | null) =>
                    (id && tiers?.ok ? tiers.data.items.find((t) => t.id === id)?.name : undefined) ?? 'No tier';
                  return (
                    <tr key={h.id}>
                      <td title={`recorded ${formatInstant(h.createdAt)}`}>{formatInstant(h.effectiveAt)}</td>
                      <td>
                        {tierName(h.fromTierId)} → {tierName(h.toTierId)}
                      </td>
                      <td className="muted">{h.reason}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          ) : (
            <p className="muted">{tierHistory.ok ? 'No tier changes.' : tierHistory.problem.detail}</p>
          )}
        </section>
      </div>
    </>
  );
}
