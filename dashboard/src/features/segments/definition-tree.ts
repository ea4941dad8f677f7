// The segment builder's model: a tree of groups and conditions that people edit, and its translation to and from
// the api's definition format (all / any / not over member fields, `attribute` and `campaign` tests). Pure: the
// builder renders it, tests check the round trip. Field names, operators and values come from the api's OpenAPI
// document (catalogue.ts), never from a copy kept here.

export type FieldKind = 'integer' | 'enum' | 'uuid' | 'date' | 'tags' | 'attribute' | 'campaign';

export interface FieldSpec {
  name: string;
  label: string;
  description: string;
  kind: FieldKind;
  /** The tests the field takes, as the api names them (gte, in, hasAny, isNull…). */
  ops: string[];
  /** For enums: the values allowed. */
  values?: string[];
}

export interface Condition {
  type: 'condition';
  id: string;
  field: string;
  op: string;
  /** As typed: lists are comma-separated; `isNull` and the campaign tests take "true" or "false". */
  value: string;
  /** The attribute's name, for `attribute` conditions; the campaign's id, for `campaign` conditions. */
  key?: string;
  negate: boolean;
}

export interface Group {
  type: 'group';
  id: string;
  combinator: 'all' | 'any';
  negate: boolean;
  children: TreeNode[];
}

export type TreeNode = Condition | Group;
export type Definition = Record<string, unknown>;

export interface NodeError {
  nodeId: string;
  message: string;
}

let counter = 0;
export const newId = () => `n${++counter}`;

export function emptyGroup(combinator: 'all' | 'any' = 'all'): Group {
  return { type: 'group', id: newId(), combinator, negate: false, children: [] };
}

export function newCondition(field: FieldSpec): Condition {
  return { type: 'condition', id: newId(), field: field.name, op: field.ops[0] ?? 'eq', value: '', negate: false };
}

const LIST_OPS = new Set(['in', 'hasAny', 'hasAll']);
const BOOLEAN_OPS = new Set(['isNull', 'exists', 'responded', 'rewarded']);
const items = (text: string) =>
  text
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);

/** An attribute value as the api compares it: numbers as numbers, true/false as booleans, the rest as text. */
function attributeValue(text: string): string | number | boolean {
  if (text === 'true' || text === 'false') return text === 'true';
  return text !== '' && Number.isFinite(Number(text)) ? Number(text) : text;
}

function parseValue(kind: FieldKind, op: string, text: string): { value: unknown } | { error: string } {
  if (BOOLEAN_OPS.has(op)) {
    return text === 'true' || text === 'false' ? { value: text === 'true' } : { error: 'choose yes or no' };
  }
  if (LIST_OPS.has(op)) {
    const list = items(text);
    if (!list.length) return { error: 'give at least one value, separated by commas' };
    if (kind === 'integer') {
      const numbers = list.map(Number);
      return numbers.every(Number.isInteger)
        ? { value: numbers }
        : { error: 'give whole numbers, separated by commas' };
    }
    return { value: kind === 'attribute' ? list.map(attributeValue) : list };
  }
  const trimmed = text.trim();
  if (!trimmed) return { error: 'give a value' };
  if (kind === 'integer') {
    const n = Number(trimmed);
    return Number.isInteger(n) ? { value: n } : { error: 'give a whole number' };
  }
  if (kind === 'date' && !/^\d{4}-\d{2}-\d{2}$/.test(trimmed)) return { error: 'give a date' };
  if (kind === 'attribute') return { value: op === 'equals' ? attributeValue(trimmed) : Number(trimmed) };
  return { value: trimmed };
}

/** The api's definition of the tree, or the conditions that cannot be sent yet and why. */
export function toDefinition(
  root: Group,
  fields: FieldSpec[],
): { definition: Definition; errors: [] } | { definition?: undefined; errors: NodeError[] } {
  const errors: NodeError[] = [];
  const byName = new Map(fields.map((f) => [f.name, f]));
  const walk = (node: TreeNode): Definition | undefined => {
    let out: Definition | undefined;
    if (node.type === 'group') {
      const children = node.children.map(walk).filter((c): c is Definition => c !== undefined);
      if (node.combinator === 'any' && node.children.length === 0) {
        errors.push({ nodeId: node.id, message: 'an "any" group needs at least one condition' });
      }
      out = { [node.combinator]: children };
    } else {
      const field = byName.get(node.field);
      if (!field) {
        errors.push({ nodeId: node.id, message: `unknown field ${node.field}` });
        return undefined;
      }
      const parsed = parseValue(field.kind, node.op, node.value);
      if ('error' in parsed) {
        errors.push({ nodeId: node.id, message: parsed.error });
        return undefined;
      }
      if (field.kind === 'attribute' || field.kind === 'campaign') {
        if (!node.key?.trim()) {
          errors.push({
            nodeId: node.id,
            message: field.kind === 'attribute' ? 'name the attribute' : 'choose a campaign',
          });
          return undefined;
        }
        const name = field.kind === 'attribute' ? 'key' : 'id';
        out = {
          [field.name]: { [name]: node.key.trim(), ...(node.op === 'member' ? {} : { [node.op]: parsed.value }) },
        };
      } else {
        out = { [field.name]: { [node.op]: parsed.value } };
      }
    }
    return node.negate ? { not: out } : out;
  };
  const definition = walk(root);
  return errors.length || !definition ? { errors } : { definition, errors: [] };
}

const text = (value: unknown): string =>
  Array.isArray(value) ? value.map(String).join(', ') : value === undefined ? '' : String(value);

/**
 * The tree of a saved definition, for editing; undefined when the definition holds what the builder cannot show
 * (several tests in one condition, say), in which case the builder edits it as JSON.
 */
export function fromDefinition(definition: Definition, fields: FieldSpec[]): Group | undefined {
  const byName = new Map(fields.map((f) => [f.name, f]));
  const node = (d: Definition, negate: boolean): TreeNode | undefined => {
    const keys = Object.keys(d);
    if (keys.length !== 1) return undefined;
    const key = keys[0]!;
    const body = d[key];
    if (key === 'not') {
      if (negate || typeof body !== 'object' || body === null) return undefined;
      return node(body as Definition, true);
    }
    if (key === 'all' || key === 'any') {
      if (!Array.isArray(body)) return undefined;
      const children = body.map((c) => node(c as Definition, false));
      if (children.some((c) => c === undefined)) return undefined;
      return { type: 'group', id: newId(), combinator: key, negate, children: children as TreeNode[] };
    }
    const field = byName.get(key);
    if (!field || typeof body !== 'object' || body === null) return undefined;
    const test = { ...(body as Record<string, unknown>) };
    let nodeKey: string | undefined;
    if (field.kind === 'attribute' || field.kind === 'campaign') {
      const name = field.kind === 'attribute' ? 'key' : 'id';
      nodeKey = String(test[name] ?? '');
      delete test[name];
      if (field.kind === 'campaign' && Object.keys(test).length === 0) {
        return { type: 'condition', id: newId(), field: key, op: 'member', value: 'true', key: nodeKey, negate };
      }
    }
    const ops = Object.keys(test);
    if (ops.length !== 1 || !field.ops.includes(ops[0]!)) return undefined;
    const op = ops[0]!;
    return { type: 'condition', id: newId(), field: key, op, value: text(test[op]), key: nodeKey, negate };
  };
  const root = node(definition, false);
  if (!root) return undefined;
  return root.type === 'group'
    ? root
    : { type: 'group', id: newId(), combinator: 'all', negate: false, children: [root] };
}
