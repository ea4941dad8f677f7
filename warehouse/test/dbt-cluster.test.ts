import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '@loyaltystudio/engines/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { runDbt } from '../src/dbt/run-dbt.ts';

interface ManifestNode {
  resource_type: string;
  name: string;
  config: { materialized: string; engine?: string; schema?: string };
}

/** Every persisted model's materialisation and engine, as dbt parses the project with CLICKHOUSE_CLUSTER set or not. */
async function parsedEngines(cluster: string | undefined): Promise<ManifestNode[]> {
  const work = tempDir('dbt-parse');
  try {
    // `dbt parse` renders every model's config without a connection: the URL is never dialled.
    await runDbt({
      args: ['parse'],
      clickhouseUrl: 'http://127.0.0.1:1',
      username: 'monet',
      password: 'monet',
      workDir: work.path,
      cluster,
    });
    const manifest = JSON.parse(readFileSync(join(work.path, 'target', 'manifest.json'), 'utf8')) as {
      nodes: Record<string, ManifestNode>;
    };
    return Object.values(manifest.nodes).filter(
      (n) => n.resource_type === 'model' && ['table', 'incremental'].includes(n.config.materialized),
    );
  } finally {
    work.remove();
  }
}

describe('dbt project on a cluster', { timeout: 120_000 }, () => {
  const parsed = { single: [] as ManifestNode[], cluster: [] as ManifestNode[] };

  beforeAll(async () => {
    parsed.cluster = await parsedEngines('monet_cluster');
    parsed.single = await parsedEngines(undefined);
  });

  it('builds every persisted model on a replicated engine when CLICKHOUSE_CLUSTER is set', () => {
    expect(parsed.cluster.length).toBeGreaterThan(20);
    for (const node of parsed.cluster)
      expect([node.name, node.config.engine]).toEqual([node.name, expect.stringMatching(/^Replicated/)]);
  });

  it('keeps the same engines, unreplicated, on one server', () => {
    const byName = new Map(parsed.single.map((n) => [n.name, n.config.engine]));
    expect([...byName.keys()].sort()).toEqual(parsed.cluster.map((n) => n.name).sort());
    for (const node of parsed.cluster) {
      const single = byName.get(node.name) ?? '';
      expect([node.name, single]).not.toEqual([node.name, expect.stringMatching(/^Replicated/)]);
      // The same engine family, replicated or not: ReplacingMergeTree(v) ↔ ReplicatedReplacingMergeTree(v).
      expect([node.name, (node.config.engine ?? '').replace(/^Replicated/, '').replace(/\(\)$/, '')]).toEqual([
        node.name,
        single.replace(/\(\)$/, ''),
      ]);
    }
  });
});
