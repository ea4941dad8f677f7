// Validation of draft rules: every problem, each with the JSON path to the bad node and a message a marketer can act
// on. Shapes come from the TypeBox schemas; meaning (ordered ranges, real dates, known rewards) is checked here.
import { type TSchema, Type } from 'typebox';
import type { TLocalizedValidationError } from 'typebox/error';
import Schema from 'typebox/schema';
import { describeComparison } from './compile-conditions.ts';
import { isValidTimeZone, parseLocalDate } from './local-time.ts';
import {
  COMBINATORS,
  type Comparison,
  EFFECTS,
  PREDICATES,
  type RuleDefinition,
  RuleDefinition as RuleDefinitionSchema,
  TEXT_FORMATS,
} from './rules.schemas.ts';

export interface RuleIssue {
  /** Where the problem is, e.g. `rules[2].conditions.all[1].hours.from`. */
  path: string;
  message: string;
}

export interface ValidationOptions {
  /** The program's reward ids: a `grantReward` naming another id is an error. Unchecked when absent. */
  rewardIds?: readonly string[];
  /** The tenant's IANA time zone, checked when given. */
  timeZone?: string;
}

export type RuleSetValidation = { ok: true; rules: RuleDefinition[] } | { ok: false; errors: RuleIssue[] };

const MAX_DEPTH = 32;
const CONDITION_KEYS = [...COMBINATORS, ...Object.keys(PREDICATES)];
const EFFECT_KEYS = Object.keys(EFFECTS);

/** Validates the rule versions of one program, as the engine runs them: with ids, unique per rule. */
export function validateRuleSet(value: unknown, options: ValidationOptions = {}): RuleSetValidation {
  const issues: RuleIssue[] = [];
  if (options.timeZone !== undefined && !isValidTimeZone(options.timeZone)) {
    issues.push({ path: 'timeZone', message: `"${options.timeZone}" is not an IANA time zone such as Europe/Paris` });
  }
  if (!Array.isArray(value)) {
    issues.push({ path: 'rules', message: 'must be a list of rules' });
    return { ok: false, errors: issues };
  }
  const firstIndexOfId = new Map<unknown, number>();
  value.forEach((rule, i) => {
    const path = `rules[${i}]`;
    checkRule(rule, path, true, options, issues);
    const id = (rule as { id?: unknown } | null)?.id;
    if (typeof id === 'string') {
      const first = firstIndexOfId.get(id);
      if (first === undefined) firstIndexOfId.set(id, i);
      else issues.push({ path: `${path}.id`, message: `rule id "${id}" is already used by rules[${first}]` });
    }
  });
  return issues.length ? { ok: false, errors: issues } : { ok: true, rules: value as RuleDefinition[] };
}

/** Validates one rule as a marketer drafts it: its ids (id, versionId, version) may be absent. */
export function validateRule(value: unknown, options: ValidationOptions = {}, path = 'rule'): RuleIssue[] {
  const issues: RuleIssue[] = [];
  checkRule(value, path, false, options, issues);
  return issues;
}

/** Validates a condition tree on its own (a campaign's conditions), with paths under `path`. */
export function validateConditions(value: unknown, path: string): RuleIssue[] {
  const issues: RuleIssue[] = [];
  checkCondition(value, path, 1, issues);
  return issues;
}

const RuleFields = Type.Object(
  // conditions and effects are walked node by node below, for errors with precise paths
  {
    ...RuleDefinitionSchema.properties,
    conditions: Type.Optional(Type.Unknown()),
    effects: Type.Optional(Type.Unknown()),
  },
  { additionalProperties: false },
);
/** A draft being edited has no ids yet. */
const DraftFields = Type.Object(
  {
    ...RuleFields.properties,
    id: Type.Optional(RuleFields.properties.id),
    versionId: Type.Optional(RuleFields.properties.versionId),
    version: Type.Optional(RuleFields.properties.version),
  },
  { additionalProperties: false },
);

function checkRule(
  rule: unknown,
  path: string,
  requireIds: boolean,
  options: ValidationOptions,
  issues: RuleIssue[],
): void {
  if (!isPlainObject(rule)) {
    issues.push({ path, message: 'must be a rule object with name, priority, stacking, conditions and effects' });
    return;
  }
  checkShape(requireIds ? RuleFields : DraftFields, rule, path, issues);
  const { activeFrom, activeTo } = rule;
  if (
    typeof activeFrom === 'string' &&
    typeof activeTo === 'string' &&
    Date.parse(activeFrom) >= Date.parse(activeTo)
  ) {
    issues.push({ path: `${path}.activeTo`, message: 'must be later than activeFrom' });
  }
  if ('conditions' in rule) checkCondition(rule.conditions, `${path}.conditions`, 1, issues);
  else issues.push({ path: `${path}.conditions`, message: 'is required (use { "all": [] } to match every event)' });
  if ('effects' in rule) checkEffects(rule.effects, `${path}.effects`, options, issues);
  else issues.push({ path: `${path}.effects`, message: 'is required' });
}

function checkCondition(node: unknown, path: string, depth: number, issues: RuleIssue[]): void {
  const key = singleKey(node, path, CONDITION_KEYS, 'condition', issues);
  if (key === undefined) return;
  const value = (node as Record<string, unknown>)[key];
  const at = `${path}.${key}`;
  if (key === 'not' || key === 'all' || key === 'any') {
    if (depth >= MAX_DEPTH) {
      issues.push({ path: at, message: `conditions nest deeper than ${MAX_DEPTH} levels` });
      return;
    }
    if (key === 'not') {
      checkCondition(value, at, depth + 1, issues);
      return;
    }
    if (!Array.isArray(value)) {
      issues.push({ path: at, message: 'must be a list of conditions' });
      return;
    }
    if (key === 'any' && value.length === 0) {
      issues.push({ path: at, message: 'lists no conditions, so it can never match' });
    }
    value.forEach((child, i) => {
      checkCondition(child, `${at}[${i}]`, depth + 1, issues);
    });
    return;
  }
  const name = key as keyof typeof PREDICATES;
  if (checkShape(PREDICATES[name], value, at, issues)) checkPredicateMeaning(name, value, at, issues);
}

function checkPredicateMeaning(name: keyof typeof PREDICATES, value: unknown, path: string, issues: RuleIssue[]): void {
  switch (name) {
    case 'amount':
    case 'purchaseNumber':
    case 'daysSinceEnrolment':
      checkComparison(value as Comparison, path, issues);
      return;
    case 'hours': {
      const { from, to } = value as { from: string; to: string };
      if (from === to) issues.push({ path: `${path}.to`, message: `must differ from "from" (${from})` });
      return;
    }
    case 'dates': {
      const { from, to } = value as { from?: string; to?: string };
      const fromDay = from === undefined ? undefined : parseLocalDate(from);
      const toDay = to === undefined ? undefined : parseLocalDate(to);
      if (fromDay === null) issues.push({ path: `${path}.from`, message: `${from} is not a calendar date` });
      if (toDay === null) issues.push({ path: `${path}.to`, message: `${to} is not a calendar date` });
      if (typeof fromDay === 'number' && typeof toDay === 'number' && fromDay > toDay) {
        issues.push({ path: `${path}.to`, message: `must not be before "from" (${from})` });
      }
      return;
    }
    case 'memberAttribute':
    case 'eventAttribute':
      checkAttributeTest(value as Record<string, unknown>, path, issues);
      return;
    default:
      return;
  }
}

function checkComparison(c: Comparison, path: string, issues: RuleIssue[]): void {
  const lower = Math.max(c.eq ?? 0, c.gt === undefined ? 0 : c.gt + 1, c.gte ?? 0);
  const upper = Math.min(c.eq ?? Infinity, c.lt === undefined ? Infinity : c.lt - 1, c.lte ?? Infinity);
  if (lower > upper)
    issues.push({ path, message: `no whole number meets ${describeComparison(c)}, so it can never match` });
}

function checkAttributeTest(test: Record<string, unknown>, path: string, issues: RuleIssue[]): void {
  const kinds = [
    'equals' in test && 'equals',
    'in' in test && 'in',
    'exists' in test && 'exists',
    ['gt', 'gte', 'lt', 'lte'].some((k) => k in test) && 'gt/gte/lt/lte',
  ].filter((k): k is string => typeof k === 'string');
  if (kinds.length === 0) {
    issues.push({ path, message: 'needs a test: equals, in, exists, or gt/gte/lt/lte' });
  } else if (kinds.length > 1) {
    issues.push({ path, message: `use one kind of test, not ${kinds.join(' and ')}; combine tests with all` });
  } else if (kinds[0] === 'gt/gte/lt/lte') {
    const { gt, gte, lt, lte } = test as Record<string, number | undefined>;
    const lower = Math.max(gt ?? -Infinity, gte ?? -Infinity);
    const upper = Math.min(lt ?? Infinity, lte ?? Infinity);
    const open = (gt !== undefined && gt >= lower) || (lt !== undefined && lt <= upper);
    if (lower > upper || (lower === upper && open)) {
      issues.push({ path, message: `no number meets ${describeComparison(test)}, so it can never match` });
    }
  }
}

function checkEffects(effects: unknown, path: string, options: ValidationOptions, issues: RuleIssue[]): void {
  if (!Array.isArray(effects)) {
    issues.push({ path, message: 'must be a list of effects' });
    return;
  }
  if (effects.length === 0) issues.push({ path, message: 'lists no effects: the rule would do nothing' });
  const capSeen = new Map<string, number>();
  effects.forEach((effect, i) => {
    const at = `${path}[${i}]`;
    const key = singleKey(effect, at, EFFECT_KEYS, 'effect', issues);
    if (key === undefined) return;
    const value = (effect as Record<string, unknown>)[key];
    if (!checkShape(EFFECTS[key as keyof typeof EFFECTS], value, `${at}.${key}`, issues)) return;
    if (key === 'capPerEvent' || key === 'capPerPeriod') {
      const cap = key === 'capPerEvent' ? 'capPerEvent' : `capPerPeriod (${(value as { period: string }).period})`;
      const first = capSeen.get(cap);
      if (first === undefined) capSeen.set(cap, i);
      else issues.push({ path: `${at}.${key}`, message: `repeats the ${cap} of effects[${first}]; keep one` });
    }
    if (key === 'grantReward' && options.rewardIds) {
      const { rewardId } = value as { rewardId: string };
      if (!options.rewardIds.includes(rewardId)) {
        issues.push({
          path: `${at}.grantReward.rewardId`,
          message: `reward "${rewardId}" does not exist in this program`,
        });
      }
    }
  });
}

/** The one key of a condition or effect node, or undefined after recording why there is none. */
function singleKey(
  node: unknown,
  path: string,
  known: readonly string[],
  what: 'condition' | 'effect',
  issues: RuleIssue[],
): string | undefined {
  const example = what === 'condition' ? '{ "amount": { "gte": 1000 } }' : '{ "fixedPoints": { "points": 50 } }';
  if (!isPlainObject(node)) {
    issues.push({ path, message: `must be ${what === 'condition' ? 'a condition' : 'an effect'} such as ${example}` });
    return undefined;
  }
  const keys = Object.keys(node);
  if (keys.length !== 1) {
    const combine = what === 'condition' ? '; combine several with all or any' : '; list each effect separately';
    issues.push({
      path,
      message: keys.length
        ? `has ${keys.length} keys (${keys.join(', ')}): ${what === 'condition' ? 'a condition' : 'an effect'} has exactly one${combine}`
        : `is empty: give ${what === 'condition' ? 'a condition' : 'an effect'} such as ${example}`,
    });
    return undefined;
  }
  const key = keys[0]!;
  if (!known.includes(key)) {
    issues.push({ path: `${path}.${key}`, message: `is not a known ${what}; known: ${known.join(', ')}` });
    return undefined;
  }
  return key;
}

// ─── TypeBox errors as marketer-readable issues ───────────────────────────────────────────────────────────────────

const validators = new WeakMap<TSchema, ReturnType<typeof Schema.Compile>>();

/** Checks a value against a schema; records one readable issue per bad field. Returns true when the shape is valid. */
export function checkShape(schema: TSchema, value: unknown, path: string, issues: RuleIssue[]): boolean {
  let validator = validators.get(schema);
  if (!validator) {
    validator = Schema.Compile(schema);
    validators.set(schema, validator);
  }
  if (validator.Check(value)) return true;
  const seen = new Set<string>();
  const [, errors] = validator.Errors(value);
  for (const error of errors) {
    for (const issue of toIssues(error, schema, path)) {
      const key = `${issue.path}\n${issue.message}`;
      if (!seen.has(key)) {
        seen.add(key);
        issues.push(issue);
      }
    }
  }
  return false;
}

function toIssues(error: TLocalizedValidationError, root: TSchema, base: string): RuleIssue[] {
  const segments = error.instancePath.split('/').slice(1).map(unescapePointer);
  const path = base + segments.map(pathSegment).join('');
  // Alternatives of a union report their own mismatch and then the union's; keep only the union's.
  if (/\/anyOf\/\d+/.test(error.schemaPath) && error.keyword !== 'anyOf') return [];
  switch (error.keyword) {
    case 'required':
      return error.params.requiredProperties.map((p) => ({ path: `${path}${pathSegment(p)}`, message: 'is required' }));
    case 'additionalProperties': {
      const known = Object.keys(schemaAt(root, segments)?.properties ?? {});
      return error.params.additionalProperties.map((p) => ({
        path: `${path}${pathSegment(p)}`,
        message: `is not a known field${known.length ? `; known: ${known.join(', ')}` : ''}`,
      }));
    }
    case 'boolean': // the additionalProperties error above already names the field
      return [];
    case 'minProperties': {
      const known = Object.keys(schemaAt(root, segments)?.properties ?? {});
      return [{ path, message: `needs at least one of: ${known.join(', ')}` }];
    }
    default:
      return [{ path, message: messageFor(error) }];
  }
}

const TYPE_NAMES: Record<string, string> = {
  integer: 'a whole number',
  number: 'a number',
  string: 'text',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
};

function messageFor(error: TLocalizedValidationError): string {
  switch (error.keyword) {
    case 'type': {
      const types = ([] as string[]).concat(error.params.type);
      return `must be ${types.map((t) => TYPE_NAMES[t] ?? t).join(' or ')}`;
    }
    case 'minimum':
      return `must be at least ${error.params.limit}`;
    case 'maximum':
      return `must be at most ${error.params.limit}`;
    case 'minItems':
      return error.params.limit === 1
        ? 'must list at least one item'
        : `must list at least ${error.params.limit} items`;
    case 'minLength':
      return 'must not be empty';
    case 'enum':
      return `must be one of: ${error.params.allowedValues.join(', ')}`;
    case 'const':
      return `must be ${JSON.stringify(error.params.allowedValue)}`;
    case 'pattern': {
      const format = Object.values(TEXT_FORMATS).find((f) => f.pattern === error.params.pattern);
      return format ? `must be ${format.reads}` : `must match ${error.params.pattern}`;
    }
    case 'format':
      return error.params.format === 'date-time'
        ? 'must be an ISO 8601 date and time such as 2026-06-01T00:00:00Z'
        : `must be a ${error.params.format}`;
    case 'anyOf': // attribute values are the only unions below a node
      return 'must be text, a number, or true or false';
    default:
      return error.message;
  }
}

function schemaAt(schema: TSchema, segments: string[]): { properties?: Record<string, unknown> } | undefined {
  let node: unknown = schema;
  for (const segment of segments) {
    const s = node as { properties?: Record<string, unknown>; items?: unknown };
    node = /^\d+$/.test(segment) && s.items ? s.items : s.properties?.[segment];
    if (!node) return undefined;
  }
  return node as { properties?: Record<string, unknown> };
}

const unescapePointer = (s: string) => s.replaceAll('~1', '/').replaceAll('~0', '~');
const pathSegment = (s: string) =>
  /^\d+$/.test(s) ? `[${s}]` : /^[A-Za-z_$][\w$]*$/.test(s) ? `.${s}` : `[${JSON.stringify(s)}]`;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
