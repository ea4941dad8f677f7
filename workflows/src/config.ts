import { apiVars, hostPort, readEnv, vars } from '@loyaltystudio/config';
import type { HousekeepingCrons } from './housekeeping/schedules.ts';

/** The worker's environment. A bad value stops start-up with one line naming the variable. */
export const workerVars = {
  TEMPORAL_ADDRESS: hostPort('Temporal frontend the worker polls', '127.0.0.1:7233'),
  TEMPORAL_NAMESPACE: vars.TEMPORAL_NAMESPACE,
  LOG_LEVEL: vars.LOG_LEVEL,
  // The housekeeping activities work on the same database as the api, with the same kind of URL.
  DATABASE_URL: apiVars.DATABASE_URL,
  HOUSEKEEPING_REDEMPTION_HOLDS_CRON: vars.HOUSEKEEPING_REDEMPTION_HOLDS_CRON,
  HOUSEKEEPING_POINTS_EXPIRY_CRON: vars.HOUSEKEEPING_POINTS_EXPIRY_CRON,
  HOUSEKEEPING_TIER_DOWNGRADES_CRON: vars.HOUSEKEEPING_TIER_DOWNGRADES_CRON,
  HOUSEKEEPING_SESSIONS_CRON: vars.HOUSEKEEPING_SESSIONS_CRON,
  HOUSEKEEPING_IDEMPOTENCY_KEYS_CRON: vars.HOUSEKEEPING_IDEMPOTENCY_KEYS_CRON,
  HOUSEKEEPING_WAREHOUSE_HISTORY_CRON: vars.HOUSEKEEPING_WAREHOUSE_HISTORY_CRON,
  HOUSEKEEPING_MEMBER_ERASURES_CRON: vars.HOUSEKEEPING_MEMBER_ERASURES_CRON,
  // dbt builds the marts over ClickHouse's HTTP interface, as Monet's read/write user; the supervisor passes the
  // embedded gateway's URL. dbt keeps its target/ and logs/ under MONET_HOME.
  CLICKHOUSE_URL: apiVars.CLICKHOUSE_URL,
  CLICKHOUSE_USER: vars.CLICKHOUSE_USER,
  CLICKHOUSE_PASSWORD: vars.CLICKHOUSE_PASSWORD,
  CLICKHOUSE_CLUSTER: vars.CLICKHOUSE_CLUSTER,
  MONET_HOME: vars.MONET_HOME,
  DBT_BUILD_CRON: vars.DBT_BUILD_CRON,
  // Erasures and retention: old versions of personal data leave ClickHouse; the erasure waits on the change
  // stream's slot and deletes the export files the api wrote.
  WAREHOUSE_HISTORY_RETENTION_DAYS: vars.WAREHOUSE_HISTORY_RETENTION_DAYS,
  CDC_SLOT: vars.CDC_SLOT,
  EXPORTS_DIR: apiVars.EXPORTS_DIR,
  // Churn scoring: tenants' models under ML_MODELS_DIR (default MONET_HOME/models), the shipped ones otherwise.
  CHURN_SCORING_CRON: vars.CHURN_SCORING_CRON,
  CLV_HORIZON_DAYS: vars.CLV_HORIZON_DAYS,
  ML_MODELS_DIR: vars.ML_MODELS_DIR,
  SCORING_BATCH_ROWS: vars.SCORING_BATCH_ROWS,
  // Reports: tiles read through the api's analytics service under its limits, printed by Chromium, mailed over
  // SMTP; unsubscribe links signed as the api checks them and pointing at the api.
  ANALYTICS_QUERY_TIMEOUT: vars.ANALYTICS_QUERY_TIMEOUT,
  ANALYTICS_MAX_RESULT_ROWS: vars.ANALYTICS_MAX_RESULT_ROWS,
  ANALYTICS_MAX_RANGE_DAYS: vars.ANALYTICS_MAX_RANGE_DAYS,
  SMTP_URL: vars.SMTP_URL,
  MAIL_SMTP_PORT: vars.MAIL_SMTP_PORT,
  MAIL_FROM: vars.MAIL_FROM,
  REPORTS_DIR: vars.REPORTS_DIR,
  REPORTS_LINK_SECRET: vars.REPORTS_LINK_SECRET,
  AUTH_TOKEN_SECRET: vars.AUTH_TOKEN_SECRET,
  API_URL: vars.API_URL,
  CHROMIUM_PATH: vars.CHROMIUM_PATH,
  // Campaigns read their audience from a segment version batch by batch, each read bounded like an export's query.
  EXPORTS_QUERY_TIMEOUT: apiVars.EXPORTS_QUERY_TIMEOUT,
} as const;

export type WorkerConfig = ReturnType<typeof readWorkerConfig>;

export function readWorkerConfig(env: NodeJS.ProcessEnv = process.env) {
  return readEnv(workerVars, env);
}

/** Each housekeeping job's cron, as configured. */
export function housekeepingCrons(config: WorkerConfig): HousekeepingCrons {
  return {
    'redemption-holds': config.HOUSEKEEPING_REDEMPTION_HOLDS_CRON,
    'points-expiry': config.HOUSEKEEPING_POINTS_EXPIRY_CRON,
    'tier-downgrades': config.HOUSEKEEPING_TIER_DOWNGRADES_CRON,
    sessions: config.HOUSEKEEPING_SESSIONS_CRON,
    'idempotency-keys': config.HOUSEKEEPING_IDEMPOTENCY_KEYS_CRON,
    'warehouse-history': config.HOUSEKEEPING_WAREHOUSE_HISTORY_CRON,
    'member-erasures': config.HOUSEKEEPING_MEMBER_ERASURES_CRON,
  };
}
