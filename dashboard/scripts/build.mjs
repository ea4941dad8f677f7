#!/usr/bin/env node
// Builds the dashboard with `next build`, unless nothing that goes into the build changed since the last one.
// A hash of the inputs is stamped into .next after a successful build; `next build` empties .next when it
// starts, so a failed or interrupted build leaves no stamp. `--force` builds regardless.
// Concurrent callers (setup, tests) are serialised with flock(1), so two builds never share one .next.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const dashboard = fileURLToPath(new URL('..', import.meta.url));
const root = join(dashboard, '..');
const require = createRequire(import.meta.url);

/** Files and folders whose content decides the build: the app, its config, and the workspace code it bundles. */
const inputs = [
  'dashboard/src',
  'dashboard/public',
  'dashboard/next.config.ts',
  'dashboard/tsconfig.json',
  'dashboard/package.json',
  'tsconfig.base.json',
  'config/src',
  'config/package.json',
  'api-client/src',
  'api-client/package.json',
];
/** Installed packages whose version decides the build. */
const packages = ['next', 'react', 'react-dom', 'recharts'];

const stampFile = join(dashboard, '.next', 'monet-source-hash');
const lockFile = join(
  tmpdir(),
  `monet-dashboard-build-${createHash('sha256').update(dashboard).digest('hex').slice(0, 12)}.lock`,
);

function filesUnder(path) {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path, { withFileTypes: true })
    .filter((entry) => !entry.name.endsWith('.test.ts'))
    .flatMap((entry) => filesUnder(join(path, entry.name)));
}

function sourceHash() {
  const hash = createHash('sha256');
  for (const file of inputs.flatMap((input) => filesUnder(join(root, input))).sort()) {
    hash
      .update(`${relative(root, file)}\0`)
      .update(readFileSync(file))
      .update('\0');
  }
  for (const name of packages) hash.update(`${name}@${require(`${name}/package.json`).version}\0`);
  return hash.digest('hex');
}

function build({ force }) {
  const hash = sourceHash();
  const built = existsSync(join(dashboard, '.next', 'BUILD_ID')) && existsSync(stampFile);
  if (!force && built && readFileSync(stampFile, 'utf8').trim() === hash) {
    console.log('dashboard: build is up to date (sources unchanged), skipping next build');
    return 0;
  }
  const started = Date.now();
  const result = spawnSync(process.execPath, [require.resolve('next/dist/bin/next'), 'build'], {
    cwd: dashboard,
    stdio: 'inherit',
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
  });
  if (result.status !== 0) {
    console.error(
      `dashboard: next build failed (${result.error?.message ?? `exit ${result.status ?? result.signal}`})`,
    );
    return 1;
  }
  writeFileSync(stampFile, `${hash}\n`);
  console.log(`dashboard: built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return 0;
}

const force = process.argv.includes('--force');
if (process.env.MONET_DASHBOARD_BUILD_LOCK === lockFile) {
  process.exitCode = build({ force });
} else {
  // Re-run this script holding the lock; the environment variable tells the child it already holds it.
  const result = spawnSync(
    'flock',
    [lockFile, process.execPath, fileURLToPath(import.meta.url), ...process.argv.slice(2)],
    {
      stdio: 'inherit',
      env: { ...process.env, MONET_DASHBOARD_BUILD_LOCK: lockFile },
    },
  );
  if (result.error) console.error(`dashboard: could not run flock: ${result.error.message}`);
  process.exitCode = result.status ?? 1;
}
