import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '@loyaltystudio/engines/testing';
import { Session } from 'chdb';
import { afterAll, describe, expect, it } from 'vitest';
import { DDL_DIR } from './migrate.ts';
import { LOCAL_SUFFIX, renderDdl, renderStatement, shardingKey } from './render-ddl.ts';
import { splitStatements } from './split-statements.ts';

const CLUSTER = { kind: 'cluster', cluster: 'monet' } as const;
const files = readdirSync(DDL_DIR)
  .filter((f) => f.endsWith('.sql'))
  .sort()
  .map((name) => ({ name, sql: readFileSync(join(DDL_DIR, name), 'utf8') }));
const rendered = files.flatMap((f) => renderDdl(f.sql, CLUSTER));
const tables = (pattern: RegExp) => rendered.flatMap((s) => [...s.matchAll(pattern)].map((m) => m[1]!));

describe('the DDL on one server', () => {
  it('is every file as written, statement by statement', () => {
    for (const f of files) expect(renderDdl(f.sql, { kind: 'server' })).toEqual(splitStatements(f.sql));
  });
});

describe('the DDL on a cluster (every file of warehouse/clickhouse)', () => {
  it('runs every statement ON CLUSTER', () => {
    expect(rendered.length).toBeGreaterThan(files.length);
    for (const statement of rendered) expect(statement).toMatch(/ON CLUSTER monet\b/);
  });

  it('keeps each raw table in a replicated local table per shard, behind a Distributed table of its name', () => {
    const local = tables(/CREATE TABLE IF NOT EXISTS raw\.(\w+) ON CLUSTER monet\n/g).filter((t) =>
      t.endsWith(LOCAL_SUFFIX),
    );
    const distributed = tables(
      /CREATE TABLE IF NOT EXISTS raw\.(\w+) ON CLUSTER monet AS raw\.\w+\nENGINE = Distributed/g,
    );
    expect(local.length).toBeGreaterThan(15);
    expect(distributed.sort()).toEqual(local.map((t) => t.slice(0, -LOCAL_SUFFIX.length)).sort());
    for (const statement of rendered.filter((s) => /CREATE TABLE IF NOT EXISTS raw\.\w+_local /.test(s))) {
      expect(statement).toMatch(
        /ENGINE = ReplicatedReplacingMergeTree\('\/clickhouse\/tables\/\{shard\}\/raw\/\w+_local', '\{replica\}'/,
      );
    }
  });

  it('renders a raw table as its replicated local table and its Distributed table, sharded by member', () => {
    const events = files.find((f) => f.name === '0004_raw_events.sql')!;
    const [local, distributed] = renderDdl(events.sql, CLUSTER);
    expect(local).toContain('CREATE TABLE IF NOT EXISTS raw.events_local ON CLUSTER monet\n(\n    tenant_id UUID,');
    expect(local).toMatch(
      /ENGINE = ReplicatedReplacingMergeTree\('\/clickhouse\/tables\/\{shard\}\/raw\/events_local', '\{replica\}', _version\)\nORDER BY \(tenant_id, id\)$/,
    );
    expect(distributed).toBe(
      'CREATE TABLE IF NOT EXISTS raw.events ON CLUSTER monet AS raw.events_local\n' +
        'ENGINE = Distributed(monet, raw, events_local, cityHash64(tenant_id, member_id))',
    );
  });

  it("puts a member's row and their events, ledger and balances on the same shard", () => {
    const members = files.find((f) => f.name === '0003_raw_members.sql')!;
    expect(renderDdl(members.sql, CLUSTER)[1]).toMatch(
      /Distributed\(monet, raw, members_local, cityHash64\(tenant_id, id\)\)$/,
    );
    expect(shardingKey('(\n  tenant_id UUID,\n  id UUID\n)', 'ORDER BY (tenant_id, id)')).toBe(
      'cityHash64(tenant_id, id)',
    );
    expect(shardingKey('(\n  tenant_id UUID,\n  member_id UUID\n)', 'ORDER BY (tenant_id, x)')).toBe(
      'cityHash64(tenant_id, member_id)',
    );
  });

  it("alters the local tables and the Distributed tables alike, and keeps the runner's records whole on every node", () => {
    const alters = rendered.filter((s) => /^ALTER TABLE raw\./m.test(s));
    const locals = alters.filter((s) => /ALTER TABLE raw\.\w+_local ON CLUSTER/.test(s)).length;
    expect(locals).toBeGreaterThan(0);
    expect(alters.length).toBe(2 * locals);
    const meta = rendered.filter((s) => s.includes('monet_meta.cdc_snapshots'));
    expect(meta).toHaveLength(1);
    expect(meta[0]).toMatch(
      /ENGINE = ReplicatedReplacingMergeTree\('\/clickhouse\/tables\/all\/monet_meta\/cdc_snapshots', '\{replica\}', recorded_at\)/,
    );
    expect(renderStatement('CREATE DATABASE IF NOT EXISTS marts', CLUSTER)).toEqual([
      'CREATE DATABASE IF NOT EXISTS marts ON CLUSTER monet',
    ]);
  });

  it('refuses a statement it has no rendering for, rather than run it on one node only', () => {
    expect(() => renderStatement('DROP TABLE raw.events', CLUSTER)).toThrow('No cluster rendering');
  });

  describe('parsed by ClickHouse itself', () => {
    const dir = tempDir('render-ddl');
    const session = new Session(dir.path);
    afterAll(() => {
      session.close();
      dir.remove();
    });

    it('is valid ClickHouse SQL, statement by statement (EXPLAIN AST parses without running)', async () => {
      for (const statement of rendered) {
        const ast = await session.queryAsync(`EXPLAIN AST ${statement}`, { format: 'TabSeparatedRaw' });
        expect(ast.text(), statement).toMatch(/^(CreateQuery|AlterQuery)/);
      }
    });
  });
});
