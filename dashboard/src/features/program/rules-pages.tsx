import Link from 'next/link';
import { EmptyState, ProblemPanel } from '../../components/problem-panel.tsx';
import { formatInstant } from '../../lib/format.ts';
import { load, monet } from '../../lib/monet.ts';
import { type ProgramRef, programChoice } from '../../lib/programs.ts';
import { setRuleEnabled } from './actions.ts';
import { ruleCatalogue } from './catalogue.ts';
import { ProgramHeader } from './program-nav.tsx';
import { RuleBuilder } from './rule-builder.tsx';
import { fromBody, type RuleBody } from './rule-draft.ts';

type Api = Awaited<ReturnType<typeof monet>>;

/** Rewards and tiers of the program, offered by name where a rule takes their ids. */
async function choicesFor(api: Api, programId: string) {
  const [rewards, tiers] = await Promise.all([
    load(api.GET('/v1/programs/{programId}/rewards', { params: { path: { programId }, query: { limit: 200 } } })),
    load(api.GET('/v1/programs/{programId}/tiers', { params: { path: { programId } } })),
  ]);
  return {
    'grantReward.rewardId': rewards.ok ? rewards.data.items.map((r) => ({ value: r.id, label: r.name })) : [],
    'tier.in': tiers.ok ? tiers.data.items.map((t) => ({ value: t.id, label: t.name })) : [],
  };
}

const summary = (effects: unknown[]) => effects.map((e) => Object.keys(e as object)[0]).join(', ');

/** A program's rules: what is in force, in the order they run. */
export async function RulesPage({ programId }: { programId?: string }) {
  const api = await monet();
  const choice = await programChoice(api, programId);
  if (!choice.ok) return <ProblemPanel problem={choice.problem} />;
  const { programs, program } = choice.data;
  if (!program) return <EmptyState title="No loyalty program yet">Create a program to give it rules.</EmptyState>;
  const rules = await load(
    api.GET('/v1/programs/{programId}/rules', { params: { path: { programId: program.id }, query: { limit: 200 } } }),
    `/program/rules?programId=${program.id}`,
  );
  return (
    <>
      <ProgramHeader
        title="Rules"
        subtitle="how events earn points, highest priority first"
        current="/program/rules"
        programs={programs}
        program={program}
      />
      <p>
        <Link href={`/program/rules/new?programId=${program.id}`} className="button primary">
          New rule
        </Link>
      </p>
      {!rules.ok ? (
        <ProblemPanel problem={rules.problem} />
      ) : rules.data.items.length === 0 ? (
        <EmptyState title="No rule yet">
          Without a rule, events earn no points. Build one and simulate it first.
        </EmptyState>
      ) : (
        <section className="panel">
          <div className="table-scroll">
            <table className="data" data-table="rules">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col" className="number">
                    Priority
                  </th>
                  <th scope="col">Stacking</th>
                  <th scope="col">Effects</th>
                  <th scope="col">Status</th>
                  <th scope="col" className="number">
                    Version
                  </th>
                </tr>
              </thead>
              <tbody>
                {[...rules.data.items]
                  .sort((a, b) => b.version.priority - a.version.priority)
                  .map((r) => (
                    <tr key={r.id} data-rule={r.id} data-status={r.status}>
                      <th scope="row">
                        <Link href={`/program/rules/${r.id}`}>{r.version.name}</Link>
                      </th>
                      <td className="number">{r.version.priority}</td>
                      <td>{r.version.stacking}</td>
                      <td className="small">{summary(r.version.effects)}</td>
                      <td>{r.status}</td>
                      <td className="number">{r.version.version}</td>
                    </tr>
                  ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
    </>
  );
}

function builderProps(program: ProgramRef) {
  return { programId: program.id, currency: program.earningCurrency, catalogue: ruleCatalogue() };
}

export async function NewRulePage({ programId }: { programId?: string }) {
  const api = await monet();
  const choice = await programChoice(api, programId);
  if (!choice.ok) return <ProblemPanel problem={choice.problem} />;
  const { programs, program } = choice.data;
  if (!program) return <EmptyState title="No loyalty program yet">Create a program to give it rules.</EmptyState>;
  return (
    <>
      <ProgramHeader
        title="New rule"
        subtitle="conditions and effects from the api's catalogue; simulate before saving"
        current="/program/rules"
        programs={programs}
        program={program}
      />
      <RuleBuilder {...builderProps(program)} choices={await choicesFor(api, program.id)} />
    </>
  );
}

/** One rule: its builder (saving appends a version), enable or disable, and its versions. */
export async function RulePage({ ruleId }: { ruleId: string }) {
  const api = await monet();
  const back = `/program/rules/${ruleId}`;
  const [rule, versions] = await Promise.all([
    load(api.GET('/v1/rules/{ruleId}', { params: { path: { ruleId } } }), back),
    load(api.GET('/v1/rules/{ruleId}/versions', { params: { path: { ruleId }, query: { limit: 50 } } }), back),
  ]);
  if (!rule.ok) return <ProblemPanel problem={rule.problem} />;
  const choice = await programChoice(api, rule.data.programId);
  if (!choice.ok) return <ProblemPanel problem={choice.problem} />;
  const { programs, program } = choice.data;
  if (!program || program.id !== rule.data.programId) {
    return <ProblemPanel problem={{ status: 404, title: 'Not Found', detail: 'The rule’s program is not active.' }} />;
  }
  const v = rule.data.version;
  const body: RuleBody = {
    name: v.name,
    priority: v.priority,
    stacking: v.stacking,
    ...(v.activeFrom ? { activeFrom: v.activeFrom } : {}),
    ...(v.activeTo ? { activeTo: v.activeTo } : {}),
    conditions: v.conditions as Record<string, unknown>,
    effects: v.effects as Record<string, unknown>[],
  };
  const catalogue = ruleCatalogue();
  return (
    <>
      <ProgramHeader
        title={v.name}
        subtitle={`${rule.data.status} · version ${rule.data.currentVersion ?? '–'} in force of ${rule.data.latestVersion}`}
        current="/program/rules"
        programs={programs}
        program={program}
      />
      {rule.data.status !== 'archived' ? (
        <form action={setRuleEnabled} className="range-picker">
          <input type="hidden" name="ruleId" value={ruleId} />
          <input type="hidden" name="enabled" value={rule.data.status === 'active' ? 'false' : 'true'} />
          <button type="submit" className="button">
            {rule.data.status === 'active' ? 'Disable' : 'Enable'}
          </button>
        </form>
      ) : null}
      <RuleBuilder
        key={v.id}
        {...builderProps(program)}
        choices={await choicesFor(api, program.id)}
        rule={{ id: ruleId, draft: fromBody(body, catalogue), body }}
      />
      <section className="panel" aria-labelledby="versions-title" data-section="versions">
        <h2 id="versions-title">Versions</h2>
        {!versions.ok ? (
          <p role="alert">{versions.problem.detail}</p>
        ) : (
          <table className="data">
            <thead>
              <tr>
                <th scope="col" className="number">
                  Version
                </th>
                <th scope="col">Name</th>
                <th scope="col">Effects</th>
                <th scope="col">Saved</th>
              </tr>
            </thead>
            <tbody>
              {versions.data.items.map((x) => (
                <tr key={x.id} data-version={x.version}>
                  <td className="number">{x.version}</td>
                  <td>{x.name}</td>
                  <td className="small">{summary(x.effects)}</td>
                  <td>{formatInstant(x.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
