// Validation of segment definitions: every problem with the JSON path of the bad node and a message a marketer can
// act on. Nothing here knows SQL: a definition that passes uses allow-listed fields only, with values of their
// types, within the documented limits, and the compiler relies on that.
import { COMBINATORS, PREDICATES, SEGMENT_LIMITS, type SegmentDefinition } from './segment-definition.ts';
import { isNullable, type MemberField, memberField, VARIANT_KEY } from './segment-fields.ts';

export interface SegmentIssue {
  /** Where the problem is, e.g. `definition.all[1].rfmSegment.in[0]`. */
  path: string;
  message: string;
}

/** Ids a definition names, with where: the service checks that they are the tenant's. */
export interface SegmentReferences {
  /** With the arm a `variant` test names, which must be one of the campaign's. */
  campaigns: { id: string; path: string; variant?: { key: string; path: string } }[];
  tiers: { id: string; path: string }[];
}

export type DefinitionValidation =
  | { ok: true; definition: SegmentDefinition; references: SegmentReferences }
  | { ok: false; errors: SegmentIssue[] };

/** Walking stops after this many nodes or errors: a body that large is refused either way. */
const MAX_NODES = 2 * SEGMENT_LIMITS.predicates;
const MAX_ERRORS = 50;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TAG = /^[^\s,]+$/;
const ATTRIBUTE_KEY = /^[A-Za-z_][A-Za-z0-9_.-]{0,63}$/;
const ARM_KEY = new RegExp(VARIANT_KEY);
/** Date32's range, which the compiler binds dates as. */
const FIRST_YEAR = 1900;
const LAST_YEAR = 2299;

const BOUNDS = ['eq', 'gt', 'gte', 'lt', 'lte'] as const;
const TESTS_OF: Record<MemberField['type'], readonly string[]> = {
  integer: [...BOUNDS, 'in'],
  enum: ['eq', 'in'],
  uuid: ['eq', 'in'],
  date: BOUNDS,
  tags: ['hasAny', 'hasAll'],
};
const PREDICATE_NAMES = Object.keys(PREDICATES);
const NODE_KEYS = [...COMBINATORS, ...PREDICATE_NAMES];

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const describe = (value: unknown) => (value === null ? 'null' : Array.isArray(value) ? 'a list' : typeof value);

class Walk {
  readonly errors: SegmentIssue[] = [];
  readonly references: SegmentReferences = { campaigns: [], tiers: [] };
  predicates = 0;
  nodes = 0;

  fail(path: string, message: string): void {
    if (this.errors.length < MAX_ERRORS) this.errors.push({ path, message });
  }

  get full(): boolean {
    return this.errors.length >= MAX_ERRORS || this.nodes > MAX_NODES;
  }
}

/**
 * Checks a definition as the api receives it (`unknown`), reporting every problem under `path`. On success the
 * definition is typed and its references (campaign and tier ids) are listed for the caller's tenant check.
 */
export function validateDefinition(value: unknown, path = 'definition'): DefinitionValidation {
  const walk = new Walk();
  checkNode(value, path, 1, walk);
  if (walk.predicates > SEGMENT_LIMITS.predicates) {
    walk.fail(path, `holds ${walk.predicates} predicates; at most ${SEGMENT_LIMITS.predicates} are allowed`);
  }
  if (walk.errors.length > 0) return { ok: false, errors: walk.errors };
  return { ok: true, definition: value as SegmentDefinition, references: walk.references };
}

function checkNode(node: unknown, path: string, depth: number, walk: Walk): void {
  walk.nodes += 1;
  if (walk.full) return;
  if (depth > SEGMENT_LIMITS.depth) {
    walk.fail(path, `is deeper than ${SEGMENT_LIMITS.depth} levels; flatten the tree`);
    return;
  }
  if (!isPlainObject(node)) {
    walk.fail(path, `must be an object with one key: all, any, not, or a predicate (${PREDICATE_NAMES.join(', ')})`);
    return;
  }
  const keys = Object.keys(node);
  if (keys.length !== 1) {
    walk.fail(
      path,
      keys.length === 0
        ? 'is empty: give all, any, not, or a predicate'
        : `has ${keys.length} keys (${keys.join(', ')}); a node has exactly one: combine predicates with all`,
    );
    return;
  }
  const key = keys[0] as string;
  const at = `${path}.${key}`;
  const value = node[key];
  if (!NODE_KEYS.includes(key)) {
    walk.fail(at, `is not a field segments can use; known: ${PREDICATE_NAMES.join(', ')}`);
    return;
  }
  if (key === 'not') {
    checkNode(value, at, depth + 1, walk);
    return;
  }
  if (key === 'all' || key === 'any') {
    if (!Array.isArray(value)) {
      walk.fail(at, 'must be a list of nodes');
      return;
    }
    if (key === 'any' && value.length === 0) walk.fail(at, 'lists nothing, so it can never match');
    if (value.length > SEGMENT_LIMITS.width) {
      walk.fail(at, `lists ${value.length} nodes; at most ${SEGMENT_LIMITS.width} are allowed`);
      return;
    }
    value.forEach((child, i) => {
      checkNode(child, `${at}[${i}]`, depth + 1, walk);
    });
    return;
  }
  walk.predicates += 1;
  if (key === 'campaign') checkCampaign(value, at, walk);
  else if (key === 'attribute') checkAttribute(value, at, walk);
  else checkFieldTest(key, memberField(key) as MemberField, value, at, walk);
}

/** A list of 1 to `listItems` values, each checked by `item`. */
function checkList(value: unknown, path: string, walk: Walk, item: (v: unknown, path: string) => void): void {
  if (!Array.isArray(value)) {
    walk.fail(path, `must be a list, not ${describe(value)}`);
    return;
  }
  if (value.length === 0) walk.fail(path, 'lists nothing, so it can never match');
  if (value.length > SEGMENT_LIMITS.listItems) {
    walk.fail(path, `lists ${value.length} values; at most ${SEGMENT_LIMITS.listItems} are allowed`);
    return;
  }
  value.forEach((v, i) => {
    item(v, `${path}[${i}]`);
  });
}

/** Whole days since 1970-01-01 of a real calendar date in Date32's range, else null. */
function dayNumber(text: string): number | null {
  const m = DATE.exec(text);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (year < FIRST_YEAR || year > LAST_YEAR) return null;
  const ms = Date.UTC(year, month - 1, day);
  const d = new Date(ms);
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return ms / 86_400_000;
}

function checkFieldTest(name: string, field: MemberField, test: unknown, path: string, walk: Walk): void {
  const allowed = [...TESTS_OF[field.type], ...(isNullable(field) ? ['isNull'] : [])];
  if (!isPlainObject(test)) {
    walk.fail(path, `must be an object of tests (${allowed.join(', ')}), not ${describe(test)}`);
    return;
  }
  const keys = Object.keys(test);
  if (keys.length === 0) walk.fail(path, `needs a test: ${allowed.join(', ')}`);
  for (const key of keys) {
    if (!allowed.includes(key)) {
      walk.fail(`${path}.${key}`, `is not a test of ${name}, a ${field.type} field; it takes ${allowed.join(', ')}`);
    }
  }
  /** The value of one bound or list item, as a number to compare bounds with (null when it is invalid). */
  const scalar = (value: unknown, at: string): number | null => {
    switch (field.type) {
      case 'integer': {
        if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
          walk.fail(
            at,
            `must be a whole number, not ${describe(value)}${typeof value === 'number' ? ` ${value}` : ''}`,
          );
          return null;
        }
        if ((field.min !== undefined && value < field.min) || (field.max !== undefined && value > field.max)) {
          const range = field.max === undefined ? `at least ${field.min}` : `between ${field.min} and ${field.max}`;
          walk.fail(at, `is ${value}, but ${name} is ${range}`);
          return null;
        }
        return value;
      }
      case 'date': {
        const day = typeof value === 'string' ? dayNumber(value) : null;
        if (day === null) walk.fail(at, `must be a date as YYYY-MM-DD between ${FIRST_YEAR} and ${LAST_YEAR}`);
        return day;
      }
      case 'enum':
        if (typeof value !== 'string' || !(field.values ?? []).includes(value)) {
          walk.fail(at, `must be one of ${(field.values ?? []).join(', ')}`);
        }
        return null;
      case 'uuid':
        if (typeof value !== 'string' || !UUID.test(value)) walk.fail(at, 'must be an id (UUID)');
        else if (name === 'tierId') walk.references.tiers.push({ id: value.toLowerCase(), path: at });
        return null;
      case 'tags':
        if (typeof value !== 'string' || value.length === 0 || value.length > SEGMENT_LIMITS.textLength) {
          walk.fail(at, `must be a tag of 1 to ${SEGMENT_LIMITS.textLength} characters`);
        } else if (!TAG.test(value)) {
          walk.fail(at, 'must be a tag without spaces or commas');
        }
        return null;
    }
  };

  let lower = Number.NEGATIVE_INFINITY;
  let upper = Number.POSITIVE_INFINITY;
  for (const key of keys) {
    if (!allowed.includes(key)) continue;
    const value = test[key];
    const at = `${path}.${key}`;
    if (key === 'isNull') {
      if (typeof value !== 'boolean') walk.fail(at, 'must be true or false');
      else if (value && keys.some((k) => k !== 'isNull')) {
        walk.fail(at, 'true cannot hold together with other tests of the same value');
      }
    } else if (key === 'in' || key === 'hasAny' || key === 'hasAll') {
      checkList(value, at, walk, (item, itemPath) => scalar(item, itemPath));
    } else {
      const n = scalar(value, at);
      if (n === null) continue;
      if (key === 'eq' || key === 'gte') lower = Math.max(lower, n);
      if (key === 'eq' || key === 'lte') upper = Math.min(upper, n);
      if (key === 'gt') lower = Math.max(lower, n + 1);
      if (key === 'lt') upper = Math.min(upper, n - 1);
    }
  }
  if (lower > upper)
    walk.fail(path, `no ${field.type === 'date' ? 'day' : 'value'} meets every bound, so it can never match`);
}

function checkCampaign(test: unknown, path: string, walk: Walk): void {
  if (!isPlainObject(test)) {
    walk.fail(path, `must be an object with the campaign's id, not ${describe(test)}`);
    return;
  }
  let reference: SegmentReferences['campaigns'][number] | undefined;
  let variant: { key: string; path: string } | undefined;
  for (const key of Object.keys(test)) {
    const at = `${path}.${key}`;
    const value = test[key];
    if (key === 'id') {
      if (typeof value !== 'string' || !UUID.test(value)) walk.fail(at, 'must be a campaign id (UUID)');
      else reference = { id: value.toLowerCase(), path: at };
    } else if (key === 'responded' || key === 'rewarded') {
      if (typeof value !== 'boolean') walk.fail(at, 'must be true or false');
    } else if (key === 'variant') {
      if (typeof value !== 'string' || !ARM_KEY.test(value)) {
        walk.fail(at, "must be an arm of the campaign: one of its variant keys (a-z, 0-9, '-', '_'), or holdout");
      } else variant = { key: value, path: at };
    } else {
      walk.fail(at, 'is not a test of campaign; it takes id, responded, variant, rewarded');
    }
  }
  if (!('id' in test)) walk.fail(`${path}.id`, 'is required: the campaign whose audience to test');
  if (reference) walk.references.campaigns.push(variant ? { ...reference, variant } : reference);
}

function checkAttribute(test: unknown, path: string, walk: Walk): void {
  if (!isPlainObject(test)) {
    walk.fail(path, `must be an object with a key and one test, not ${describe(test)}`);
    return;
  }
  const known = ['key', 'equals', 'in', 'exists', 'gt', 'gte', 'lt', 'lte'];
  for (const key of Object.keys(test)) {
    if (!known.includes(key)) {
      walk.fail(
        `${path}.${key}`,
        'is not a test of attribute; it takes key and one of equals, in, exists, gt/gte/lt/lte',
      );
    }
  }
  const key = test.key;
  if (typeof key !== 'string' || !ATTRIBUTE_KEY.test(key)) {
    walk.fail(`${path}.key`, 'must be an attribute name (a letter or _, then up to 63 letters, digits, _ . -)');
  }
  const attributeValue = (value: unknown, at: string) => {
    if (typeof value === 'string') {
      if (value.length > SEGMENT_LIMITS.textLength) {
        walk.fail(at, `must be at most ${SEGMENT_LIMITS.textLength} characters`);
      }
    } else if (typeof value === 'number') {
      if (!Number.isFinite(value)) walk.fail(at, 'must be a finite number');
    } else if (typeof value !== 'boolean') {
      walk.fail(at, `must be a string, a number or a boolean, not ${describe(value)}`);
    }
  };
  const kinds = [
    'equals' in test && 'equals',
    'in' in test && 'in',
    'exists' in test && 'exists',
    ['gt', 'gte', 'lt', 'lte'].some((k) => k in test) && 'gt/gte/lt/lte',
  ].filter((k): k is string => typeof k === 'string');
  if (kinds.length === 0) walk.fail(path, 'needs a test: equals, in, exists, or gt/gte/lt/lte');
  else if (kinds.length > 1) walk.fail(path, `use one kind of test, not ${kinds.join(' and ')}; combine with all`);
  if ('equals' in test) attributeValue(test.equals, `${path}.equals`);
  if ('in' in test) checkList(test.in, `${path}.in`, walk, attributeValue);
  if ('exists' in test && typeof test.exists !== 'boolean') walk.fail(`${path}.exists`, 'must be true or false');
  let lower = Number.NEGATIVE_INFINITY;
  let upper = Number.POSITIVE_INFINITY;
  let lowerStrict = false;
  let upperStrict = false;
  for (const bound of ['gt', 'gte', 'lt', 'lte'] as const) {
    if (!(bound in test)) continue;
    const n = test[bound];
    if (typeof n !== 'number' || !Number.isFinite(n)) {
      walk.fail(`${path}.${bound}`, `must be a number, not ${describe(n)}`);
      continue;
    }
    const strict = bound === 'gt' || bound === 'lt';
    if (bound === 'gt' || bound === 'gte') {
      if (n > lower) [lower, lowerStrict] = [n, strict];
      else if (n === lower) lowerStrict ||= strict;
    } else if (n < upper) [upper, upperStrict] = [n, strict];
    else if (n === upper) upperStrict ||= strict;
  }
  if (lower > upper || (lower === upper && (lowerStrict || upperStrict))) {
    walk.fail(path, 'no number meets every bound, so it can never match');
  }
}
