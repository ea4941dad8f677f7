import { createHash } from 'node:crypto';
import { appendFileSync, cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PostgresHandle } from '@loyaltystudio/engines';
import { startTestPostgres, tempDir } from '@loyaltystudio/engines/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR, MigrationError, migrate, readMigrations } from '../src/migrate.ts';
import { createDatabase, query } from './databases.ts';

const migrationNames = readMigrations().map((m) => m.name);

const SCHEMA = new URL('../schema.prisma', import.meta.url);

describe('migrate', () => {
  let server: PostgresHandle;
  let databases = 0;
  const dirs: { remove(): void }[] = [];
  const freshDatabase = () => createDatabase(server.url, `migrate_${++databases}`);
  /** A private copy of the migrations folder that a test may edit. */
  function migrationsCopy(): string {
    const dir = tempDir('migrations');
    dirs.push(dir);
    cpSync(MIGRATIONS_DIR, dir.path, { recursive: true });
    return dir.path;
  }

  beforeAll(async () => {
    server = await startTestPostgres();
  });
  afterAll(async () => {
    await server?.stop();
    for (const dir of dirs) dir.remove();
  });

  it('applies every migration once, then none', async () => {
    const url = await freshDatabase();
    const lines: string[] = [];
    expect(await migrate(url, { log: (line) => lines.push(line) })).toEqual(migrationNames);
    expect(lines).toEqual(migrationNames.map((name) => `applied migration ${name}`));
    expect(await migrate(url)).toEqual([]);
    const tables = await query<{ table_name: string }>(
      url,
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name",
    );
    // Table names of models (enums carry @@map too): the @@map line inside each `model … { … }` block.
    const modelTables = [
      ...readFileSync(SCHEMA, 'utf8').matchAll(/^model \w+ \{[\s\S]*?@@map\("(\w+)"\)[\s\S]*?^\}/gm),
    ].map((m) => m[1]);
    expect(tables.map((t) => t.table_name)).toEqual(['_prisma_migrations', ...modelTables].sort());
  });

  it("records migrations in Prisma's _prisma_migrations format", async () => {
    const url = await freshDatabase();
    await migrate(url);
    const columns = await query(
      url,
      `SELECT column_name, data_type, character_maximum_length AS length, is_nullable, column_default
       FROM information_schema.columns WHERE table_name = '_prisma_migrations' ORDER BY ordinal_position`,
    );
    expect(columns).toEqual([
      { column_name: 'id', data_type: 'character varying', length: 36, is_nullable: 'NO', column_default: null },
      { column_name: 'checksum', data_type: 'character varying', length: 64, is_nullable: 'NO', column_default: null },
      {
        column_name: 'finished_at',
        data_type: 'timestamp with time zone',
        length: null,
        is_nullable: 'YES',
        column_default: null,
      },
      {
        column_name: 'migration_name',
        data_type: 'character varying',
        length: 255,
        is_nullable: 'NO',
        column_default: null,
      },
      { column_name: 'logs', data_type: 'text', length: null, is_nullable: 'YES', column_default: null },
      {
        column_name: 'rolled_back_at',
        data_type: 'timestamp with time zone',
        length: null,
        is_nullable: 'YES',
        column_default: null,
      },
      {
        column_name: 'started_at',
        data_type: 'timestamp with time zone',
        length: null,
        is_nullable: 'NO',
        column_default: 'now()',
      },
      {
        column_name: 'applied_steps_count',
        data_type: 'integer',
        length: null,
        is_nullable: 'NO',
        column_default: '0',
      },
    ]);
    const rows = await query<Record<string, unknown>>(url, 'SELECT * FROM _prisma_migrations ORDER BY started_at');
    expect(rows.map((row) => row.migration_name)).toEqual(migrationNames);
    for (const row of rows) {
      const sql = readFileSync(join(MIGRATIONS_DIR, String(row.migration_name), 'migration.sql'));
      expect(row.checksum).toBe(createHash('sha256').update(sql).digest('hex'));
      expect(row.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(row.applied_steps_count).toBe(1);
      expect(row.logs).toBeNull();
      expect(row.rolled_back_at).toBeNull();
      expect(row.finished_at).toBeInstanceOf(Date);
      expect((row.finished_at as Date).getTime()).toBeGreaterThanOrEqual((row.started_at as Date).getTime());
    }
  });

  it('refuses when an applied migration file was changed, but not for line endings alone', async () => {
    const url = await freshDatabase();
    const dir = migrationsCopy();
    await migrate(url, { migrationsDir: dir });
    const file = join(dir, migrationNames[0] as string, 'migration.sql');
    const original = readFileSync(file, 'utf8');
    writeFileSync(file, original.replaceAll('\n', '\r\n'));
    expect(await migrate(url, { migrationsDir: dir })).toEqual([]);
    appendFileSync(file, '\n-- edited\n');
    await expect(migrate(url, { migrationsDir: dir })).rejects.toThrow(
      new RegExp(`migration ${migrationNames[0]} was changed after it was applied`),
    );
  });

  it('rolls a failing migration back, records it as failed, and refuses to go on until it is resolved', async () => {
    const url = await freshDatabase();
    const dir = migrationsCopy();
    const broken = '99990101000000_broken';
    mkdirSync(join(dir, broken));
    writeFileSync(join(dir, broken, 'migration.sql'), 'CREATE TABLE "half_done" (id int);\nSELECT 1/0;\n');

    const failure = await migrate(url, { migrationsDir: dir }).catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(MigrationError);
    expect((failure as Error).message).toBe(`migration ${broken} failed and was rolled back: division by zero`);
    expect(await query(url, "SELECT to_regclass('half_done') AS t")).toEqual([{ t: null }]);
    const rows = await query(
      url,
      'SELECT migration_name, finished_at, logs, applied_steps_count FROM _prisma_migrations ORDER BY started_at',
    );
    expect(rows.at(-1)).toEqual({
      migration_name: broken,
      finished_at: null,
      logs: 'division by zero',
      applied_steps_count: 0,
    });

    await expect(migrate(url, { migrationsDir: dir })).rejects.toThrow(
      `migration ${broken} is recorded as failed: division by zero.`,
    );
    writeFileSync(join(dir, broken, 'migration.sql'), 'CREATE TABLE "half_done" (id int);\n');
    await query(url, `UPDATE _prisma_migrations SET rolled_back_at = now() WHERE migration_name = $1`, [broken]);
    expect(await migrate(url, { migrationsDir: dir })).toEqual([broken]);
  });

  it('applies each migration once when several runs start together', async () => {
    const url = await freshDatabase();
    const runs = await Promise.all([migrate(url), migrate(url), migrate(url)]);
    expect(runs.flat()).toEqual(migrationNames);
    const rows = await query<{ n: number }>(url, 'SELECT count(*)::int AS n FROM _prisma_migrations');
    expect(rows[0]?.n).toBe(migrationNames.length);
  });

  it('refuses a non-empty database that has no migration history', async () => {
    const url = await freshDatabase();
    await query(url, 'CREATE TABLE legacy (id int)');
    await expect(migrate(url)).rejects.toThrow(/schema is not empty \(legacy\) but has no migration history/);
  });
});
