export { type ClickHouseConfig, createClickHouseClient } from './clickhouse/client.ts';
export {
  ClickHouseMigrationDriftError,
  DDL_DIR,
  type MigrateOptions,
  migrateClickHouse,
} from './clickhouse/migrate.ts';
export * from './reports/index.ts';
