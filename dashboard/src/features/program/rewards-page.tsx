import { EmptyState, ProblemPanel } from '../../components/problem-panel.tsx';
import { bodyEnum } from '../../lib/api-document.ts';
import { formatMoney, formatValue } from '../../lib/format.ts';
import { load, monet } from '../../lib/monet.ts';
import { programChoice } from '../../lib/programs.ts';
import { setRewardStatus } from './actions.ts';
import { ProgramHeader } from './program-nav.tsx';
import { CodesForm, RewardForm } from './reward-forms.tsx';

/** Rewards of a program, the voucher pools behind voucher rewards, and a new reward. */
export async function RewardsPage({ programId }: { programId?: string }) {
  const api = await monet();
  const choice = await programChoice(api, programId);
  if (!choice.ok) return <ProblemPanel problem={choice.problem} />;
  const { programs, program } = choice.data;
  if (!program) return <EmptyState title="No loyalty program yet">Create a program to give it rewards.</EmptyState>;
  const back = `/program/rewards?programId=${program.id}`;
  const rewards = await load(
    api.GET('/v1/programs/{programId}/rewards', { params: { path: { programId: program.id }, query: { limit: 200 } } }),
    back,
  );
  const vouchers = rewards.ok ? rewards.data.items.filter((r) => r.kind === 'voucher') : [];
  const pools = new Map(
    await Promise.all(
      vouchers.map(
        async (r) =>
          [
            r.id,
            await load(api.GET('/v1/rewards/{rewardId}/codes', { params: { path: { rewardId: r.id } } }), back),
          ] as const,
      ),
    ),
  );
  return (
    <>
      <ProgramHeader
        title="Rewards"
        subtitle="what members redeem their points for, and the voucher pools"
        current="/program/rewards"
        programs={programs}
        program={program}
      />
      <div className="chart-grid">
        <section className="panel" aria-labelledby="rewards-title">
          <h2 id="rewards-title">Rewards</h2>
          {!rewards.ok ? (
            <ProblemPanel problem={rewards.problem} />
          ) : rewards.data.items.length === 0 ? (
            <p className="muted">No reward yet.</p>
          ) : (
            <div className="table-scroll">
              <table className="data" data-table="rewards">
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">Gives</th>
                    <th scope="col" className="number">
                      Points
                    </th>
                    <th scope="col" className="number">
                      Left
                    </th>
                    <th scope="col">Status</th>
                    <th scope="col">
                      <span className="sr-only">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {rewards.data.items.map((r) => (
                    <tr key={r.id} data-reward={r.id}>
                      <th scope="row">
                        {r.name}
                        {r.description ? <span className="muted small block">{r.description}</span> : null}
                      </th>
                      <td>
                        {r.kind === 'discount_amount' && r.discountAmountMinor !== null
                          ? `${formatMoney(r.discountAmountMinor, r.currency)} off`
                          : r.kind === 'discount_percent'
                            ? `${r.discountPercent} % off`
                            : r.kind === 'free_item'
                              ? `free ${r.sku ?? 'item'}`
                              : r.kind}
                      </td>
                      <td className="number">{formatValue(r.costPoints, 'integer')}</td>
                      <td className="number">
                        {r.inventory === null ? 'unlimited' : formatValue(r.inventory, 'integer')}
                      </td>
                      <td>{r.status}</td>
                      <td>
                        <form action={setRewardStatus}>
                          <input type="hidden" name="programId" value={program.id} />
                          <input type="hidden" name="rewardId" value={r.id} />
                          <input type="hidden" name="status" value={r.status === 'active' ? 'archived' : 'active'} />
                          <button type="submit" className="button ghost small">
                            {r.status === 'active' ? 'Archive' : 'Restore'}
                          </button>
                        </form>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
        <section className="panel" aria-labelledby="new-reward-title">
          <h2 id="new-reward-title">New reward</h2>
          <RewardForm
            programId={program.id}
            currency={program.earningCurrency}
            kinds={bodyEnum('/v1/programs/{programId}/rewards', 'post', 'kind')}
          />
        </section>
      </div>
      <section className="panel" aria-labelledby="pools-title" data-section="voucher-pools">
        <h2 id="pools-title">Voucher pools</h2>
        {vouchers.length === 0 ? (
          <p className="muted">No voucher reward: a reward of the voucher kind hands out codes from its pool.</p>
        ) : (
          <ul className="conditions">
            {vouchers.map((r) => {
              const pool = pools.get(r.id);
              return (
                <li key={r.id} data-pool={r.id}>
                  <h3>{r.name}</h3>
                  {!pool?.ok ? (
                    <p role="alert">{pool?.ok === false ? pool.problem.detail : 'No pool.'}</p>
                  ) : (
                    <p data-field="pool" data-available={pool.data.available}>
                      {formatValue(pool.data.available, 'integer')} available ·{' '}
                      {formatValue(pool.data.reserved, 'integer')} reserved · {formatValue(pool.data.issued, 'integer')}{' '}
                      issued · {formatValue(pool.data.total, 'integer')} in all
                    </p>
                  )}
                  <CodesForm rewardId={r.id} name={r.name} />
                </li>
              );
            })}
          </ul>
        )}
      </section>
    </>
  );
}
