// Monet's processes (the cli, api, worker, change stream and gateway) run from JavaScript bundles that `npm run setup`
// builds, not from their TypeScript through tsx on every start: loading a service's modules through tsx costs about
// twice the CPU, and a start runs four of them at once on the same cores. A bundle holds the workspace's own code;
// packages under node_modules stay outside it, imported by the path each source file resolved them to. A bundle is
// used only while it matches its sources (the stamp beside the bundles lists them, with a hash of their contents and
// of package-lock.json); otherwise the process runs from TypeScript, as during development.
// Plain JavaScript: setup and the `monet` command load it before any TypeScript can be.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Each process's entry, by the name it runs under. */
export const SERVICE_ENTRIES = {
  monet: 'cli/src/main.ts',
  api: 'api/src/server.ts',
  worker: 'workflows/src/worker.ts',
  cdc: 'warehouse/cdc/src/main.ts',
  gateway: 'warehouse/gateway/src/server.ts',
};

export const BUNDLES_DIR = join(ROOT, 'dist', 'services');
const STAMP = 'stamp.json';

/** The hash of what bundles are made of: package-lock.json and each input's path and content; null if one is gone. */
function inputsHash(root, inputs) {
  const hash = createHash('sha256');
  hash.update(readFileSync(join(root, 'package-lock.json')));
  for (const input of inputs) {
    const file = join(root, input);
    if (!existsSync(file)) return null;
    hash.update(`\n${input}\n`);
    hash.update(readFileSync(file));
  }
  return hash.digest('hex');
}

/**
 * esbuild's resolution, bundling the workspace's packages and leaving every other one outside, imported by the
 * absolute path it resolves to from the importing file (a bundle elsewhere would otherwise find another copy), and
 * `import.meta.url` kept as each source file's own, since sources find their files (migrations, the dbt project, the
 * workflow bundle) relative to themselves.
 */
const workspacePlugin = {
  name: 'monet-workspace',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, async (args) => {
      if (args.path.startsWith('@loyaltystudio/') || args.pluginData === 'outside') return undefined;
      if (args.path.startsWith('node:')) return { path: args.path, external: true };
      const found = await build.resolve(args.path, {
        resolveDir: args.resolveDir,
        kind: args.kind,
        importer: args.importer,
        pluginData: 'outside',
      });
      // A package missing on this platform (an optional native one) is left to Node's resolution at run time.
      return { path: found.errors.length ? args.path : found.path, external: true };
    });
    build.onLoad({ filter: /\.m?[jt]s$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      const url = JSON.stringify(pathToFileURL(args.path).href);
      return { contents: source.replaceAll('import.meta.url', url), loader: args.path.endsWith('.ts') ? 'ts' : 'js' };
    });
  },
};

/**
 * Builds every process's bundle into `outdir` (shared chunks beside them) and the stamp that lists their inputs.
 * The new set replaces the old one whole; a process already running from the old one keeps what it loaded.
 */
export async function buildServiceBundles(outdir = BUNDLES_DIR) {
  const { build } = await import('esbuild');
  const staging = `${outdir}.${process.pid}.tmp`;
  rmSync(staging, { recursive: true, force: true });
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: Object.fromEntries(Object.entries(SERVICE_ENTRIES).map(([name, entry]) => [name, entry])),
    outdir: staging,
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // Class and function names stay as written: errors and logs name them.
    keepNames: true,
    metafile: true,
    logLevel: 'warning',
    plugins: [workspacePlugin],
  });
  const inputs = Object.keys(result.metafile.inputs).sort();
  writeFileSync(join(staging, STAMP), `${JSON.stringify({ hash: inputsHash(ROOT, inputs), inputs }, null, 1)}\n`);
  mkdirSync(dirname(outdir), { recursive: true });
  rmSync(outdir, { recursive: true, force: true });
  renameSync(staging, outdir);
  return { outdir, inputs: inputs.length };
}

/** Whether the bundles in `outdir` match their sources: `{ fresh: true }` or `{ fresh: false, reason }`. */
export function bundlesState(outdir = BUNDLES_DIR) {
  const stampFile = join(outdir, STAMP);
  if (!existsSync(stampFile)) return { fresh: false, reason: 'they are not built' };
  const stamp = JSON.parse(readFileSync(stampFile, 'utf8'));
  return inputsHash(ROOT, stamp.inputs) === stamp.hash
    ? { fresh: true }
    : { fresh: false, reason: 'their sources changed since they were built' };
}

// One check per process and directory: a start asks for several processes' arguments.
const checked = new Map();

/**
 * The Node arguments that run a process: its bundle while the bundles are fresh, else its TypeScript entry through
 * tsx. `bundled` says which, and `stale` why not.
 */
export function serviceArgs(name, outdir = BUNDLES_DIR) {
  const entry = SERVICE_ENTRIES[name];
  if (!entry) throw new Error(`no process named ${name}; one of ${Object.keys(SERVICE_ENTRIES).join(', ')}`);
  if (!checked.has(outdir)) checked.set(outdir, bundlesState(outdir));
  const state = checked.get(outdir);
  if (state.fresh) return { args: [join(outdir, `${name}.mjs`)], bundled: true };
  return { args: ['--import', 'tsx', join(ROOT, entry)], bundled: false, stale: state.reason };
}
