'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { type FieldError, type Simulation, saveRule, simulateDraft } from './actions.ts';
import type { NodeSpec } from './catalogue.ts';
import { OperandInput } from './operand-input.tsx';
import {
  conditionKey,
  effectKey,
  emptyDraft,
  type NodeRow,
  newRow,
  placeErrors,
  type RuleBody,
  type RuleDraft,
  toBody,
} from './rule-draft.ts';
import { SimulationResult } from './simulation-result.tsx';

export interface RuleBuilderProps {
  programId: string;
  currency: string;
  catalogue: { conditions: NodeSpec[]; effects: NodeSpec[] };
  /** Ids the api takes, offered by name: `grantReward.rewardId`, `tier.in`. */
  choices: Record<string, { value: string; label: string }[]>;
  rule?: { id: string; draft?: RuleDraft; body: RuleBody };
}

/**
 * The rules builder: conditions (all or any of them, each may be negated) and effects, from the api's own catalogue.
 * Saving and simulating send the rule to the api, whose errors come back at their fields. A rule the builder cannot
 * show (nested groups) is edited as JSON.
 */
export function RuleBuilder({ programId, currency, catalogue, choices, rule }: RuleBuilderProps) {
  const router = useRouter();
  const [draft, setDraft] = useState<RuleDraft>(rule?.draft ?? emptyDraft());
  const [json, setJson] = useState(rule && !rule.draft ? JSON.stringify(rule.body, null, 2) : undefined);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [message, setMessage] = useState<string>();
  const [lastEvents, setLastEvents] = useState('1000');
  const [simulation, setSimulation] = useState<Simulation>();
  const [saving, startSave] = useTransition();
  const [simulating, startSimulate] = useTransition();

  const set = (patch: Partial<RuleDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const setRow = (list: 'conditions' | 'effects', id: string, change: (row: NodeRow) => NodeRow | null) =>
    setDraft((d) => ({
      ...d,
      [list]: d[list].map((r) => (r.id === id ? change(r) : r)).filter((r): r is NodeRow => r !== null),
    }));

  const keys = [
    'name',
    'priority',
    'stacking',
    'activeFrom',
    'activeTo',
    'conditions',
    'effects',
    ...draft.conditions.flatMap((row, i) => {
      const spec = catalogue.conditions.find((s) => s.name === row.kind);
      return [conditionKey(draft, row, i), ...(spec?.operands ?? []).map((o) => conditionKey(draft, row, i, o.name))];
    }),
    ...draft.effects.flatMap((row, i) => {
      const spec = catalogue.effects.find((s) => s.name === row.kind);
      return [effectKey(row, i), ...(spec?.operands ?? []).map((o) => effectKey(row, i, o.name))];
    }),
  ];
  const placed = placeErrors(errors, keys);
  const errorAt = (key: string) => placed.get(key)?.join('; ');

  const body = (): RuleBody | undefined => {
    if (json === undefined) return toBody(draft, catalogue);
    try {
      return JSON.parse(json) as RuleBody;
    } catch (err) {
      setMessage(`The rule is not JSON: ${(err as Error).message}`);
      return undefined;
    }
  };

  const save = () =>
    startSave(async () => {
      setMessage(undefined);
      const b = body();
      if (!b) return;
      const result = await saveRule({ programId, ruleId: rule?.id, body: b });
      if (!result.ok) {
        setErrors(result.errors ?? []);
        return setMessage(result.message);
      }
      setErrors([]);
      router.push(`/program/rules/${result.id}`);
      router.refresh();
    });

  const simulate = () =>
    startSimulate(async () => {
      setMessage(undefined);
      const b = body();
      if (!b) return;
      const result = await simulateDraft({ programId, ruleId: rule?.id, draft: b, lastEvents: Number(lastEvents) });
      setErrors(result.ok ? [] : (result.errors ?? []).filter((e) => /^body\.rules\[0\]/.test(e.path)));
      setSimulation(result);
    });

  const renderRow = (list: 'conditions' | 'effects', row: NodeRow, index: number) => {
    const specs = list === 'conditions' ? catalogue.conditions : catalogue.effects;
    const spec = specs.find((s) => s.name === row.kind) ?? specs[0]!;
    const key = (operand?: string) =>
      list === 'conditions' ? conditionKey(draft, row, index, operand) : effectKey(row, index, operand);
    const rowError = errorAt(key());
    return (
      <li key={row.id} className="condition" data-row={`${list}.${index}`} data-invalid={rowError ? 'true' : undefined}>
        {list === 'conditions' ? (
          <label className="negate">
            <input
              type="checkbox"
              checked={row.negate ?? false}
              onChange={(e) => setRow(list, row.id, (r) => ({ ...r, negate: e.target.checked }))}
            />{' '}
            not
          </label>
        ) : null}
        <select
          aria-label={list === 'conditions' ? 'Condition' : 'Effect'}
          value={row.kind}
          title={spec.description}
          onChange={(e) => setRow(list, row.id, (r) => ({ ...r, kind: e.target.value, values: {} }))}
        >
          {specs.map((s) => (
            <option key={s.name} value={s.name}>
              {s.label}
            </option>
          ))}
        </select>
        {spec.operands.map((operand) => (
          <OperandInput
            key={operand.name}
            operand={operand}
            value={row.values[operand.name]}
            choices={choices[`${spec.name}.${operand.name}`]}
            error={errorAt(key(operand.name))}
            onChange={(value) =>
              setRow(list, row.id, (r) => ({ ...r, values: { ...r.values, [operand.name]: value } }))
            }
          />
        ))}
        <button type="button" className="button ghost small" onClick={() => setRow(list, row.id, () => null)}>
          Remove
        </button>
        {rowError ? <span className="field-error">{rowError}</span> : null}
      </li>
    );
  };

  return (
    <div className="builder">
      <section className="panel" aria-labelledby="rule-title">
        <h2 id="rule-title">{rule ? 'Edit (saving makes a new version)' : 'New rule'}</h2>
        <div className="builder-meta">
          <label>
            Name <input value={draft.name} onChange={(e) => set({ name: e.target.value })} />
            {errorAt('name') ? <span className="field-error"> {errorAt('name')}</span> : null}
          </label>
          <label>
            Priority <input size={5} value={draft.priority} onChange={(e) => set({ priority: e.target.value })} />
            {errorAt('priority') ? <span className="field-error"> {errorAt('priority')}</span> : null}
          </label>
          <label>
            Stacking{' '}
            <select value={draft.stacking} onChange={(e) => set({ stacking: e.target.value as RuleDraft['stacking'] })}>
              <option value="stackable">stackable: other rules apply too</option>
              <option value="exclusive">exclusive: lower rules are skipped</option>
            </select>
          </label>
          <label>
            Active from (UTC){' '}
            <input
              type="datetime-local"
              value={draft.activeFrom}
              onChange={(e) => set({ activeFrom: e.target.value })}
            />
          </label>
          <label>
            Active until (UTC){' '}
            <input type="datetime-local" value={draft.activeTo} onChange={(e) => set({ activeTo: e.target.value })} />
            {errorAt('activeTo') ? <span className="field-error"> {errorAt('activeTo')}</span> : null}
          </label>
        </div>
        {json !== undefined ? (
          <>
            <p className="muted">
              This rule nests groups of conditions, which the builder cannot show: edit it as JSON.
            </p>
            <textarea
              aria-label="Rule as JSON"
              className="json"
              rows={16}
              value={json}
              onChange={(e) => setJson(e.target.value)}
            />
          </>
        ) : (
          <>
            <h3>When</h3>
            <select
              aria-label="Match"
              value={draft.combinator}
              onChange={(e) => set({ combinator: e.target.value as 'all' | 'any' })}
            >
              <option value="all">every condition holds (an event with no condition always matches)</option>
              <option value="any">any condition holds</option>
            </select>
            {errorAt('conditions') ? <p className="field-error">{errorAt('conditions')}</p> : null}
            <ul className="conditions" aria-label="Conditions">
              {draft.conditions.map((row, i) => renderRow('conditions', row, i))}
            </ul>
            <button
              type="button"
              className="button small"
              onClick={() => set({ conditions: [...draft.conditions, newRow(catalogue.conditions[0]!)] })}
            >
              Add condition
            </button>
            <h3>Then</h3>
            {errorAt('effects') ? <p className="field-error">{errorAt('effects')}</p> : null}
            <ul className="conditions" aria-label="Effects">
              {draft.effects.map((row, i) => renderRow('effects', row, i))}
            </ul>
            <button
              type="button"
              className="button small"
              onClick={() => set({ effects: [...draft.effects, newRow(catalogue.effects[0]!)] })}
            >
              Add effect
            </button>
          </>
        )}
        <p>
          <button type="button" className="button primary" onClick={save} disabled={saving}>
            {saving ? 'Saving…' : rule ? 'Save new version' : 'Save rule'}
          </button>
        </p>
        {message ? (
          <div role="alert" className="form-error" data-field="save-error">
            <p>{message}</p>
            {placed.get('') ? <p>{placed.get('')!.join('; ')}</p> : null}
          </div>
        ) : null}
      </section>
      <section className="panel" aria-labelledby="simulate-title" aria-busy={simulating} data-section="simulate">
        <h2 id="simulate-title">Simulate</h2>
        <p className="muted small">
          Replays the program’s most recent events through the rules in force with this draft in place, and compares the
          points and their cost with what was credited. Nothing is written.
        </p>
        <div className="row-form">
          <label>
            Events to replay{' '}
            <input inputMode="numeric" value={lastEvents} onChange={(e) => setLastEvents(e.target.value)} />
          </label>
          <button type="button" className="button" onClick={simulate} disabled={simulating}>
            {simulating ? 'Simulating…' : 'Simulate'}
          </button>
        </div>
        {simulation ? <SimulationResult simulation={simulation} currency={currency} /> : null}
      </section>
    </div>
  );
}
