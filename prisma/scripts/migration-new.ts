// `npm run -w @loyaltystudio/prisma migration:new -- <name>`: writes migrations/<UTC timestamp>_<name>/migration.sql
// with the SQL that takes the previous migration's schema (snapshot/schema.prisma) to schema.prisma.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { diffSchemas, EMPTY_SCHEMA } from './schema-differ.ts';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const schemaFile = join(packageDir, 'schema.prisma');
const snapshotFile = join(packageDir, 'snapshot', 'schema.prisma');
const migrationsDir = join(packageDir, 'migrations');

/** Prisma's folder name: the UTC time as YYYYMMDDHHMMSS, then the name. */
function folderName(name: string, now = new Date()): string {
  return `${now.toISOString().replace(/\D/g, '').slice(0, 14)}_${name}`;
}

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error('usage: npm run -w @loyaltystudio/prisma migration:new -- <name>   (lower-case letters, digits, _)');
  process.exit(2);
}

const schema = readFileSync(schemaFile, 'utf8');
const previous = existsSync(snapshotFile) ? readFileSync(snapshotFile, 'utf8') : EMPTY_SCHEMA;
const sql = await diffSchemas(previous, schema);
if (sql === '') {
  console.log('schema.prisma matches the latest migration: nothing to write.');
} else {
  const folder = join(migrationsDir, folderName(name));
  mkdirSync(folder);
  writeFileSync(join(folder, 'migration.sql'), sql);
  mkdirSync(join(packageDir, 'snapshot'), { recursive: true });
  writeFileSync(snapshotFile, schema);
  console.log(`wrote ${join(folder, 'migration.sql')}\n\n${sql}`);
  console.log(
    'Review the SQL (data-preserving steps are yours to add), then run the tests: a drift test compares it with schema.prisma.',
  );
}
