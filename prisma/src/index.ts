export { type CreatePrismaClientOptions, createPrismaClient, PREPARED, statementName } from './client.ts';
export * from './generated/client.ts';
export {
  MIGRATIONS_DIR,
  type MigrateOptions,
  MigrationError,
  type MigrationFile,
  migrate,
  readMigrations,
} from './migrate.ts';
