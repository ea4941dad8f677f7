import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tempDir } from '@loyaltystudio/engines/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { checkPackages, cycles } from './package-graph.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

describe('package dependencies', () => {
  it('go one way, through public entries, in this repository', () => {
    const { violations, edges } = checkPackages(ROOT);
    expect(violations).toEqual([]);
    // The direction the docs describe, held by the code.
    expect(edges.get('@loyaltystudio/workflows')).toContain('@loyaltystudio/api');
    expect(edges.get('@loyaltystudio/api')).not.toContain('@loyaltystudio/workflows');
    expect(edges.get('@loyaltystudio/engines')?.size).toBe(0);
  });

  describe('on a repository that breaks each rule', () => {
    const dir = tempDir('package-graph');
    afterAll(() => dir.remove());
    const write = (path: string, content: unknown) => {
      mkdirSync(dirname(join(dir.path, path)), { recursive: true });
      writeFileSync(join(dir.path, path), typeof content === 'string' ? content : JSON.stringify(content));
    };
    write('package.json', { name: 'root', workspaces: ['a', 'b', 'c'] });
    write('a/package.json', { name: '@x/a', exports: { '.': './src/index.ts' }, dependencies: { '@x/b': '*' } });
    write('b/package.json', { name: '@x/b', exports: { '.': './src/index.ts' }, devDependencies: { '@x/c': '*' } });
    write('c/package.json', { name: '@x/c', exports: { '.': './src/index.ts', './testing': './test/support.ts' } });
    write('a/src/index.ts', "import { b } from '@x/b';\nexport const a = b;\n");
    // c reaches a by a relative path, and b imports c's internals and an undeclared a: a → b → c → a.
    write(
      'c/src/index.ts',
      "// import { a } from '@x/nothing' is a comment\nexport { a } from '../../a/src/index.ts';\n",
    );
    write('b/src/index.ts', "export const b = 1;\nexport const load = () => import('@x/a');\n");
    write('b/src/index.test.ts', "import { c } from '@x/c/src/index.ts';\nimport { s } from '@x/c/testing';\n");
    write('scripts/tool.ts', "import { b } from '../b/src/index.ts';\n");

    it('names each import of internals, each relative escape, each undeclared package and the cycle', () => {
      const { violations } = checkPackages(dir.path);
      expect(violations).toEqual(
        expect.arrayContaining([
          { file: 'c/src/index.ts', problem: 'reaches into @x/a by the relative path ../../a/src/index.ts' },
          { file: 'scripts/tool.ts', problem: 'reaches into @x/b by the relative path ../b/src/index.ts' },
          { file: 'b/src/index.test.ts', problem: 'imports @x/c/src/index.ts, which is not a public entry of @x/c' },
          { file: 'b/src/index.ts', problem: "imports @x/a, which @x/b's package.json does not declare" },
          { file: 'package.json', problem: 'packages depend on each other: @x/a → @x/b → @x/a' },
        ]),
      );
      // A public entry of a declared package is fine; a commented import is no import.
      expect(violations.map((v) => v.problem).join('\n')).not.toMatch(/@x\/c\/testing|@x\/nothing/);
      expect(violations).toHaveLength(5);
    });
  });

  it('finds a cycle however long the way round, and none in a one-way graph', () => {
    const graph = (pairs: [string, string][]) => {
      const edges = new Map<string, Set<string>>();
      for (const [from, to] of pairs) {
        edges.set(from, (edges.get(from) ?? new Set()).add(to));
        if (!edges.has(to)) edges.set(to, new Set());
      }
      return edges;
    };
    expect(
      cycles(
        graph([
          ['a', 'b'],
          ['b', 'c'],
          ['c', 'd'],
          ['d', 'b'],
        ]),
      ),
    ).toEqual([['b', 'c', 'd', 'b']]);
    expect(
      cycles(
        graph([
          ['a', 'b'],
          ['a', 'c'],
          ['b', 'c'],
          ['c', 'd'],
        ]),
      ),
    ).toEqual([]);
  });
});
