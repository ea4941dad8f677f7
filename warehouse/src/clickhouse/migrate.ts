import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ClickHouseClient } from '@clickhouse/client';
import { type DdlLayout, renderDdl, renderStatement } from './render-ddl.ts';

/** Numbered, append-only DDL files: `0001_databases.sql`, `0002_raw_tenants.sql`, … */
export const DDL_DIR = fileURLToPath(new URL('../../clickhouse/', import.meta.url));
const FILE_NAME = /^\d{4}_[a-z0-9_]+\.sql$/;

export interface MigrateOptions {
  /** Folder of DDL files; Monet's own by default. */
  dir?: string;
  log?: (message: string) => void;
  /**
   * One server (default), or a cluster: every statement `ON CLUSTER`, tables replicated per shard behind Distributed
   * tables (render-ddl.ts). The files and their checksums are the same either way.
   */
  layout?: DdlLayout;
}

interface AppliedMigration {
  name: string;
  checksum: string;
}

/** A DDL file was edited or removed after it was applied: the warehouse no longer matches the files. */
export class ClickHouseMigrationDriftError extends Error {
  override name = 'ClickHouseMigrationDriftError';
}

/**
 * Applies the DDL files not yet recorded in `monet_meta.schema_migrations`, in file-name order, one statement per
 * request. A file is recorded only after all its statements succeeded; ClickHouse DDL is not transactional, so
 * statements use IF NOT EXISTS and a file that failed halfway is safe to run again. Only one runner may run at a time.
 * Returns the names of the files applied by this call.
 */
export async function migrateClickHouse(client: ClickHouseClient, options: MigrateOptions = {}): Promise<string[]> {
  const dir = options.dir ?? DDL_DIR;
  const log = options.log ?? (() => {});
  const layout = options.layout ?? { kind: 'server' };
  const ledger = [
    'CREATE DATABASE IF NOT EXISTS monet_meta',
    `CREATE TABLE IF NOT EXISTS monet_meta.schema_migrations
      (name String, checksum FixedString(64), applied_at DateTime64(3, 'UTC') DEFAULT now64(3))
      ENGINE = MergeTree ORDER BY name`,
  ];
  for (const statement of ledger.flatMap((s) => renderStatement(s, layout))) await client.command({ query: statement });

  const files = await readDdlFiles(dir);
  const applied = await readApplied(client);
  checkDrift(files, applied);

  const appliedNow: string[] = [];
  for (const file of files) {
    if (applied.has(file.name)) continue;
    const started = performance.now();
    for (const statement of renderDdl(file.sql, layout)) {
      try {
        await client.command({ query: statement });
      } catch (err) {
        throw new Error(`ClickHouse migration ${file.name} failed: ${(err as Error).message}`, { cause: err });
      }
    }
    await client.insert({
      table: 'monet_meta.schema_migrations',
      values: [{ name: file.name, checksum: file.checksum }],
      format: 'JSONEachRow',
    });
    log(`applied ${file.name} in ${Math.round(performance.now() - started)} ms`);
    appliedNow.push(file.name);
  }
  if (appliedNow.length === 0) log('ClickHouse schema is up to date');
  return appliedNow;
}

async function readDdlFiles(dir: string): Promise<{ name: string; sql: string; checksum: string }[]> {
  const names = (await readdir(dir)).filter((name) => name.endsWith('.sql')).sort();
  const misnamed = names.filter((name) => !FILE_NAME.test(name));
  if (misnamed.length > 0) {
    throw new Error(`ClickHouse DDL files must be named NNNN_snake_case.sql: ${misnamed.join(', ')} in ${dir}`);
  }
  return Promise.all(
    names.map(async (name) => {
      const sql = await readFile(join(dir, name), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    }),
  );
}

async function readApplied(client: ClickHouseClient): Promise<Map<string, string>> {
  const result = await client.query({
    query: 'SELECT name, checksum FROM monet_meta.schema_migrations ORDER BY name',
    format: 'JSONEachRow',
  });
  const rows = await result.json<AppliedMigration>();
  return new Map(rows.map((row) => [row.name, row.checksum]));
}

function checkDrift(files: { name: string; checksum: string }[], applied: Map<string, string>): void {
  const onDisk = new Map(files.map((file) => [file.name, file.checksum]));
  for (const [name, checksum] of applied) {
    const current = onDisk.get(name);
    if (current === undefined) {
      throw new ClickHouseMigrationDriftError(
        `ClickHouse migration ${name} was applied but its file is gone; DDL files are append-only, restore it.`,
      );
    }
    if (current !== checksum) {
      throw new ClickHouseMigrationDriftError(
        `ClickHouse migration ${name} changed after it was applied (checksum ${checksum.slice(0, 12)}… is now ` +
          `${current.slice(0, 12)}…); DDL files are append-only, add a new file instead.`,
      );
    }
  }
}
