import { describe, expect, it } from 'vitest';
import { housekeepingCrons, readWorkerConfig } from './config.ts';

describe('worker config', () => {
  it('defaults to the local dev server, the default namespace, the local database and the documented crons', () => {
    const config = readWorkerConfig({});
    expect(config).toEqual({
      TEMPORAL_ADDRESS: '127.0.0.1:7233',
      TEMPORAL_NAMESPACE: 'default',
      LOG_LEVEL: 'info',
      DATABASE_URL: 'postgres://monet:monet@127.0.0.1:5432/monet',
      HOUSEKEEPING_REDEMPTION_HOLDS_CRON: '* * * * *',
      HOUSEKEEPING_POINTS_EXPIRY_CRON: '*/15 * * * *',
      HOUSEKEEPING_TIER_DOWNGRADES_CRON: '0 3 * * *',
      HOUSEKEEPING_SESSIONS_CRON: '0 * * * *',
      HOUSEKEEPING_IDEMPOTENCY_KEYS_CRON: '0 * * * *',
      HOUSEKEEPING_WAREHOUSE_HISTORY_CRON: '30 3 * * *',
      HOUSEKEEPING_MEMBER_ERASURES_CRON: '*/10 * * * *',
      CLICKHOUSE_URL: 'http://127.0.0.1:8123',
      CLICKHOUSE_USER: 'monet',
      CLICKHOUSE_PASSWORD: 'monet',
      MONET_HOME: '.monet',
      DBT_BUILD_CRON: '*/15 * * * *',
      WAREHOUSE_HISTORY_RETENTION_DAYS: 30,
      CDC_SLOT: 'monet_cdc',
      EXPORTS_DIR: '.monet/exports',
      EXPORTS_QUERY_TIMEOUT: 1800,
      CHURN_SCORING_CRON: '0 4 * * *',
      CLV_HORIZON_DAYS: 365,
      SCORING_BATCH_ROWS: 50_000,
      ANALYTICS_QUERY_TIMEOUT: 10,
      ANALYTICS_MAX_RESULT_ROWS: 100_000,
      ANALYTICS_MAX_RANGE_DAYS: 1096,
      MAIL_SMTP_PORT: 2525,
      MAIL_FROM: 'Monet reports <reports@monet.localhost>',
      API_URL: 'http://127.0.0.1:4000',
      CHROMIUM_PATH: '/usr/bin/chromium',
    });
    expect(housekeepingCrons(config)).toEqual({
      'redemption-holds': '* * * * *',
      'points-expiry': '*/15 * * * *',
      'tier-downgrades': '0 3 * * *',
      sessions: '0 * * * *',
      'idempotency-keys': '0 * * * *',
      'warehouse-history': '30 3 * * *',
      'member-erasures': '*/10 * * * *',
    });
  });

  it('rejects an address without a port, naming the variable and the expected form', () => {
    expect(() => readWorkerConfig({ TEMPORAL_ADDRESS: 'temporal.internal' })).toThrow(
      'TEMPORAL_ADDRESS="temporal.internal" is invalid: expected host:port',
    );
  });

  it('rejects a cron without five fields and a database URL of another scheme', () => {
    expect(() => readWorkerConfig({ HOUSEKEEPING_POINTS_EXPIRY_CRON: '15m' })).toThrow(
      'HOUSEKEEPING_POINTS_EXPIRY_CRON="15m" is invalid: expected a five-field cron expression, in UTC (e.g. "*/15 * * * *")',
    );
    expect(() => readWorkerConfig({ DATABASE_URL: 'mysql://db/monet' })).toThrow(
      'DATABASE_URL="mysql://db/monet" is invalid: expected a postgres or postgresql URL',
    );
  });

  it('rejects a dbt build cron without five fields and a ClickHouse URL of another scheme', () => {
    expect(() => readWorkerConfig({ DBT_BUILD_CRON: 'every 15 minutes' })).toThrow(
      'DBT_BUILD_CRON="every 15 minutes" is invalid: expected a five-field cron expression, in UTC (e.g. "*/15 * * * *")',
    );
    expect(() => readWorkerConfig({ CLICKHOUSE_URL: 'tcp://clickhouse:9000' })).toThrow(
      'CLICKHOUSE_URL="tcp://clickhouse:9000" is invalid',
    );
  });

  it('accepts an hourly cron with surrounding spaces', () => {
    expect(readWorkerConfig({ HOUSEKEEPING_SESSIONS_CRON: ' 30 * * * * ' }).HOUSEKEEPING_SESSIONS_CRON).toBe(
      '30 * * * *',
    );
  });
});
