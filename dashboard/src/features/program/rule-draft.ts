import type { NodeSpec, Operand } from './catalogue.ts';

// A rule as the builder edits it (a list of conditions under "all" or "any", each possibly negated, and a list of
// effects, every operand as typed text) and its conversion to the api's rule body and back. The api's field errors
// come back as JSON paths (`body.conditions.all[1].hours.to`); `fieldKey` gives the builder's key for such a path.
// Pure, so the conversions are tested without a browser.

export type OperandValue = string | string[] | boolean;

export interface NodeRow {
  id: string;
  /** The condition's or effect's name in the api's JSON. */
  kind: string;
  /** Conditions only: the condition must not hold. */
  negate?: boolean;
  values: Record<string, OperandValue>;
}

export interface RuleDraft {
  name: string;
  priority: string;
  stacking: 'stackable' | 'exclusive';
  /** datetime-local values, read in UTC. */
  activeFrom: string;
  activeTo: string;
  combinator: 'all' | 'any';
  conditions: NodeRow[];
  effects: NodeRow[];
}

export interface RuleBody {
  name: string;
  priority: number;
  stacking: 'stackable' | 'exclusive';
  activeFrom?: string;
  activeTo?: string;
  conditions: Record<string, unknown>;
  effects: Record<string, unknown>[];
}

let counter = 0;
export const newId = () => `n${++counter}`;

export function emptyDraft(): RuleDraft {
  return {
    name: '',
    priority: '10',
    stacking: 'stackable',
    activeFrom: '',
    activeTo: '',
    combinator: 'all',
    conditions: [],
    effects: [],
  };
}

export function newRow(spec: NodeSpec): NodeRow {
  return { id: newId(), kind: spec.name, values: {} };
}

/** The key of a field in the builder, the same as the api's path without `body.` and with dots for indices. */
export const conditionKey = (draft: Pick<RuleDraft, 'combinator'>, row: NodeRow, index: number, operand?: string) =>
  [`conditions.${draft.combinator}.${index}`, row.negate ? 'not' : undefined, operand ? row.kind : undefined, operand]
    .filter(Boolean)
    .join('.');
export const effectKey = (row: NodeRow, index: number, operand?: string) =>
  [`effects.${index}`, operand ? row.kind : undefined, operand].filter(Boolean).join('.');

/** An api path (`body.effects[0].multiplier.percent`, `body.rules[2].name`) as a builder key (`effects.0.multiplier.percent`). */
export function fieldKey(path: string): string {
  return path
    .replace(/\[(\d+)\]/g, '.$1')
    .replace(/^body\./, '')
    .replace(/^rules\.\d+\./, '');
}

/** Each api error at the nearest field the builder shows; what matches no field is left under ''. */
export function placeErrors(errors: { path: string; message: string }[], keys: string[]): Map<string, string[]> {
  const placed = new Map<string, string[]>();
  for (const error of errors) {
    const key = fieldKey(error.path);
    const home = keys.filter((k) => key === k || key.startsWith(`${k}.`)).sort((a, b) => b.length - a.length)[0];
    const at = home ?? '';
    placed.set(at, [...(placed.get(at) ?? []), error.message]);
  }
  return placed;
}

function parseScalar(text: string): string | number | boolean {
  const t = text.trim();
  if (t === 'true' || t === 'false') return t === 'true';
  return t !== '' && Number.isFinite(Number(t)) ? Number(t) : t;
}

/** One operand's typed text as JSON, or undefined when it is left empty. Numbers the api refuses are its to name. */
function operandJson(operand: Operand, value: OperandValue | undefined): unknown {
  if (value === undefined) return undefined;
  switch (operand.kind) {
    case 'choices':
      return Array.isArray(value) && value.length ? value : undefined;
    case 'list': {
      const items = String(value)
        .split(',')
        .map((v) => v.trim())
        .filter(Boolean);
      if (!items.length) return undefined;
      return operand.scalar ? items.map(parseScalar) : items;
    }
    case 'flag':
      // Unticked is left out: "is not set" is the condition negated.
      return value === true ? true : undefined;
    case 'integer':
    case 'number': {
      const t = String(value).trim();
      return t === '' ? undefined : Number.isFinite(Number(t)) ? Number(t) : t;
    }
    case 'scalar': {
      const t = String(value);
      return t.trim() === '' ? undefined : parseScalar(t);
    }
    default: {
      const t = String(value).trim();
      return t === '' ? undefined : t;
    }
  }
}

function nodeJson(spec: NodeSpec, row: NodeRow): unknown {
  if (spec.constant) return true;
  const out: Record<string, unknown> = {};
  for (const operand of spec.operands) {
    const json = operandJson(operand, row.values[operand.name]);
    if (json !== undefined) out[operand.name] = json;
  }
  return out;
}

const toIso = (local: string) => (local ? `${local.length === 16 ? `${local}:00` : local}Z` : undefined);

/** The api's rule body for a draft. What is wrong is left for the api to name, at its field. */
export function toBody(draft: RuleDraft, catalogue: { conditions: NodeSpec[]; effects: NodeSpec[] }): RuleBody {
  const spec = (list: NodeSpec[], name: string) => list.find((s) => s.name === name)!;
  const conditions = draft.conditions.map((row) => {
    const node = { [row.kind]: nodeJson(spec(catalogue.conditions, row.kind), row) };
    return row.negate ? { not: node } : node;
  });
  const priority = draft.priority.trim();
  return {
    name: draft.name.trim(),
    // A priority that is not a number is sent as typed, so the api names the field.
    priority: (priority !== '' && Number.isFinite(Number(priority)) ? Number(priority) : priority) as number,
    stacking: draft.stacking,
    ...(draft.activeFrom ? { activeFrom: toIso(draft.activeFrom) } : {}),
    ...(draft.activeTo ? { activeTo: toIso(draft.activeTo) } : {}),
    conditions: { [draft.combinator]: conditions },
    effects: draft.effects.map((row) => ({ [row.kind]: nodeJson(spec(catalogue.effects, row.kind), row) })),
  };
}

function rowFrom(node: unknown, specs: NodeSpec[]): NodeRow | undefined {
  if (typeof node !== 'object' || node === null) return undefined;
  const entries = Object.entries(node);
  if (entries.length !== 1) return undefined;
  const [kind, value] = entries[0]!;
  const spec = specs.find((s) => s.name === kind);
  if (!spec) return undefined;
  if (spec.constant) return { id: newId(), kind, values: {} };
  const values: Record<string, OperandValue> = {};
  for (const [key, v] of Object.entries((value ?? {}) as Record<string, unknown>)) {
    const operand = spec.operands.find((o) => o.name === key);
    if (!operand) return undefined;
    if (operand.kind === 'choices') values[key] = (v as unknown[]).map(String);
    else if (operand.kind === 'list') values[key] = (v as unknown[]).map(String).join(', ');
    else if (operand.kind === 'flag') values[key] = v === true;
    else values[key] = String(v);
  }
  return { id: newId(), kind, values };
}

/** A rule version as a draft; undefined when it nests groups the builder cannot show (then it is edited as JSON). */
export function fromBody(
  body: Omit<RuleBody, 'activeFrom' | 'activeTo'> & { activeFrom?: string | null; activeTo?: string | null },
  catalogue: { conditions: NodeSpec[]; effects: NodeSpec[] },
): RuleDraft | undefined {
  const [combinator, list] = Object.entries(body.conditions)[0] ?? [];
  if ((combinator !== 'all' && combinator !== 'any') || !Array.isArray(list)) return undefined;
  const conditions: NodeRow[] = [];
  for (const node of list) {
    const negated = typeof node === 'object' && node !== null && 'not' in node;
    const row = rowFrom(negated ? (node as { not: unknown }).not : node, catalogue.conditions);
    if (!row) return undefined;
    conditions.push(negated ? { ...row, negate: true } : row);
  }
  const effects: NodeRow[] = [];
  for (const node of body.effects) {
    const row = rowFrom(node, catalogue.effects);
    if (!row) return undefined;
    effects.push(row);
  }
  const local = (iso: string | null | undefined) => (iso ? iso.slice(0, 16) : '');
  return {
    name: body.name,
    priority: String(body.priority),
    stacking: body.stacking,
    activeFrom: local(body.activeFrom),
    activeTo: local(body.activeTo),
    combinator,
    conditions,
    effects,
  };
}
