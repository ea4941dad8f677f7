import { createHash } from 'node:crypto';
import { cpSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ClickHouseClient } from '@clickhouse/client';
import type { GatewayHandle } from '@loyaltystudio/engines';
import { startTestGateway, tempDir } from '@loyaltystudio/engines/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClickHouseClient } from '../src/clickhouse/client.ts';
import { ClickHouseMigrationDriftError, DDL_DIR, migrateClickHouse } from '../src/clickhouse/migrate.ts';

const PROBE =
  "-- two statements; the ';' in the string is not a boundary\n" +
  'CREATE TABLE IF NOT EXISTS raw.probe (note String) ENGINE = MergeTree ORDER BY note;\n' +
  "INSERT INTO raw.probe VALUES ('a;b');\n";

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

async function rows<T>(client: ClickHouseClient, query: string): Promise<T[]> {
  return (await client.query({ query, format: 'JSONEachRow' })).json<T>();
}

// The steps build on each other: one warehouse, migrated by Monet's files and then by a copy of them.
describe('migrateClickHouse against the gateway', () => {
  let gateway: GatewayHandle;
  let client: ClickHouseClient;
  const copy = tempDir('ddl');
  const log: string[] = [];

  beforeAll(async () => {
    gateway = await startTestGateway();
    client = createClickHouseClient({ url: gateway.url, username: 'monet', password: 'monet' });
    cpSync(DDL_DIR, copy.path, { recursive: true });
  });

  afterAll(async () => {
    await client?.close();
    await gateway?.stop();
    copy.remove();
  });

  it('applies every file in order and records its checksum', async () => {
    const applied = await migrateClickHouse(client, { log: (m) => log.push(m) });
    const files = readdirSync(DDL_DIR).sort();
    expect(files.slice(0, 2)).toEqual(['0001_databases.sql', '0002_raw_tenants.sql']);
    expect(applied).toEqual(files);
    expect(log).toEqual(
      files.map((file) => expect.stringMatching(new RegExp(`^applied ${file.replace('.', '\\.')} in \\d+ ms$`))),
    );
    expect(await rows(client, 'SELECT name, checksum FROM monet_meta.schema_migrations ORDER BY name')).toEqual(
      files.map((name) => ({ name, checksum: sha256(join(DDL_DIR, name)) })),
    );
    expect(
      await rows(
        client,
        "SELECT engine_full, sorting_key FROM system.tables WHERE database = 'raw' AND name = 'tenants'",
      ),
    ).toEqual([
      { engine_full: expect.stringMatching(/^ReplacingMergeTree\(_version\) ORDER BY id/), sorting_key: 'id' },
    ]);
    expect(
      await rows(client, "SELECT name FROM system.databases WHERE name IN ('raw', 'marts') ORDER BY name"),
    ).toEqual([{ name: 'marts' }, { name: 'raw' }]);
  });

  it('does nothing when the schema is up to date', async () => {
    log.length = 0;
    expect(await migrateClickHouse(client, { log: (m) => log.push(m) })).toEqual([]);
    expect(log).toEqual(['ClickHouse schema is up to date']);
  });

  it('applies only the new file, statement by statement', async () => {
    writeFileSync(join(copy.path, '0003_probe.sql'), PROBE);
    expect(await migrateClickHouse(client, { dir: copy.path })).toEqual(['0003_probe.sql']);
    expect(await rows(client, 'SELECT note FROM raw.probe')).toEqual([{ note: 'a;b' }]);
  });

  it('refuses a file changed after it was applied', async () => {
    const file = join(copy.path, '0002_raw_tenants.sql');
    const original = readFileSync(file, 'utf8');
    writeFileSync(file, `${original}\n-- edited\n`);
    try {
      const error = await migrateClickHouse(client, { dir: copy.path }).catch((err: unknown) => err);
      expect(error).toBeInstanceOf(ClickHouseMigrationDriftError);
      expect((error as Error).message).toMatch(
        /^ClickHouse migration 0002_raw_tenants\.sql changed after it was applied \(checksum [0-9a-f]{12}… is now [0-9a-f]{12}…\); DDL files are append-only, add a new file instead\.$/,
      );
    } finally {
      writeFileSync(file, original);
    }
  });

  it('refuses an applied file that was removed', async () => {
    rmSync(join(copy.path, '0003_probe.sql'));
    await expect(migrateClickHouse(client, { dir: copy.path })).rejects.toThrow(
      'ClickHouse migration 0003_probe.sql was applied but its file is gone; DDL files are append-only, restore it.',
    );
  });

  it('names the file whose statement failed and does not record it', async () => {
    writeFileSync(join(copy.path, '0003_probe.sql'), PROBE);
    writeFileSync(join(copy.path, '0004_broken.sql'), 'CREATE TABLE raw.broken (x UInt8) ENGINE = NoSuchEngine');
    await expect(migrateClickHouse(client, { dir: copy.path })).rejects.toThrow(
      /^ClickHouse migration 0004_broken\.sql failed: .*NoSuchEngine/s,
    );
    expect(await rows(client, "SELECT name FROM monet_meta.schema_migrations WHERE name = '0004_broken.sql'")).toEqual(
      [],
    );
  });

  it('rejects files that do not follow the naming scheme', async () => {
    writeFileSync(join(copy.path, '5_late.sql'), 'SELECT 1');
    await expect(migrateClickHouse(client, { dir: copy.path })).rejects.toThrow(
      `ClickHouse DDL files must be named NNNN_snake_case.sql: 5_late.sql in ${copy.path}`,
    );
  });
});
