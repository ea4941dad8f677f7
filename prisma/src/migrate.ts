// Applies prisma/migrations offline, recording them exactly as `prisma migrate deploy` does, so either tool can
// take over from the other. Prisma's native schema engine is not needed (it cannot be downloaded everywhere).
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

export const MIGRATIONS_DIR = fileURLToPath(new URL('../migrations', import.meta.url));

/** Prisma Migrate's advisory lock key (prisma-engines, Postgres flavour): holding it also keeps Prisma's CLI out. */
const PRISMA_MIGRATE_LOCK = 72707369;

/** The table `prisma migrate` creates, column for column. */
const CREATE_MIGRATIONS_TABLE = `
CREATE TABLE _prisma_migrations (
    id                      VARCHAR(36) PRIMARY KEY NOT NULL,
    checksum                VARCHAR(64) NOT NULL,
    finished_at             TIMESTAMPTZ,
    migration_name          VARCHAR(255) NOT NULL,
    logs                    TEXT,
    rolled_back_at          TIMESTAMPTZ,
    started_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
    applied_steps_count     INTEGER NOT NULL DEFAULT 0
);`;

export interface MigrationFile {
  name: string;
  sql: string;
  /** sha256 of migration.sql, hex: Prisma's checksum. */
  checksum: string;
}

/** The database refuses migration: its history disagrees with the files, or a migration failed. */
export class MigrationError extends Error {
  override name = 'MigrationError';
}

export interface MigrateOptions {
  /** Progress lines (applied migrations, waiting for the lock). */
  log?: (line: string) => void;
  migrationsDir?: string;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Migration folders in the order Prisma applies them: by name, which starts with a UTC timestamp. */
export function readMigrations(migrationsDir = MIGRATIONS_DIR): MigrationFile[] {
  return readdirSync(migrationsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const file = join(migrationsDir, name, 'migration.sql');
      if (!existsSync(file)) throw new MigrationError(`${join(migrationsDir, name)} has no migration.sql`);
      const sql = readFileSync(file, 'utf8');
      return { name, sql, checksum: sha256(sql) };
    });
}

/** Like Prisma, a checkout that only changed line endings (git on Windows) still matches. */
function matchesChecksum(sql: string, recorded: string): boolean {
  const lf = sql.replaceAll('\r\n', '\n');
  return [sql, lf, lf.replaceAll('\n', '\r\n')].some((variant) => sha256(variant) === recorded);
}

interface MigrationRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
  logs: string | null;
}

async function lock(client: pg.Client, log: (line: string) => void): Promise<void> {
  const { rows } = await client.query('SELECT pg_try_advisory_lock($1) AS locked', [PRISMA_MIGRATE_LOCK]);
  if (rows[0].locked) return;
  log('another migration run holds the lock; waiting for it to finish');
  await client.query('SELECT pg_advisory_lock($1)', [PRISMA_MIGRATE_LOCK]);
}

/** Creates the history table on an empty schema; like Prisma, refuses a non-empty schema that has none (baseline it). */
async function ensureHistoryTable(client: pg.Client): Promise<void> {
  const { rows } = await client.query<{ relname: string }>(
    `SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE c.relkind IN ('r', 'p') AND n.nspname = current_schema()`,
  );
  const tables = rows.map((row) => row.relname);
  if (tables.includes('_prisma_migrations')) return;
  if (tables.length > 0) {
    throw new MigrationError(
      `the database schema is not empty (${tables.slice(0, 5).join(', ')}${tables.length > 5 ? ', …' : ''}) but has no migration history. ` +
        'Baseline it first (https://pris.ly/d/migrate-baseline) or point DATABASE_URL at an empty database.',
    );
  }
  await client.query(CREATE_MIGRATIONS_TABLE);
}

/** Refuses a failed migration or an edited one; returns the names recorded as applied. */
function checkHistory(rows: MigrationRow[], files: MigrationFile[]): Set<string> {
  const byName = new Map(files.map((file) => [file.name, file]));
  const applied = new Set<string>();
  for (const row of rows) {
    if (row.rolled_back_at) continue;
    const name = row.migration_name;
    if (!row.finished_at) {
      throw new MigrationError(
        `migration ${name} is recorded as failed${row.logs ? `: ${row.logs.split('\n')[0]}` : ''}. ` +
          'Fix its cause and make sure none of its changes remain, then mark it rolled back: ' +
          `\`npx prisma migrate resolve --rolled-back ${name}\`, or in SQL ` +
          `\`UPDATE _prisma_migrations SET rolled_back_at = now() WHERE migration_name = '${name}' AND finished_at IS NULL\`.`,
      );
    }
    const file = byName.get(name);
    if (file && !matchesChecksum(file.sql, row.checksum)) {
      throw new MigrationError(
        `migration ${name} was changed after it was applied (recorded checksum ${row.checksum}, file ${file.checksum}). ` +
          'Applied migrations are never edited: restore the file and put the change in a new migration.',
      );
    }
    applied.add(name);
  }
  return applied;
}

/** One migration in one transaction; a failure is rolled back and then recorded as failed, as Prisma records it. */
async function apply(client: pg.Client, migration: MigrationFile): Promise<void> {
  const id = randomUUID();
  try {
    await client.query('BEGIN');
    await client.query(
      'INSERT INTO _prisma_migrations (id, checksum, migration_name, started_at) VALUES ($1, $2, $3, clock_timestamp())',
      [id, migration.checksum, migration.name],
    );
    await client.query(migration.sql);
    await client.query(
      `UPDATE _prisma_migrations SET applied_steps_count = applied_steps_count + 1, finished_at = clock_timestamp()
       WHERE id = $1`,
      [id],
    );
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK');
    const message = err instanceof Error ? err.message : String(err);
    await client.query(
      'INSERT INTO _prisma_migrations (id, checksum, migration_name, logs, started_at) VALUES ($1, $2, $3, $4, clock_timestamp())',
      [id, migration.checksum, migration.name, message],
    );
    throw new MigrationError(`migration ${migration.name} failed and was rolled back: ${message}`, { cause: err });
  }
}

/**
 * Applies the pending migrations under Prisma Migrate's advisory lock, so concurrent runs (two starts, or this
 * and `prisma migrate deploy`) apply each migration once. Returns the names applied, in order.
 */
export async function migrate(databaseUrl: string, opts: MigrateOptions = {}): Promise<string[]> {
  const log = opts.log ?? (() => {});
  const files = readMigrations(opts.migrationsDir);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await lock(client, log);
    await ensureHistoryTable(client);
    const { rows } = await client.query<MigrationRow>(
      'SELECT migration_name, checksum, finished_at, rolled_back_at, logs FROM _prisma_migrations ORDER BY started_at',
    );
    const applied = checkHistory(rows, files);
    const names: string[] = [];
    for (const file of files.filter((f) => !applied.has(f.name))) {
      await apply(client, file);
      log(`applied migration ${file.name}`);
      names.push(file.name);
    }
    return names;
  } finally {
    // Closing the session releases the advisory lock.
    await client.end();
  }
}
