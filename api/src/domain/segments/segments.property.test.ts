import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CompiledSegment, compileDefinition, InvalidDefinitionError } from './compile-definition.ts';
import { SEGMENT_LIMITS } from './segment-definition.ts';
import { SEGMENT_SOURCES } from './segment-fields.ts';
import { DEFAULT_VOCABULARY, definition, HOSTILE_TEXT } from './segments.arbitraries.ts';
import { validateDefinition } from './validate-definition.ts';

const TENANT = 'a3c1e2d4-0000-4000-8000-00000000beef';

/** Every name compiled SQL may use: the allow-listed tables and columns, and the SQL the compiler writes itself. */
const VOCABULARY = new Set([
  ...Object.values(SEGMENT_SOURCES).flatMap((s) => [s.table, ...Object.keys(s.columns)]),
  ...['SELECT', 'FROM', 'WHERE', 'AND', 'OR', 'NOT', 'IN', 'IS', 'NULL'],
  ...['has', 'hasAny', 'hasAll', 'toDate', 'mapContains', 'toFloat64OrNull'],
]);
/** The only literals: code's own, never a value from a definition. */
const LITERALS = new Set(["'active'", "'UTC'", '0', '1']);
const TABLES = new Set(Object.values(SEGMENT_SOURCES).map((s) => s.table));

/** Checks that hold for any compiled definition; returns nothing, throws on the first that fails. */
function expectSafe({ where, params }: CompiledSegment): void {
  expect(params.tenant).toBe(TENANT);
  expect(where.startsWith("tenant_id = {tenant:UUID}\nAND status = 'active'")).toBe(true);

  // Every table read is an allow-listed one, and each read filters by the bound tenant on its next line.
  const lines = where.split('\n').map((l) => l.trim());
  lines.forEach((line, i) => {
    const from = /^FROM (\S+)$/.exec(line);
    if (from) {
      expect(TABLES.has(from[1] as never)).toBe(true);
      expect(lines[i + 1]).toBe('WHERE tenant_id = {tenant:UUID}');
    }
  });

  // Placeholders name exactly the bound parameters, each with one type.
  const placeholders = [...where.matchAll(/\{(\w+):([^}]+)\}/g)];
  const types = new Map<string, string>();
  for (const [, name, type] of placeholders) {
    expect(types.get(name as string) ?? type).toBe(type);
    types.set(name as string, type as string);
  }
  expect(new Set(types.keys())).toEqual(new Set(Object.keys(params)));

  // Outside placeholders, only allow-listed names, the code's own literals and punctuation remain.
  const text = where.replace(/\{\w+:[^}]+\}/g, ' ');
  for (const literal of text.match(/'[^']*'|\b\d+\b/g) ?? []) expect(LITERALS.has(literal)).toBe(true);
  const names = text.replace(/'[^']*'/g, ' ').match(/[A-Za-z_][\w]*(\.[A-Za-z_]\w*)?/g) ?? [];
  for (const name of names) expect([name, VOCABULARY.has(name)]).toEqual([name, true]);
  expect(text.replace(/'[^']*'|[\w.]+/g, '').replace(/[\s()[\]=<>!,]/g, '')).toBe('');

  // No value from a definition ever reaches the text.
  for (const hostile of HOSTILE_TEXT) expect(text).not.toContain(hostile);
}

/** Replaces the first predicate (depth-first) of a tree, for mutations. */
function replaceFirstPredicate(node: unknown, replacement: unknown): { tree: unknown; path: string } | undefined {
  const walk = (n: unknown, path: string): { tree: unknown; path: string } | undefined => {
    const [key, value] = Object.entries(n as object)[0] as [string, unknown];
    if (key === 'not') {
      const inner = walk(value, `${path}.not`);
      return inner && { tree: { not: inner.tree }, path: inner.path };
    }
    if (key === 'all' || key === 'any') {
      const children = value as unknown[];
      for (const [i, child] of children.entries()) {
        const inner = walk(child, `${path}.${key}[${i}]`);
        if (inner) {
          const copy = [...children];
          copy[i] = inner.tree;
          return { tree: { [key]: copy }, path: inner.path };
        }
      }
      return undefined;
    }
    return { tree: replacement, path };
  };
  return walk(node, 'definition');
}

describe('segment compilation, for any definition', () => {
  it('binds the tenant, reads only allow-listed tables and columns, and writes no value into SQL', () => {
    fc.assert(
      fc.property(definition(DEFAULT_VOCABULARY, SEGMENT_LIMITS.depth), (d) => {
        const checked = validateDefinition(d);
        expect(checked.ok ? [] : checked.errors).toEqual([]);
        expectSafe(compileDefinition(d, TENANT));
      }),
      { numRuns: 500 },
    );
  });

  it('refuses any JSON the validator refuses, and compiles safely whatever it accepts', () => {
    const junk = fc.oneof(
      fc.jsonValue({ maxDepth: 6 }),
      definition().chain((d) =>
        fc
          .constantFrom<unknown>(
            { email: { eq: 'x' } },
            { lifetimeRevenueMinor: { gte: '1 OR 1=1' } },
            { rfmSegment: { gt: 3 } },
            { tierId: { eq: "x' --" } },
            { tags: { hasAny: 'vip' } },
            { attribute: { key: 'a b', exists: true } },
            { campaign: { id: 'not-a-uuid' } },
            { __proto__: { eq: 1 } },
            { all: [], any: [] },
          )
          .map((bad) => replaceFirstPredicate(d, bad)?.tree ?? bad),
      ),
    );
    fc.assert(
      fc.property(junk, (value) => {
        const checked = validateDefinition(value);
        if (checked.ok) {
          expectSafe(compileDefinition(value, TENANT));
        } else {
          expect(checked.errors.length).toBeGreaterThan(0);
          for (const e of checked.errors) expect(e.path.startsWith('definition')).toBe(true);
          expect(() => compileDefinition(value, TENANT)).toThrow(InvalidDefinitionError);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('names the path of a bad predicate wherever it sits in the tree', () => {
    fc.assert(
      fc.property(definition(), (d) => {
        const mutated = replaceFirstPredicate(d, { nickname: { eq: 'x' } });
        if (!mutated) return;
        const checked = validateDefinition(mutated.tree);
        expect(checked.ok).toBe(false);
        if (!checked.ok) expect(checked.errors.map((e) => e.path)).toContain(`${mutated.path}.nickname`);
      }),
      { numRuns: 300 },
    );
  });

  it(`refuses any tree deeper than ${SEGMENT_LIMITS.depth} levels before compiling`, () => {
    fc.assert(
      fc.property(definition(), fc.integer({ min: SEGMENT_LIMITS.depth, max: 40 }), (d, extra) => {
        let deep: unknown = d;
        for (let i = 0; i < extra; i++) deep = i % 2 ? { not: deep } : { all: [deep] };
        expect(validateDefinition(deep).ok).toBe(false);
        expect(() => compileDefinition(deep, TENANT)).toThrow(InvalidDefinitionError);
      }),
      { numRuns: 100 },
    );
  });
});
