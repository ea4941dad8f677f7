import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { apiVars, cdcVars, type EnvSpec, readEnv, vars } from '@loyaltystudio/config';
import { dashboardVars } from '@loyaltystudio/dashboard/config';
import { tempDir } from '@loyaltystudio/engines/testing';
import { readWorkerConfig } from '@loyaltystudio/workflows/config';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = join(import.meta.dirname, '..');
const run = promisify(execFile);

interface ComposeService {
  image?: string;
  build?: { target?: string };
  command?: string[];
  environment?: Record<string, string | number | null>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: unknown;
}

/** The variables the file requires (`${VAR:?…}`), with test values; every other variable keeps its default. */
const REQUIRED = { AUTH_TOKEN_SECRET: 'compose-test-secret-of-more-than-32-characters' };

// An empty environment and an env file with only the required variables: the test checks the file's own defaults,
// not this machine's variables or a local .env.
const envDir = tempDir('compose');
const requiredEnvFile = join(envDir.path, 'required.env');
const emptyEnvFile = join(envDir.path, 'empty.env');
writeFileSync(
  requiredEnvFile,
  Object.entries(REQUIRED)
    .map(([name, value]) => `${name}=${value}\n`)
    .join(''),
);
writeFileSync(emptyEnvFile, '');
afterAll(() => envDir.remove());

async function compose(...args: string[]): Promise<{ stdout: string; stderr: string }> {
  return composeWith(requiredEnvFile, ...args);
}

async function composeWith(envFile: string, ...args: string[]): Promise<{ stdout: string; stderr: string }> {
  try {
    return await run('docker-compose', ['--env-file', envFile, '-f', 'docker-compose.yml', ...args], {
      cwd: root,
      env: { PATH: process.env.PATH },
    });
  } catch (err) {
    const e = err as NodeJS.ErrnoException & { stderr?: string };
    if (e.code === 'ENOENT') {
      throw new Error('docker-compose is not installed: run `npm run setup` or `apt-get install -y docker-compose`');
    }
    throw new Error(`docker-compose rejected docker-compose.yml:\n${e.stderr ?? e.message}`);
  }
}

describe('docker-compose.yml', () => {
  let services: Record<string, ComposeService>;
  beforeAll(async () => {
    services = parse((await compose('config')).stdout).services;
  });

  it('passes docker-compose config -q', async () => {
    await expect(compose('config', '-q')).resolves.toEqual({
      stdout: '',
      stderr: '',
    });
  });

  it('runs the engines and every Monet service', () => {
    expect(Object.keys(services).sort()).toEqual(
      [
        'api',
        'cdc',
        'clickhouse',
        'dashboard',
        'migrate',
        'postgres',
        'temporal',
        'temporal-namespace',
        'temporal-schema',
        'temporal-ui',
        'worker',
      ].sort(),
    );
    expect(services.postgres?.image).toBe('postgres:18');
    expect(services.postgres?.command).toEqual(expect.arrayContaining(['-c', 'wal_level=logical']));
    expect(services.clickhouse?.image).toMatch(/^clickhouse\/clickhouse-server:/);
  });

  it('starts each Monet service the way the local stack does', () => {
    // From the bundles the image builds (`npm run bundle`), as `npm start` runs them once `npm run setup` built them.
    expect(services.api?.command).toEqual(['node', 'dist/services/api.mjs']);
    expect(services.worker?.command).toEqual(['node', '--initial-heap-size=256', 'dist/services/worker.mjs']);
    expect(services.cdc?.command).toEqual(['node', 'dist/services/cdc.mjs']);
    expect(services.migrate?.command).toEqual(['node', 'dist/services/monet.mjs', 'migrate']);
    expect(services.dashboard?.build?.target).toBe('dashboard');
  });

  it('wires every backend service to the engines inside the compose network', () => {
    for (const name of ['migrate', 'api', 'worker', 'cdc']) {
      expect(services[name]?.environment, name).toMatchObject({
        DATABASE_URL: 'postgres://monet:monet@postgres:5432/monet',
        CLICKHOUSE_URL: 'http://clickhouse:8123',
        TEMPORAL_ADDRESS: 'temporal:7233',
      });
    }
    expect(services.api?.environment?.API_HOST).toBe('0.0.0.0');
    expect(services.cdc?.environment).toMatchObject({ CDC_METRICS_HOST: '0.0.0.0', CDC_METRICS_PORT: 9464 });
    expect(services.dashboard?.environment?.API_URL).toBe('http://api:4000');
  });

  it('starts a service only once what it needs is ready', () => {
    const needs = (name: string) =>
      Object.fromEntries(
        Object.entries(services[name]?.depends_on ?? {}).map(([dep, { condition }]) => [dep, condition]),
      );
    expect(needs('migrate')).toEqual({ postgres: 'service_healthy', clickhouse: 'service_healthy' });
    expect(needs('api')).toMatchObject({ migrate: 'service_completed_successfully' });
    expect(needs('worker')).toMatchObject({ 'temporal-namespace': 'service_completed_successfully' });
    expect(needs('cdc')).toMatchObject({ migrate: 'service_completed_successfully' });
    expect(needs('dashboard')).toEqual({ api: 'service_healthy' });
    for (const name of ['postgres', 'clickhouse', 'temporal', 'api', 'cdc', 'dashboard']) {
      expect(services[name]?.healthcheck, name).toBeDefined();
    }
  });
});

/**
 * Compose's variable substitution, as the Compose specification defines it: `$$` is a `$`; `${VAR}` and `$VAR`;
 * `${VAR:-default}` (unset or empty) and `${VAR-default}` (unset); `${VAR:?message}` and `${VAR?message}` refuse to
 * go on without the variable, with the message.
 */
function interpolate(text: string, env: Record<string, string | undefined>): string {
  return text.replace(
    /\$(?:(\$)|\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?)([-?])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g,
    (_match, dollar, braced, colon, op, arg, bare) => {
      if (dollar) return '$';
      const name = (braced ?? bare) as string;
      const value = env[name];
      const missing = value === undefined || (colon === ':' && value === '');
      if (op === '-') return missing ? arg : (value as string);
      if (op === '?') {
        if (missing) throw new Error(`${name} is required: ${arg}`);
        return value as string;
      }
      return value ?? '';
    },
  );
}

/** The file's services as written (anchors and `<<` merges resolved), before substitution. */
function composeFile(): Record<string, ComposeService> {
  return (
    parse(readFileSync(join(root, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
      services: Record<string, ComposeService>;
    }
  ).services;
}

/** Each service's environment, substituted with `env`. */
function environments(env: Record<string, string | undefined>): Record<string, Record<string, string>> {
  return Object.fromEntries(
    Object.entries(composeFile()).map(([name, service]) => [
      name,
      Object.fromEntries(
        Object.entries(service.environment ?? {}).map(([k, v]) => [k, interpolate(String(v ?? ''), env)]),
      ),
    ]),
  );
}

/** The configuration loader of each Monet service the file runs, by service name. */
const LOADERS: Record<string, (env: Record<string, string>) => unknown> = {
  api: (env) => readEnv(apiVars, env),
  worker: (env) => readWorkerConfig(env),
  cdc: (env) => readEnv(cdcVars, env),
  // `monet migrate` reads every variable (cli/src/commands/migrate.ts).
  migrate: (env) => readEnv(vars as EnvSpec, env),
  dashboard: (env) => readEnv(dashboardVars, env),
};

describe("docker-compose.yml against Monet's own configuration", () => {
  it('substitutes variables as Compose does', () => {
    const env = { SET: 'x', EMPTY: '' };
    // Compose's syntax, written with a `%` the linter does not take for a template placeholder.
    const $ = (text: string) => text.replaceAll('%', '$');
    expect(interpolate($('$$SET %{SET} %SET %{UNSET:-d} %{EMPTY:-d} %{EMPTY-d} %{UNSET-d} %{SET:?no}'), env)).toBe(
      '$SET x x d d  d x',
    );
    expect(() => interpolate($('%{EMPTY:?set EMPTY}'), env)).toThrow('EMPTY is required: set EMPTY');
    expect(interpolate($('%{EMPTY?set EMPTY}'), env)).toBe('');
  });

  it("gives every Monet service an environment its own configuration accepts, with the file's defaults", () => {
    const services = environments(REQUIRED);
    const built = Object.entries(composeFile())
      .filter(([, service]) => service.build)
      .map(([name]) => name);
    // A service built from this repository without a loader here would go unchecked.
    expect(built.sort()).toEqual(Object.keys(LOADERS).sort());
    for (const [name, load] of Object.entries(LOADERS)) {
      let problem: string | undefined;
      try {
        load(services[name] ?? {});
      } catch (err) {
        problem = (err as Error).message;
      }
      expect([name, problem]).toEqual([name, undefined]);
    }
    expect(readEnv(apiVars, services.api ?? {})).toMatchObject({
      AUTH_TOKEN_SECRET: REQUIRED.AUTH_TOKEN_SECRET,
      TRUST_PROXY: false,
      DATABASE_URL: 'postgres://monet:monet@postgres:5432/monet',
    });
  });

  it('refuses to load without AUTH_TOKEN_SECRET, saying how to make one', async () => {
    expect(() => environments({})).toThrow(/^AUTH_TOKEN_SECRET is required: set AUTH_TOKEN_SECRET to a random string/);
    const refused = await composeWith(emptyEnvFile, 'config', '-q').then(
      () => 'accepted',
      (err: Error) => err.message,
    );
    expect(refused).toMatch(/in service "api": set AUTH_TOKEN_SECRET to a random string of 32 characters or more/);
  });
});

describe('deploy/Dockerfile', () => {
  it('copies the manifest of every npm workspace before npm ci', () => {
    const { workspaces } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { workspaces: string[] };
    const dockerfile = readFileSync(join(root, 'deploy/Dockerfile'), 'utf8');
    const copied = [...dockerfile.matchAll(/^COPY (\S+)\/package\.json \1\/$/gm)].map((m) => m[1]);
    expect(copied.sort()).toEqual([...workspaces].sort());
  });
});
