// Compiles a segment definition to the WHERE clause of a ClickHouse query on marts.member_360. Every value is a
// bound parameter (`{p0:Int64}`), every identifier comes from the allow-list (segment-fields.ts), and the clause
// always starts with the tenant: `tenant_id = {tenant:UUID}`. Pure: no I/O.
import type { AttributeTest, CampaignTest, FieldTest, SegmentDefinition, SegmentNode } from './segment-definition.ts';
import { isNullable, type MemberField, memberField, SEGMENT_SOURCES } from './segment-fields.ts';
import { type SegmentIssue, validateDefinition } from './validate-definition.ts';

/** The tenant's active members matching a definition: a WHERE clause on marts.member_360 and its parameters. */
export interface CompiledSegment {
  /** Lines of the WHERE clause (without `WHERE`), the tenant first. */
  where: string;
  /** `tenant` and `p0`, `p1`, … */
  params: Record<string, unknown>;
}

/** A definition the validator refuses reached the compiler: a bug in the caller, never SQL. */
export class InvalidDefinitionError extends Error {
  constructor(readonly errors: SegmentIssue[]) {
    super(`invalid segment definition: ${errors.map((e) => `${e.path} ${e.message}`).join('; ')}`);
    this.name = 'InvalidDefinitionError';
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const INDENT = '    ';
const TENANT = '{tenant:UUID}';

/** Binds values in tree order as p0, p1, …; the SQL carries only their placeholders. */
class Params {
  readonly values: Record<string, unknown> = {};
  private next = 0;

  bind(value: unknown, type: string): string {
    const name = `p${this.next++}`;
    this.values[name] = value;
    return `{${name}:${type}}`;
  }

  /**
   * A list of values: text one placeholder per item, since a quote or backslash inside an Array(String) parameter
   * is not read the same way by every ClickHouse (the embedded gateway, a server); other types as one array.
   */
  list(values: readonly unknown[], type: string): string {
    return type === 'String'
      ? `[${values.map((v) => this.bind(v, type)).join(', ')}]`
      : this.bind(values, `Array(${type})`);
  }
}

type Lines = string[];

const indent = (lines: Lines): Lines => lines.map((line) => INDENT + line);

/** `(a AND b AND c)` over several lines; a single operand needs no parentheses. */
function join(operands: Lines[], operator: 'AND' | 'OR'): Lines {
  if (operands.length === 1) return operands[0] as Lines;
  const body = operands.flatMap((lines, i) => (i === 0 ? lines : [`${operator} ${lines[0]}`, ...lines.slice(1)]));
  return ['(', ...indent(body), ')'];
}

/** `member_id IN (SELECT member_id FROM <table> WHERE tenant_id = … AND …)`, or NOT IN. */
function subquery(source: keyof typeof SEGMENT_SOURCES, conditions: string[], negate = false): Lines {
  return [
    `member_id ${negate ? 'NOT IN' : 'IN'} (`,
    `${INDENT}SELECT member_id`,
    `${INDENT}FROM ${SEGMENT_SOURCES[source].table}`,
    `${INDENT}WHERE tenant_id = ${TENANT}`,
    ...conditions.map((c) => `${INDENT}${INDENT}AND ${c}`),
    ')',
  ];
}

const COMPARE = { eq: '=', gt: '>', gte: '>=', lt: '<', lte: '<=' } as const;

function fieldTest(field: MemberField, test: FieldTest, params: Params): Lines {
  if (field.source !== undefined) {
    // Another per-member mart: members without a row there hold null.
    if (test.isNull === true) return subquery(field.source, [`${field.column} IS NOT NULL`], true);
    return subquery(field.source, columnTest(field, test, params));
  }
  const parts = columnTest(field, test, params);
  return parts.length === 1 ? parts : [`(${parts.join(' AND ')})`];
}

/** The conditions of a test on the field's column, to be joined by AND. */
function columnTest(field: MemberField, test: FieldTest, params: Params): string[] {
  const column = field.column;
  const parts: string[] = [];
  if (test.isNull === true) return [`${column} IS NULL`];
  if (isNullable(field)) parts.push(`${column} IS NOT NULL`);
  switch (field.type) {
    case 'integer':
    case 'enum':
    case 'uuid': {
      const type = field.type === 'integer' ? 'Int64' : field.type === 'uuid' ? 'UUID' : 'String';
      for (const op of ['eq', 'gt', 'gte', 'lt', 'lte'] as const) {
        if (test[op] !== undefined) parts.push(`${column} ${COMPARE[op]} ${params.bind(test[op], type)}`);
      }
      if (test.in !== undefined) parts.push(`has(${params.list(test.in, type)}, ${column})`);
      break;
    }
    case 'date':
      for (const op of ['eq', 'gt', 'gte', 'lt', 'lte'] as const) {
        if (test[op] !== undefined)
          parts.push(`toDate(${column}, 'UTC') ${COMPARE[op]} ${params.bind(test[op], 'Date32')}`);
      }
      break;
    case 'tags':
      if (test.hasAny !== undefined) parts.push(`hasAny(${column}, ${params.list(test.hasAny, 'String')})`);
      if (test.hasAll !== undefined) parts.push(`hasAll(${column}, ${params.list(test.hasAll, 'String')})`);
      break;
  }
  // `isNull: false` alone leaves only the IS NOT NULL part.
  return parts;
}

function campaignTest(test: CampaignTest, params: Params): Lines {
  const conditions = [`campaign_id = ${params.bind(test.id, 'UUID')}`];
  if (test.responded !== undefined) conditions.push(`responded = ${params.bind(test.responded ? 1 : 0, 'UInt8')}`);
  if (test.variant !== undefined) conditions.push(`variant = ${params.bind(test.variant, 'String')}`);
  if (test.rewarded !== undefined) conditions.push(test.rewarded ? 'bonus_points != 0' : 'bonus_points = 0');
  return subquery('campaigns', conditions);
}

/** Attribute values are text in the warehouse: strings and booleans compare as text, numbers as numbers. */
function attributeTest(test: AttributeTest, params: Params): Lines {
  const key = params.bind(test.key, 'String');
  const present = `mapContains(attributes, ${key})`;
  const text = `attributes[${key}]`;
  const number = `toFloat64OrNull(attributes[${key}])`;
  const asText = (v: string | boolean) => (typeof v === 'boolean' ? String(v) : v);
  if (test.exists !== undefined) return subquery('attributes', [present], !test.exists);
  if (test.equals !== undefined) {
    const v = test.equals;
    return subquery(
      'attributes',
      typeof v === 'number'
        ? [`${number} = ${params.bind(v, 'Float64')}`]
        : [present, `${text} = ${params.bind(asText(v), 'String')}`],
    );
  }
  if (test.in !== undefined) {
    const texts = test.in.filter((v): v is string | boolean => typeof v !== 'number').map(asText);
    const numbers = test.in.filter((v): v is number => typeof v === 'number');
    const alternatives = [
      ...(texts.length > 0 ? [`(${present} AND has(${params.list(texts, 'String')}, ${text}))`] : []),
      ...(numbers.length > 0 ? [`has(${params.list(numbers, 'Float64')}, ${number})`] : []),
    ];
    return subquery('attributes', [
      alternatives.length === 1 ? (alternatives[0] as string) : `(${alternatives.join(' OR ')})`,
    ]);
  }
  const bounds = (['gt', 'gte', 'lt', 'lte'] as const)
    .filter((op) => test[op] !== undefined)
    .map((op) => `${number} ${COMPARE[op]} ${params.bind(test[op], 'Float64')}`);
  return subquery('attributes', bounds);
}

function node(n: SegmentNode, params: Params): Lines {
  const [key, value] = Object.entries(n)[0] as [string, unknown];
  switch (key) {
    case 'all':
    case 'any': {
      const children = value as SegmentNode[];
      if (children.length === 0) return ['1'];
      return join(
        children.map((child) => node(child, params)),
        key === 'all' ? 'AND' : 'OR',
      );
    }
    case 'not': {
      const inner = node(value as SegmentNode, params);
      return inner.length === 1 ? [`NOT (${inner[0]})`] : ['NOT (', ...indent(inner), ')'];
    }
    case 'campaign':
      return campaignTest(value as CampaignTest, params);
    case 'attribute':
      return attributeTest(value as AttributeTest, params);
    default: {
      const field = memberField(key);
      // The validator ran first; a name outside the allow-list never reaches SQL.
      if (!field) throw new InvalidDefinitionError([{ path: key, message: 'is not an allow-listed field' }]);
      return fieldTest(field, value as FieldTest, params);
    }
  }
}

/**
 * The WHERE clause selecting the tenant's active members that match `definition`. Validates it again first and
 * throws `InvalidDefinitionError` rather than compile anything the validator refuses; the tenant must be a UUID.
 * Erased members are never in a segment.
 */
export function compileDefinition(definition: unknown, tenantId: string): CompiledSegment {
  if (!UUID.test(tenantId)) throw new InvalidDefinitionError([{ path: 'tenantId', message: 'must be a UUID' }]);
  const checked = validateDefinition(definition);
  if (!checked.ok) throw new InvalidDefinitionError(checked.errors);
  const params = new Params();
  const root = checked.definition;
  // The root's conjuncts sit beside the tenant's, one per line.
  const conjuncts =
    'all' in root && Array.isArray(root.all)
      ? root.all.map((child) => node(child, params))
      : [node(root as SegmentDefinition, params)];
  const lines = [`tenant_id = ${TENANT}`, "AND status = 'active'"];
  for (const c of conjuncts) lines.push(`AND ${c[0]}`, ...c.slice(1));
  return { where: lines.join('\n'), params: { tenant: tenantId, ...params.values } };
}
