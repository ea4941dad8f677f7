import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

/**
 * The workspace packages' dependency graph as their sources draw it, and what breaks its rules: a package is used
 * through its public entries (`exports` in its package.json) and only when it is declared as a dependency; no relative
 * path leaves a package; and no two packages depend on each other, however long the way round.
 */
export interface Package {
  name: string;
  /** Folder under the root, `.` for the root's own files (scripts, deploy). */
  dir: string;
  entries: string[];
  declared: Set<string>;
}

export interface Violation {
  file: string;
  problem: string;
}

const SOURCE = /\.(ts|tsx|mts|cts|js|mjs|cjs)$/;
const SKIPPED = new Set(['node_modules', 'dist', '.next', '.venv', '.monet', 'generated', 'target', 'dbt_packages']);

/** Top-level folders the repository ignores (`scratch/`): nobody's code. */
function ignoredFolders(root: string): Set<string> {
  const path = join(root, '.gitignore');
  if (!existsSync(path)) return new Set();
  return new Set(
    readFileSync(path, 'utf8')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => /^[\w.-]+\/$/.test(line))
      .map((line) => line.slice(0, -1)),
  );
}

export function readPackages(root: string): Package[] {
  const rootJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const dirs: string[] = rootJson.workspaces;
  return [
    { name: rootJson.name, dir: '.', entries: [], declared: new Set(dirs.map((d) => packageName(root, d))) },
    ...dirs.map((dir) => {
      const json = JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8'));
      return {
        name: json.name as string,
        dir,
        entries: Object.keys(json.exports ?? {}),
        declared: new Set(
          [json.dependencies, json.devDependencies, json.peerDependencies].flatMap((deps) => Object.keys(deps ?? {})),
        ),
      };
    }),
  ];
}

function packageName(root: string, dir: string): string {
  return JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8')).name;
}

function sourceFiles(dir: string, skip: (path: string) => boolean): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (SKIPPED.has(entry.name) || skip(path)) return [];
    if (entry.isDirectory()) return sourceFiles(path, skip);
    return SOURCE.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Every module specifier a file imports, exports from, or loads with `import()`. */
export function specifiers(source: string): string[] {
  return ts.preProcessFile(source, true, true).importedFiles.map((f) => f.fileName);
}

/** The package a path belongs to: the deepest package folder holding it, or the root. */
function owner(packages: Package[], root: string, path: string): Package {
  const rel = relative(root, path);
  let best = packages[0]!;
  for (const p of packages) {
    const inside = p.dir !== '.' && (rel === p.dir || rel.startsWith(`${p.dir}${sep}`));
    if (inside && (best.dir === '.' || p.dir.length > best.dir.length)) best = p;
  }
  return best;
}

export function checkPackages(root: string): { violations: Violation[]; edges: Map<string, Set<string>> } {
  const packages = readPackages(root);
  const byName = new Map(packages.map((p) => [p.name, p]));
  const packageDirs = new Set(packages.filter((p) => p.dir !== '.').map((p) => resolve(root, p.dir)));
  const violations: Violation[] = [];
  const edges = new Map(packages.map((p) => [p.name, new Set<string>()]));
  const ignored = ignoredFolders(root);

  for (const pkg of packages) {
    // The root's own files are its top-level folders that are no package (scripts, deploy); packages scan themselves.
    const files =
      pkg.dir === '.'
        ? readdirSync(root, { withFileTypes: true })
            .filter((e) => e.isDirectory() && !SKIPPED.has(e.name) && !e.name.startsWith('.') && !ignored.has(e.name))
            .filter((e) => !packageDirs.has(resolve(root, e.name)))
            .flatMap((e) => sourceFiles(join(root, e.name), (path) => packageDirs.has(path)))
        : sourceFiles(resolve(root, pkg.dir), (path) => path !== resolve(root, pkg.dir) && packageDirs.has(path));
    for (const file of files) {
      const at = relative(root, file);
      for (const spec of specifiers(readFileSync(file, 'utf8'))) {
        if (spec.startsWith('.')) {
          const target = owner(packages, root, resolve(dirname(file), spec));
          if (target !== pkg) {
            violations.push({ file: at, problem: `reaches into ${target.name} by the relative path ${spec}` });
          }
          continue;
        }
        const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!;
        const target = byName.get(name);
        if (!target || target === pkg) continue;
        edges.get(pkg.name)!.add(target.name);
        const entry = `.${spec.slice(name.length)}`;
        if (!target.entries.includes(entry)) {
          violations.push({ file: at, problem: `imports ${spec}, which is not a public entry of ${name}` });
        }
        if (!pkg.declared.has(name)) {
          violations.push({ file: at, problem: `imports ${name}, which ${pkg.name}'s package.json does not declare` });
        }
      }
    }
  }
  // Declared workspace dependencies count as edges too: a cycle in package.json is one even before code uses it.
  for (const pkg of packages) {
    if (pkg.dir === '.') continue;
    for (const dep of pkg.declared) if (byName.has(dep) && dep !== pkg.name) edges.get(pkg.name)!.add(dep);
  }
  for (const cycle of cycles(edges)) {
    violations.push({ file: 'package.json', problem: `packages depend on each other: ${cycle.join(' → ')}` });
  }
  const unique = [...new Map(violations.map((v) => [`${v.file}\n${v.problem}`, v])).values()];
  return { violations: unique, edges };
}

/** Each strongly connected group of more than one package, as one way round it (Tarjan's algorithm). */
export function cycles(edges: Map<string, Set<string>>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (node: string) => {
    index.set(node, index.size);
    low.set(node, index.get(node)!);
    stack.push(node);
    onStack.add(node);
    for (const next of edges.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node)!, index.get(next)!));
    }
    if (low.get(node) === index.get(node)) {
      const group: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        group.push(member);
      } while (member !== node);
      if (group.length > 1) found.push(wayRound(group, edges));
    }
  };
  for (const node of [...edges.keys()].sort()) if (!index.has(node)) visit(node);
  return found;
}

/** The shortest way from the group's first package back to itself, for a readable message. */
function wayRound(group: string[], edges: Map<string, Set<string>>): string[] {
  const members = new Set(group);
  const start = [...group].sort()[0]!;
  const cameFrom = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const at = queue.shift()!;
    for (const next of [...(edges.get(at) ?? [])].sort()) {
      if (!members.has(next)) continue;
      if (next === start) {
        const path = [start];
        for (let n: string | undefined = at; n !== undefined && n !== start; n = cameFrom.get(n)) path.splice(1, 0, n);
        return [...path, start];
      }
      if (!cameFrom.has(next)) {
        cameFrom.set(next, at);
        queue.push(next);
      }
    }
  }
  return [...group, group[0]!];
}
