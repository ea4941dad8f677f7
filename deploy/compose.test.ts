import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { tempDir } from '../cli/src/engines/testing.ts';

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

// An empty environment and an empty env file: the test checks the file's own defaults, not this machine's
// variables or a local .env.
const envDir = tempDir('compose');
const emptyEnvFile = join(envDir.path, 'empty.env');
writeFileSync(emptyEnvFile, '');
afterAll(() => envDir.remove());

async function compose(...args: string[]): Promise<{ stdout: string; stderr: string }> {
  try {
    return await run('docker-compose', ['--env-file', emptyEnvFile, '-f', 'docker-compose.yml', ...args], {
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
    expect(services.api?.command).toEqual(['node', '--import', 'tsx', 'api/src/server.ts']);
    expect(services.worker?.command).toEqual(['node', '--import', 'tsx', 'workflows/src/worker.ts']);
    expect(services.cdc?.command).toEqual(['node', '--import', 'tsx', 'warehouse/cdc/src/main.ts']);
    expect(services.migrate?.command).toEqual(['node', '--import', 'tsx', 'cli/src/main.ts', 'migrate']);
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

describe('deploy/Dockerfile', () => {
  it('copies the manifest of every npm workspace before npm ci', () => {
    const { workspaces } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { workspaces: string[] };
    const dockerfile = readFileSync(join(root, 'deploy/Dockerfile'), 'utf8');
    const copied = [...dockerfile.matchAll(/^COPY (\S+)\/package\.json \1\/$/gm)].map((m) => m[1]);
    expect(copied.sort()).toEqual([...workspaces].sort());
  });
});
