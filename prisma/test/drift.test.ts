import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PostgresHandle } from '@loyaltystudio/engines';
import { startTestPostgres } from '@loyaltystudio/engines/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diffSchemas, EMPTY_SCHEMA } from '../scripts/schema-differ.ts';
import { migrate } from '../src/migrate.ts';
import { describeCatalog } from './catalog.ts';
import { createDatabase } from './databases.ts';

const packageDir = join(import.meta.dirname, '..');
const schema = readFileSync(join(packageDir, 'schema.prisma'), 'utf8');
const snapshot = readFileSync(join(packageDir, 'snapshot', 'schema.prisma'), 'utf8');

// schema.prisma and prisma/migrations must describe the same database. The migrations are applied to one
// database, Prisma's from-empty SQL for schema.prisma to another, and their catalogs must be identical.
describe('schema.prisma and the migrations', () => {
  let server: PostgresHandle;
  let fromMigrations: Awaited<ReturnType<typeof describeCatalog>>;
  let databases = 0;

  /** The catalog of a fresh database built from `datamodel` by Prisma's differ. */
  async function catalogOf(datamodel: string) {
    const url = await createDatabase(server.url, `from_schema_${++databases}`);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(await diffSchemas(EMPTY_SCHEMA, datamodel));
    } finally {
      await client.end();
    }
    return describeCatalog(url);
  }

  beforeAll(async () => {
    server = await startTestPostgres();
    const url = await createDatabase(server.url, 'from_migrations');
    await migrate(url);
    fromMigrations = await describeCatalog(url);
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('build the same database', async () => {
    expect(fromMigrations.columns).toContain('tenants.currency character(3) NOT NULL');
    expect(await catalogOf(schema)).toEqual(fromMigrations);
  });

  it('catch a schema change that has no migration', async () => {
    const drifted = schema.replace('currency  String   @db.Char(3)', 'currency  String   @db.Char(3)\n  plan String?');
    expect(drifted).not.toBe(schema);
    const catalog = await catalogOf(drifted);
    expect(catalog).not.toEqual(fromMigrations);
    expect(catalog.columns).toContain('tenants.plan text');
  });

  it('catch a changed column type, default or index', async () => {
    for (const [from, to] of [
      ['@db.Char(3)', '@db.Char(4)'],
      ['@default(now()) @map("created_at")', '@map("created_at")'],
      ['slug      String   @unique', 'slug      String'],
    ] as const) {
      const drifted = schema.replace(from, to);
      expect(drifted).not.toBe(schema);
      expect(await catalogOf(drifted)).not.toEqual(fromMigrations);
    }
  });

  it('leave nothing for migration:new to write (snapshot/schema.prisma is current)', async () => {
    expect(await diffSchemas(snapshot, schema)).toBe('');
  });
});
