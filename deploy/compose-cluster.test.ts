import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { tempDir } from '@loyaltystudio/engines/testing';
import { DDL_DIR, renderDdl } from '@loyaltystudio/warehouse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = join(import.meta.dirname, '..');
const run = promisify(execFile);
const FILES = ['-f', 'docker-compose.yml', '-f', 'deploy/docker-compose.cluster.yml'];

interface Service {
  hostname?: string;
  environment?: Record<string, string | number | null>;
  volumes?: string[];
  depends_on?: Record<string, { condition: string }>;
}

const envDir = tempDir('compose-cluster');
const envFile = join(envDir.path, 'required.env');
writeFileSync(envFile, 'AUTH_TOKEN_SECRET=compose-test-secret-of-more-than-32-characters\n');
afterAll(() => envDir.remove());

async function compose(...args: string[]): Promise<{ stdout: string; stderr: string }> {
  try {
    return await run('docker-compose', ['--env-file', envFile, ...FILES, ...args], {
      cwd: root,
      env: { PATH: process.env.PATH },
    });
  } catch (err) {
    const e = err as NodeJS.ErrnoException & { stderr?: string };
    if (e.code === 'ENOENT') {
      throw new Error('docker-compose is not installed: run `npm run setup` or `apt-get install -y docker-compose`');
    }
    throw new Error(`docker-compose rejected the cluster stack:\n${e.stderr ?? e.message}`);
  }
}

/** The elements `<tag>` of an XML text, each as its inner text. */
const elements = (xml: string, tag: string) =>
  [...xml.matchAll(new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`, 'g'))].map((m) => m[1]!);

const clusterXml = readFileSync(join(root, 'deploy/clickhouse-cluster/cluster.xml'), 'utf8');
const keeperXml = readFileSync(join(root, 'deploy/clickhouse-cluster/keeper.xml'), 'utf8');

describe('deploy/docker-compose.cluster.yml over docker-compose.yml', () => {
  let services: Record<string, Service>;
  beforeAll(async () => {
    services = parse((await compose('config')).stdout).services;
  });

  it('passes docker-compose config -q', async () => {
    await expect(compose('config', '-q')).resolves.toEqual({ stdout: '', stderr: '' });
  });

  it('runs two shards of two ClickHouse replicas each, with three Keeper nodes', () => {
    const nodes = Object.entries(services).filter(([, s]) => s.environment?.CLICKHOUSE_SHARD !== undefined);
    const placement = nodes.map(
      ([name, s]) => `${s.environment?.CLICKHOUSE_SHARD}/${s.environment?.CLICKHOUSE_REPLICA}@${name}`,
    );
    expect(placement.sort()).toEqual([
      '1/clickhouse-s1r2@clickhouse-s1r2',
      '1/clickhouse@clickhouse',
      '2/clickhouse-s2r1@clickhouse-s2r1',
      '2/clickhouse-s2r2@clickhouse-s2r2',
    ]);
    for (const [name, s] of nodes) {
      expect(s.hostname, name).toBe(name);
      expect(
        s.volumes?.some((v) => v.endsWith(':/etc/clickhouse-server/config.d/cluster.xml:ro')),
        name,
      ).toBe(true);
      // Each replica keeps its own data.
      expect(
        s.volumes?.filter((v) => v.endsWith(':/var/lib/clickhouse:rw')),
        name,
      ).toHaveLength(1);
    }
    const keepers = Object.keys(services).filter((name) => name.startsWith('keeper-'));
    expect(keepers.sort()).toEqual(['keeper-1', 'keeper-2', 'keeper-3']);
    expect(keepers.map((k) => String(services[k]?.environment?.KEEPER_SERVER_ID)).sort()).toEqual(['1', '2', '3']);
  });

  it("names in cluster.xml the compose's own servers and Keeper nodes, in the shards their macros say", () => {
    const cluster = elements(clusterXml, 'monet')[0]!;
    const shards = elements(cluster, 'shard').map((shard) => elements(shard, 'host'));
    expect(shards).toEqual([
      ['clickhouse', 'clickhouse-s1r2'],
      ['clickhouse-s2r1', 'clickhouse-s2r2'],
    ]);
    for (const [i, hosts] of shards.entries()) {
      for (const host of hosts) expect(String(services[host]?.environment?.CLICKHOUSE_SHARD)).toBe(String(i + 1));
    }
    const zookeeper = elements(elements(clusterXml, 'zookeeper')[0]!, 'host');
    expect(zookeeper).toEqual(['keeper-1', 'keeper-2', 'keeper-3']);
    expect(elements(keeperXml, 'hostname')).toEqual(zookeeper);
    expect(clusterXml).toContain('<shard from_env="CLICKHOUSE_SHARD"/>');
    expect(clusterXml).toContain('<replica from_env="CLICKHOUSE_REPLICA"/>');
  });

  it("gives Monet's services the cluster's name, and migrates only once every server is up", () => {
    for (const name of ['migrate', 'api', 'worker', 'cdc']) {
      expect(services[name]?.environment, name).toMatchObject({
        CLICKHOUSE_CLUSTER: 'monet',
        CLICKHOUSE_URL: 'http://clickhouse:8123',
      });
    }
    expect(Object.keys(services.migrate?.depends_on ?? {})).toEqual(
      expect.arrayContaining(['clickhouse', 'clickhouse-s1r2', 'clickhouse-s2r1', 'clickhouse-s2r2']),
    );
  });

  it('gets the raw DDL rendered for that cluster by the code that renders it for one server', () => {
    const cluster = String(services.migrate?.environment?.CLICKHOUSE_CLUSTER);
    expect(clusterXml).toContain(`<${cluster}>`);
    const ddl = readFileSync(join(DDL_DIR, '0004_raw_events.sql'), 'utf8');
    expect(renderDdl(ddl, { kind: 'cluster', cluster })).toEqual([
      expect.stringMatching(/^-- [\s\S]*CREATE TABLE IF NOT EXISTS raw\.events_local ON CLUSTER monet\n/),
      expect.stringMatching(
        /^CREATE TABLE IF NOT EXISTS raw\.events ON CLUSTER monet AS raw\.events_local\nENGINE = Distributed\(monet, raw, events_local, /,
      ),
    ]);
  });
});
