import { EmptyState, ProblemPanel } from '../../components/problem-panel.tsx';
import { bodyEnum } from '../../lib/api-document.ts';
import { load, monet } from '../../lib/monet.ts';
import { programChoice } from '../../lib/programs.ts';
import { ProgramHeader } from './program-nav.tsx';
import { TierForm } from './tier-form.tsx';

/** The tiers editor: each tier's figures edited in place, and a new tier. Members move at their next evaluation. */
export async function TiersPage({ programId }: { programId?: string }) {
  const api = await monet();
  const choice = await programChoice(api, programId);
  if (!choice.ok) return <ProblemPanel problem={choice.problem} />;
  const { programs, program } = choice.data;
  if (!program) return <EmptyState title="No loyalty program yet">Create a program to give it tiers.</EmptyState>;
  const tiers = await load(
    api.GET('/v1/programs/{programId}/tiers', { params: { path: { programId: program.id } } }),
    `/program/tiers?programId=${program.id}`,
  );
  const qualifications = bodyEnum('/v1/programs/{programId}/tiers', 'post', 'qualification');
  return (
    <>
      <ProgramHeader
        title="Tiers"
        subtitle="ranks, thresholds and earn multipliers; members are re-evaluated at their next accrual"
        current="/program/tiers"
        programs={programs}
        program={program}
      />
      <section className="panel" aria-labelledby="tiers-title" data-section="tiers">
        <h2 id="tiers-title">Tiers, lowest first</h2>
        {!tiers.ok ? (
          <ProblemPanel problem={tiers.problem} />
        ) : tiers.data.items.length === 0 ? (
          <p className="muted">No tier yet: every member earns at the base rate.</p>
        ) : (
          <ol className="conditions">
            {[...tiers.data.items]
              .sort((a, b) => a.rank - b.rank)
              .map((tier) => (
                <li key={tier.id} data-tier={tier.id} className="panel">
                  <TierForm programId={program.id} tier={tier} qualifications={qualifications} />
                </li>
              ))}
          </ol>
        )}
      </section>
      <section className="panel" aria-labelledby="new-tier-title">
        <h2 id="new-tier-title">New tier</h2>
        <TierForm programId={program.id} qualifications={qualifications} />
      </section>
    </>
  );
}
