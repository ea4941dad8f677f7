export { type ClickHouseConfig, createClickHouseClient } from './clickhouse/client.ts';
export {
  ClickHouseMigrationDriftError,
  DDL_DIR,
  type MigrateOptions,
  migrateClickHouse,
} from './clickhouse/migrate.ts';
export { quoteIdentifier, quoteString } from './clickhouse/quote.ts';
export { type DdlLayout, LOCAL_SUFFIX, renderDdl } from './clickhouse/render-ddl.ts';
export { DBT_PROJECT_DIR, DbtError, type DbtRunOptions, runDbt } from './dbt/run-dbt.ts';
export * from './privacy/index.ts';
export * from './reports/index.ts';
