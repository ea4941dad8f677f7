'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useMemo, useState, useTransition } from 'react';
import { formatValue } from '../../lib/format.ts';
import { type PreviewResult, previewSegment, saveSegment } from './actions.ts';
import {
  type Condition,
  type Definition,
  emptyGroup,
  type FieldSpec,
  fromDefinition,
  type Group,
  type NodeError,
  newCondition,
  newId,
  type TreeNode,
  toDefinition,
} from './definition-tree.ts';

const OP_LABELS: Record<string, string> = {
  eq: 'is',
  in: 'is one of',
  gt: 'is more than',
  gte: 'is at least',
  lt: 'is less than',
  lte: 'is at most',
  isNull: 'is empty',
  hasAny: 'has any of',
  hasAll: 'has all of',
  equals: 'equals',
  exists: 'is set',
  member: 'was in the audience',
  responded: 'responded',
  rewarded: 'was rewarded',
};
const BOOLEAN_OPS = new Set(['isNull', 'exists', 'responded', 'rewarded']);
const PREVIEW_DELAY_MS = 500;

export interface BuilderProps {
  fields: FieldSpec[];
  segment?: {
    id: string;
    name: string;
    description: string | null;
    kind: 'dynamic' | 'static';
    definition: Definition;
  };
}

/** Replaces the node with this id anywhere in the tree. */
function update(group: Group, id: string, change: (node: TreeNode) => TreeNode | null): Group {
  const children = group.children
    .map((child) => (child.id === id ? change(child) : child.type === 'group' ? update(child, id, change) : child))
    .filter((c): c is TreeNode => c !== null);
  return { ...group, children };
}

/**
 * The segment builder: a tree of conditions over the member marts, with the segment's size, a sample of its members
 * and its make-up recomputed by the api as it is edited. Definitions the tree cannot show are edited as JSON.
 */
export function SegmentBuilder({ fields, segment }: BuilderProps) {
  const router = useRouter();
  const initialTree = useMemo(
    () => (segment ? fromDefinition(segment.definition, fields) : emptyGroup()),
    [segment, fields],
  );
  const [tree, setTree] = useState<Group>(initialTree ?? emptyGroup());
  const [jsonMode, setJsonMode] = useState(initialTree === undefined);
  const [json, setJson] = useState(JSON.stringify(segment?.definition ?? { all: [] }, null, 2));
  const [name, setName] = useState(segment?.name ?? '');
  const [description, setDescription] = useState(segment?.description ?? '');
  const [kind, setKind] = useState<'dynamic' | 'static'>(segment?.kind ?? 'dynamic');
  const [preview, setPreview] = useState<PreviewResult | undefined>();
  const [saveError, setSaveError] = useState<string | undefined>();
  const [previewing, startPreview] = useTransition();
  const [saving, startSave] = useTransition();

  const built = useMemo((): { definition?: Definition; errors: NodeError[]; jsonError?: string } => {
    if (!jsonMode) return toDefinition(tree, fields);
    try {
      return { definition: JSON.parse(json) as Definition, errors: [] };
    } catch (err) {
      return { errors: [], jsonError: `not JSON: ${(err as Error).message}` };
    }
  }, [jsonMode, tree, json, fields]);

  const definitionText = built.definition ? JSON.stringify(built.definition) : undefined;
  useEffect(() => {
    if (!definitionText) return;
    const timer = setTimeout(() => {
      startPreview(async () => setPreview(await previewSegment(JSON.parse(definitionText) as Definition)));
    }, PREVIEW_DELAY_MS);
    return () => clearTimeout(timer);
  }, [definitionText]);

  const errorOf = (id: string) => built.errors.find((e) => e.nodeId === id)?.message;
  const byName = new Map(fields.map((f) => [f.name, f]));

  const renderCondition = (c: Condition) => {
    const field = byName.get(c.field) ?? fields[0]!;
    const set = (patch: Partial<Condition>) =>
      setTree((t) => update(t, c.id, (n) => ({ ...(n as Condition), ...patch })));
    const error = errorOf(c.id);
    let input: React.ReactNode;
    if (BOOLEAN_OPS.has(c.op) || c.op === 'member') {
      input =
        c.op === 'member' ? null : (
          <select aria-label="Value" value={c.value} onChange={(e) => set({ value: e.target.value })}>
            <option value="">…</option>
            <option value="true">yes</option>
            <option value="false">no</option>
          </select>
        );
    } else if (field.kind === 'enum' && c.op === 'eq') {
      input = (
        <select aria-label="Value" value={c.value} onChange={(e) => set({ value: e.target.value })}>
          <option value="">…</option>
          {field.values?.map((v) => (
            <option key={v}>{v}</option>
          ))}
        </select>
      );
    } else if (field.kind === 'enum') {
      const chosen = new Set(
        c.value
          .split(',')
          .map((v) => v.trim())
          .filter(Boolean),
      );
      input = (
        <select
          aria-label="Values"
          multiple
          size={4}
          value={[...chosen]}
          onChange={(e) => set({ value: [...e.target.selectedOptions].map((o) => o.value).join(', ') })}
        >
          {field.values?.map((v) => (
            <option key={v}>{v}</option>
          ))}
        </select>
      );
    } else {
      input = (
        <input
          aria-label="Value"
          type={field.kind === 'date' && !['in'].includes(c.op) ? 'date' : 'text'}
          value={c.value}
          placeholder={c.op === 'in' || c.op.startsWith('has') ? 'a, b, c' : ''}
          onChange={(e) => set({ value: e.target.value })}
        />
      );
    }
    return (
      <li key={c.id} className="condition" data-node={c.id} data-invalid={error ? 'true' : undefined}>
        <label className="negate">
          <input type="checkbox" checked={c.negate} onChange={(e) => set({ negate: e.target.checked })} /> not
        </label>
        <select
          aria-label="Field"
          value={c.field}
          onChange={(e) => {
            const next = byName.get(e.target.value)!;
            set({ field: next.name, op: next.ops[0] ?? 'eq', value: '', key: undefined });
          }}
        >
          {fields.map((f) => (
            <option key={f.name} value={f.name} title={f.description}>
              {f.label}
            </option>
          ))}
        </select>
        {field.kind === 'attribute' || field.kind === 'campaign' ? (
          <input
            aria-label={field.kind === 'attribute' ? 'Attribute name' : 'Campaign id'}
            placeholder={field.kind === 'attribute' ? 'name' : 'campaign id'}
            value={c.key ?? ''}
            onChange={(e) => set({ key: e.target.value })}
          />
        ) : null}
        <select aria-label="Test" value={c.op} onChange={(e) => set({ op: e.target.value, value: '' })}>
          {field.ops.map((op) => (
            <option key={op} value={op}>
              {OP_LABELS[op] ?? op}
            </option>
          ))}
        </select>
        {input}
        <button
          type="button"
          className="button ghost small"
          onClick={() => setTree((t) => update(t, c.id, () => null))}
        >
          Remove
        </button>
        {error ? <span className="form-error small">{error}</span> : null}
      </li>
    );
  };

  const renderGroup = (g: Group, root = false): React.ReactNode => {
    const set = (patch: Partial<Group>) =>
      root
        ? setTree((t) => ({ ...t, ...patch }))
        : setTree((t) => update(t, g.id, (n) => ({ ...(n as Group), ...patch })));
    const add = (node: TreeNode) => set({ children: [...g.children, node] });
    return (
      <div className="group" data-node={g.id} key={g.id}>
        <div className="group-head">
          <label className="negate">
            <input type="checkbox" checked={g.negate} onChange={(e) => set({ negate: e.target.checked })} /> not
          </label>
          <select
            aria-label="Match"
            value={g.combinator}
            onChange={(e) => set({ combinator: e.target.value as 'all' | 'any' })}
          >
            <option value="all">Members matching all of</option>
            <option value="any">Members matching any of</option>
          </select>
          {!root ? (
            <button
              type="button"
              className="button ghost small"
              onClick={() => setTree((t) => update(t, g.id, () => null))}
            >
              Remove group
            </button>
          ) : null}
          {errorOf(g.id) ? <span className="form-error small">{errorOf(g.id)}</span> : null}
        </div>
        <ul className="conditions">
          {g.children.map((child) =>
            child.type === 'group' ? <li key={child.id}>{renderGroup(child)}</li> : renderCondition(child),
          )}
        </ul>
        <div className="group-actions">
          <button type="button" className="button small" onClick={() => add(newCondition(fields[0]!))}>
            Add condition
          </button>
          <button type="button" className="button small" onClick={() => add({ ...emptyGroup('any'), id: newId() })}>
            Add group
          </button>
        </div>
      </div>
    );
  };

  const save = () =>
    startSave(async () => {
      setSaveError(undefined);
      if (!built.definition) return setSaveError('Fix the conditions marked in red first.');
      const result = await saveSegment({ id: segment?.id, name, description, kind, definition: built.definition });
      if (!result.ok) {
        const detail = result.errors.map((e) => `${e.path}: ${e.message}`).join('; ');
        return setSaveError(`${result.problem.title}. ${detail || result.problem.detail}`);
      }
      router.push(`/segments/${result.id}`);
      router.refresh();
    });

  return (
    <div className="builder">
      <section className="panel" aria-labelledby="builder-title">
        <h2 id="builder-title">{segment ? 'Edit (saving makes a new version)' : 'New segment'}</h2>
        <div className="builder-meta">
          <label>
            Name <input value={name} onChange={(e) => setName(e.target.value)} required />
          </label>
          <label>
            Description <input value={description} onChange={(e) => setDescription(e.target.value)} />
          </label>
          {segment ? null : (
            <label>
              Kind{' '}
              <select value={kind} onChange={(e) => setKind(e.target.value as 'dynamic' | 'static')}>
                <option value="dynamic">dynamic: members who match when read</option>
                <option value="static">static: the members who match now</option>
              </select>
            </label>
          )}
        </div>
        <p>
          <button
            type="button"
            className="button ghost small"
            onClick={() => {
              if (jsonMode) {
                const parsed = built.definition && fromDefinition(built.definition, fields);
                if (!parsed)
                  return setSaveError('This definition cannot be shown as conditions; keep editing it as JSON.');
                setTree(parsed);
              } else if (built.definition) {
                setJson(JSON.stringify(built.definition, null, 2));
              }
              setJsonMode(!jsonMode);
            }}
          >
            {jsonMode ? 'Edit as conditions' : 'Edit as JSON'}
          </button>
        </p>
        {jsonMode ? (
          <>
            <textarea
              aria-label="Definition as JSON"
              className="json"
              rows={14}
              value={json}
              onChange={(e) => setJson(e.target.value)}
            />
            {built.jsonError ? <p className="form-error">{built.jsonError}</p> : null}
          </>
        ) : (
          renderGroup(tree, true)
        )}
        <p>
          <button type="button" className="button primary" onClick={save} disabled={saving || !name.trim()}>
            {saving ? 'Saving…' : segment ? 'Save new version' : 'Save segment'}
          </button>
        </p>
        {saveError ? (
          <p role="alert" className="form-error" id="save-error">
            {saveError}
          </p>
        ) : null}
      </section>
      <section className="panel" aria-labelledby="preview-title" aria-busy={previewing} data-section="preview">
        <h2 id="preview-title">Preview {previewing ? <span className="muted small">updating…</span> : null}</h2>
        {!preview ? (
          <p className="muted">The size and a sample appear here as you add conditions.</p>
        ) : !preview.ok ? (
          <div role="alert" data-state="error">
            <p>
              <strong>{preview.problem.title}.</strong> {preview.problem.detail}
            </p>
            <ul>
              {preview.errors.map((e) => (
                <li key={e.path}>
                  <code>{e.path}</code> {e.message}
                </li>
              ))}
            </ul>
          </div>
        ) : (
          <>
            <p className="kpi-value" data-field="size" data-value={preview.size}>
              {formatValue(preview.size, 'integer')} members
            </p>
            <p className="muted">{formatValue(preview.share, 'percent')} of the active members</p>
            <h3>Sample</h3>
            <ul className="sample">
              {preview.sample.map((m) => (
                <li key={m.memberId}>
                  <a href={`/members/${m.memberId}`}>{m.externalId}</a>{' '}
                  <span className="muted small">
                    {m.rfmSegment} · {m.tierName ?? 'No tier'}
                  </span>
                </li>
              ))}
            </ul>
            <h3>RFM segments</h3>
            <Bars rows={preview.rfmSegments.map((s) => ({ label: s.segment, value: s.members }))} />
            <h3>Tiers</h3>
            <Bars rows={preview.tiers.map((t) => ({ label: t.tierName, value: t.members }))} />
          </>
        )}
      </section>
    </div>
  );
}

/** A share of the segment per category, drawn as plain bars. */
function Bars({ rows }: { rows: { label: string; value: number }[] }) {
  const most = Math.max(1, ...rows.map((r) => r.value));
  return (
    <table className="bars">
      <tbody>
        {rows.map((r) => (
          <tr key={r.label}>
            <th scope="row">{r.label}</th>
            <td>
              <span className="bar" style={{ width: `${(r.value / most) * 100}%` }} />
            </td>
            <td className="number">{formatValue(r.value, 'integer')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
