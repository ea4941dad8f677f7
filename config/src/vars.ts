import { isIP } from 'node:net';
import { z } from 'zod';
import { cronProblem } from './cron.ts';
import { boundedInt, envVar, hostPort, logLevel, optionalUrl, port, positiveInt, text, url } from './env.ts';

/** A five-field cron expression (minute hour day-of-month month day-of-week), in UTC, for a Temporal Schedule. */
const cron = (description: string, def: string) =>
  envVar(
    z
      .string()
      .trim()
      .refine((expression) => cronProblem(expression) === null),
    'a five-field cron expression, in UTC (e.g. "*/15 * * * *")',
    `${description} (cron, UTC)`,
    def,
  );

/** proxy-addr's names for address ranges, which Fastify's trustProxy accepts beside addresses and CIDRs. */
const PROXY_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isProxyAddress(entry: string): boolean {
  if (PROXY_RANGES.has(entry)) return true;
  const [address = '', bits, ...rest] = entry.split('/');
  const family = isIP(address);
  if (!family || rest.length) return false;
  return bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128));
}

/**
 * Fastify's trustProxy: false, true, or the proxies' addresses. Only a trusted peer's X-Forwarded-For names the
 * client. (Fastify 5 no longer honours a hop count: it trusts no peer it cannot check by address.)
 */
const trustProxy = envVar(
  z
    .string()
    .trim()
    .refine((v) => v === 'true' || v === 'false' || v.split(',').every((e) => isProxyAddress(e.trim())))
    .transform((v): boolean | string[] =>
      v === 'true' || v === 'false' ? v === 'true' : v.split(',').map((e) => e.trim()),
    ),
  'false, true, or comma-separated proxy addresses, CIDRs or loopback/linklocal/uniquelocal',
  'Proxies whose X-Forwarded-For names the client: false, true, or their addresses/CIDRs (docs/access.md)',
  'false',
);

/**
 * Every environment variable Monet reads, in one place. Services pick the ones they need; the README's
 * configuration table is generated from this list (`npm run monet -- config`).
 */
export const vars = {
  MONET_HOME: text('Where the embedded stack keeps its data and logs', '.monet'),
  MONET_SEED_DEMO: envVar(
    z.enum(['true', 'false']).transform((v) => v === 'true'),
    'true or false',
    '`monet up` seeds the demo tenant (Demo Coffee Co.) when it finds no tenant in Postgres',
    'true',
  ),
  LOG_LEVEL: logLevel(),

  DATABASE_URL: optionalUrl('External Postgres (14+, wal_level=logical); unset runs embedded Postgres', [
    'postgres',
    'postgresql',
  ]),
  POSTGRES_PORT: port('Port of the embedded Postgres', 5432),

  CLICKHOUSE_URL: optionalUrl('External ClickHouse HTTP endpoint; unset runs the embedded gateway over chDB', [
    'http',
    'https',
  ]),
  CLICKHOUSE_HTTP_PORT: port('Port of the embedded ClickHouse HTTP gateway', 8123),
  CLICKHOUSE_USER: text('ClickHouse user for Monet itself (read/write)', 'monet'),
  CLICKHOUSE_PASSWORD: text('Password of CLICKHOUSE_USER', 'monet'),
  CLICKHOUSE_READONLY_USER: text('Read-only ClickHouse user for BI tools (gateway)', 'monet_reader'),
  CLICKHOUSE_READONLY_PASSWORD: text('Password of CLICKHOUSE_READONLY_USER', 'monet_reader'),
  CLICKHOUSE_CLUSTER: envVar(
    z
      .string()
      .regex(/^[A-Za-z_][A-Za-z0-9_]*$/)
      .optional(),
    'a cluster name from remote_servers, or unset',
    'ClickHouse cluster: tables replicated and Distributed, DDL ON CLUSTER (docs/scaling.md); unset: 1 server',
  ),

  GATEWAY_HOST: text('Interface the embedded ClickHouse gateway listens on', '127.0.0.1'),
  GATEWAY_POOL_SIZE: boundedInt('Engine connections the gateway keeps for read/write requests', 1, 64, 4),
  GATEWAY_READONLY_POOL_SIZE: boundedInt('Engine connections the gateway keeps for the read-only user', 1, 64, 2),
  GATEWAY_BI_USERS_FILE: envVar(
    z.string().min(1).optional(),
    'a file path, or unset',
    'BI users of the gateway bound to one tenant, written by `monet bi-user`; unset: MONET_HOME/bi-users.json',
  ),
  GATEWAY_SESSION_TIMEOUT: boundedInt(
    'Seconds an idle ClickHouse session (session_id) lives in the gateway',
    1,
    86_400,
    60,
  ),

  TEMPORAL_ADDRESS: envVar(
    z
      .string()
      .regex(/^[^\s:/]+:\d{1,5}$/)
      .optional(),
    'host:port, or unset',
    'External Temporal frontend; unset runs the Temporal CLI dev server',
  ),
  TEMPORAL_NAMESPACE: text('Temporal namespace', 'default'),
  TEMPORAL_PORT: port('gRPC port of the embedded Temporal dev server', 7233),
  TEMPORAL_UI_PORT: port('Web UI port of the embedded Temporal dev server', 8233),
  TEMPORAL_CLI: text('The Temporal CLI that runs the dev server', '.venv/bin/temporal'),

  API_HOST: text('Interface the api listens on', '127.0.0.1'),
  API_PORT: port('HTTP port of the api', 4000),
  API_URL: url('Where the dashboard finds the api', ['http', 'https'], 'http://127.0.0.1:4000'),
  API_BODY_LIMIT: positiveInt('Largest request body the api accepts, in bytes', 1_048_576),
  TRUST_PROXY: trustProxy,

  AUTH_TOKEN_SECRET: envVar(
    z.string().min(32).optional(),
    'a random string of 32 characters or more',
    'Signs access tokens; when unset, `monet up` generates one into MONET_HOME/secrets',
  ),
  ACCESS_TOKEN_TTL: positiveInt('Lifetime of an access token, in seconds', 900),
  REFRESH_TOKEN_TTL: positiveInt('Lifetime of a session (its refresh tokens), in seconds', 2_592_000),

  WEBHOOK_POLL_INTERVAL_MS: boundedInt(
    'How often the webhook dispatcher looks for new events when idle, in ms',
    10,
    60_000,
    1000,
  ),
  WEBHOOK_CONCURRENCY: boundedInt('Webhook deliveries one api instance sends at the same time', 1, 256, 8),
  WEBHOOK_TIMEOUT_MS: boundedInt(
    'Longest a webhook endpoint may take to answer one attempt, in ms',
    100,
    60_000,
    10_000,
  ),
  WEBHOOK_MAX_ATTEMPTS: boundedInt('Attempts before a webhook delivery is marked failed', 1, 30, 12),
  WEBHOOK_BACKOFF_BASE_MS: positiveInt('Wait before the first webhook retry, in ms; doubles with each retry', 30_000),
  WEBHOOK_BACKOFF_MAX_MS: positiveInt('Longest wait between two webhook attempts, in ms', 21_600_000),
  WEBHOOK_ALLOW_LOOPBACK: envVar(
    z.enum(['true', 'false']).transform((v) => v === 'true'),
    'true or false',
    'Allow loopback webhook endpoints (127.0.0.0/8, ::1), over http or https: development only',
    'false',
  ),

  HOUSEKEEPING_REDEMPTION_HOLDS_CRON: cron('When the worker expires unfulfilled redemption holds', '* * * * *'),
  HOUSEKEEPING_POINTS_EXPIRY_CRON: cron('When the worker expires points whose lots ran out', '*/15 * * * *'),
  HOUSEKEEPING_TIER_DOWNGRADES_CRON: cron('When the worker applies the tier downgrades of ended periods', '0 3 * * *'),
  HOUSEKEEPING_SESSIONS_CRON: cron('When the worker deletes ended sessions and expired refresh tokens', '0 * * * *'),
  HOUSEKEEPING_IDEMPOTENCY_KEYS_CRON: cron('When the worker deletes expired idempotency keys', '0 * * * *'),
  HOUSEKEEPING_WAREHOUSE_HISTORY_CRON: cron(
    'When the worker deletes old versions of personal data from ClickHouse raw.*',
    '30 3 * * *',
  ),
  HOUSEKEEPING_MEMBER_ERASURES_CRON: cron(
    'When the worker restarts member erasures that have not reached the warehouse yet',
    '*/10 * * * *',
  ),
  WAREHOUSE_HISTORY_RETENTION_DAYS: boundedInt(
    'Days a superseded version of personal data (an old email) stays in ClickHouse raw.*',
    0,
    3650,
    30,
  ),
  DBT_BUILD_CRON: cron('When the worker builds the marts (`dbt build` of warehouse/dbt)', '*/15 * * * *'),
  CHURN_SCORING_CRON: cron(
    "When the worker scores every tenant's members for churn risk and lifetime value",
    '0 4 * * *',
  ),
  CLV_HORIZON_DAYS: boundedInt('Days ahead the predicted lifetime value covers', 1, 3650, 365),
  ML_MODELS_DIR: envVar(
    z.string().min(1).optional(),
    'a directory path, or unset',
    "Tenants' own models (`npm run ml:train`), under tenants/<id>; unset: MONET_HOME/models",
  ),
  SCORING_BATCH_ROWS: boundedInt('Members a scoring run scores and writes at a time', 100, 1_000_000, 50_000),

  ANALYTICS_QUERY_TIMEOUT: boundedInt(
    'Longest one analytics query may run in ClickHouse, in seconds (max_execution_time)',
    1,
    600,
    10,
  ),
  ANALYTICS_MAX_RESULT_ROWS: boundedInt(
    'Most rows one analytics query may return (max_result_rows); a larger result is refused',
    1000,
    10_000_000,
    100_000,
  ),
  ANALYTICS_MAX_RANGE_DAYS: boundedInt('Widest date range an analytics request may ask for, in days', 31, 3660, 1096),

  EXPORTS_DIR: envVar(
    z.string().min(1).optional(),
    'a directory path, or unset',
    'Where the api writes export files; unset: MONET_HOME/exports',
  ),
  EXPORTS_LINK_SECRET: envVar(
    z.string().min(32).optional(),
    'a random string of 32 characters or more, or unset',
    'Signs export download links; unset: derived from AUTH_TOKEN_SECRET',
  ),
  EXPORTS_LINK_TTL: boundedInt('Lifetime of an export download link, in seconds', 60, 604_800, 3600),
  EXPORTS_QUERY_TIMEOUT: boundedInt(
    'Longest one export query may run in ClickHouse, in seconds (max_execution_time)',
    1,
    86_400,
    1800,
  ),
  EXPORTS_MAX_RANGE_DAYS: boundedInt('Widest date range an export filter may ask for, in days', 1, 36_600, 3660),
  EXPORTS_CONCURRENCY: boundedInt('Exports one api instance writes at the same time; later ones queue', 1, 32, 2),
  IMPORTS_MAX_BYTES: boundedInt(
    'Largest import request body, and largest file fetched by URL, in bytes',
    1_048_576,
    2_147_483_647,
    536_870_912,
  ),
  IMPORTS_CHUNK_MEMBERS: boundedInt(
    'Members an import writes per transaction (its cursor moves by chunks)',
    1,
    100_000,
    2_000,
  ),
  MONET_API_URL: optionalUrl('The api `monet import` talks to; unset: http://API_HOST:API_PORT', ['http', 'https']),
  MONET_API_KEY: envVar(
    z.string().min(1).optional(),
    'an API key, or unset',
    'The API key `monet import` sends (scope imports:write); or pass --api-key',
  ),

  SMTP_URL: optionalUrl(
    'SMTP relay for report messages (smtp:// or smtps://, credentials in the URL); unset: the local server',
    ['smtp', 'smtps'],
  ),
  MAIL_SMTP_PORT: port('Port of the local SMTP server of `monet up`, which keeps every message (the outbox)', 2525),
  MAIL_OUTBOX_DIR: envVar(
    z.string().min(1).optional(),
    'a directory path, or unset',
    'Where the local SMTP server keeps the messages it received; unset: MONET_HOME/outbox',
  ),
  MAIL_FROM: text('The From address of report messages', 'Monet reports <reports@monet.localhost>'),
  REPORTS_LINK_SECRET: envVar(
    z.string().min(32).optional(),
    'a random string of 32 characters or more, or unset',
    'Signs the unsubscribe links of report messages; unset: derived from AUTH_TOKEN_SECRET',
  ),
  REPORTS_DIR: envVar(
    z.string().min(1).optional(),
    'a directory path, or unset',
    'Where the worker renders report files before mailing them; unset: MONET_HOME/reports',
  ),
  CHROMIUM_PATH: text('The Chromium the worker prints report PDFs with', '/usr/bin/chromium'),

  CDC_TABLES: envVar(
    z
      .string()
      .regex(/^[a-z_][a-z0-9_]*(,[a-z_][a-z0-9_]*)*$/)
      .transform((v) => v.split(',')),
    'comma-separated Postgres table names, each with a raw.<table> in ClickHouse',
    'Tables the change stream captures',
    'tenants,programs,rules,rule_versions,members,events,ledger_entries,balances,point_lots,lot_allocations,rewards,redemptions,tiers,tier_changes,guest_purchases,campaigns,campaign_members',
  ),
  CDC_PUBLICATION: text('Postgres publication the change stream reads (created if missing)', 'monet_cdc'),
  CDC_SLOT: text('Logical replication slot of the change stream (created if missing; survives restarts)', 'monet_cdc'),
  CDC_BATCH_ROWS: boundedInt('Rows after which the change stream writes a batch to ClickHouse', 1, 1_000_000, 10_000),
  CDC_MAX_BATCH_DELAY_MS: boundedInt(
    'Longest a captured change waits for its batch to be written to ClickHouse, in ms',
    10,
    60_000,
    250,
  ),
  CDC_METRICS_HOST: text('Interface the change stream serves /metrics and /healthz on', '127.0.0.1'),
  CDC_METRICS_PORT: port("HTTP port of the change stream's /metrics and /healthz", 9464),

  DASHBOARD_PORT: port('HTTP port of the dashboard', 3000),
} as const;

/** The gateway's own view: it always serves a data directory the supervisor (or a test) gives it. */
export const gatewayVars = {
  LOG_LEVEL: vars.LOG_LEVEL,
  CLICKHOUSE_HTTP_PORT: vars.CLICKHOUSE_HTTP_PORT,
  GATEWAY_HOST: vars.GATEWAY_HOST,
  GATEWAY_DATA_DIR: envVar(z.string().min(1), 'the directory holding the warehouse data', 'chDB data directory'),
  GATEWAY_POOL_SIZE: vars.GATEWAY_POOL_SIZE,
  GATEWAY_READONLY_POOL_SIZE: vars.GATEWAY_READONLY_POOL_SIZE,
  GATEWAY_SESSION_TIMEOUT: vars.GATEWAY_SESSION_TIMEOUT,
  GATEWAY_BI_USERS_FILE: vars.GATEWAY_BI_USERS_FILE,
  CLICKHOUSE_USER: vars.CLICKHOUSE_USER,
  CLICKHOUSE_PASSWORD: vars.CLICKHOUSE_PASSWORD,
  CLICKHOUSE_READONLY_USER: vars.CLICKHOUSE_READONLY_USER,
  CLICKHOUSE_READONLY_PASSWORD: vars.CLICKHOUSE_READONLY_PASSWORD,
} as const;

/** The api's own view: the supervisor passes resolved URLs, so every engine address is concrete here. */
export const apiVars = {
  LOG_LEVEL: vars.LOG_LEVEL,
  API_HOST: vars.API_HOST,
  API_PORT: vars.API_PORT,
  API_BODY_LIMIT: vars.API_BODY_LIMIT,
  TRUST_PROXY: vars.TRUST_PROXY,
  DATABASE_URL: url(
    'Postgres connection URL',
    ['postgres', 'postgresql'],
    'postgres://monet:monet@127.0.0.1:5432/monet',
  ),
  CLICKHOUSE_URL: url('ClickHouse HTTP endpoint', ['http', 'https'], 'http://127.0.0.1:8123'),
  CLICKHOUSE_USER: vars.CLICKHOUSE_USER,
  CLICKHOUSE_PASSWORD: vars.CLICKHOUSE_PASSWORD,
  TEMPORAL_ADDRESS: hostPort('Temporal frontend', '127.0.0.1:7233'),
  TEMPORAL_NAMESPACE: vars.TEMPORAL_NAMESPACE,
  AUTH_TOKEN_SECRET: envVar(z.string().min(32), 'a random string of 32 characters or more', 'Signs access tokens'),
  ACCESS_TOKEN_TTL: vars.ACCESS_TOKEN_TTL,
  REFRESH_TOKEN_TTL: vars.REFRESH_TOKEN_TTL,
  WEBHOOK_POLL_INTERVAL_MS: vars.WEBHOOK_POLL_INTERVAL_MS,
  WEBHOOK_CONCURRENCY: vars.WEBHOOK_CONCURRENCY,
  WEBHOOK_TIMEOUT_MS: vars.WEBHOOK_TIMEOUT_MS,
  WEBHOOK_MAX_ATTEMPTS: vars.WEBHOOK_MAX_ATTEMPTS,
  WEBHOOK_BACKOFF_BASE_MS: vars.WEBHOOK_BACKOFF_BASE_MS,
  WEBHOOK_BACKOFF_MAX_MS: vars.WEBHOOK_BACKOFF_MAX_MS,
  WEBHOOK_ALLOW_LOOPBACK: vars.WEBHOOK_ALLOW_LOOPBACK,
  ANALYTICS_QUERY_TIMEOUT: vars.ANALYTICS_QUERY_TIMEOUT,
  ANALYTICS_MAX_RESULT_ROWS: vars.ANALYTICS_MAX_RESULT_ROWS,
  ANALYTICS_MAX_RANGE_DAYS: vars.ANALYTICS_MAX_RANGE_DAYS,
  EXPORTS_DIR: text('Where the api writes export files', '.monet/exports'),
  // GET /v1/models lists the tenant's own models beside the shipped ones, as the worker finds them.
  MONET_HOME: vars.MONET_HOME,
  ML_MODELS_DIR: vars.ML_MODELS_DIR,
  CLV_HORIZON_DAYS: vars.CLV_HORIZON_DAYS,
  EXPORTS_LINK_SECRET: vars.EXPORTS_LINK_SECRET,
  EXPORTS_LINK_TTL: vars.EXPORTS_LINK_TTL,
  EXPORTS_QUERY_TIMEOUT: vars.EXPORTS_QUERY_TIMEOUT,
  EXPORTS_MAX_RANGE_DAYS: vars.EXPORTS_MAX_RANGE_DAYS,
  EXPORTS_CONCURRENCY: vars.EXPORTS_CONCURRENCY,
  IMPORTS_MAX_BYTES: vars.IMPORTS_MAX_BYTES,
  IMPORTS_CHUNK_MEMBERS: vars.IMPORTS_CHUNK_MEMBERS,
  REPORTS_LINK_SECRET: vars.REPORTS_LINK_SECRET,
  // Set by `monet up` when it runs the local SMTP server: the outbox route lists what it kept.
  MAIL_OUTBOX_DIR: vars.MAIL_OUTBOX_DIR,
} as const;

/** The change stream's own view: like the api, it is given concrete engine addresses. */
export const cdcVars = {
  LOG_LEVEL: vars.LOG_LEVEL,
  DATABASE_URL: apiVars.DATABASE_URL,
  CLICKHOUSE_URL: apiVars.CLICKHOUSE_URL,
  CLICKHOUSE_USER: vars.CLICKHOUSE_USER,
  CLICKHOUSE_PASSWORD: vars.CLICKHOUSE_PASSWORD,
  CDC_TABLES: vars.CDC_TABLES,
  CDC_PUBLICATION: vars.CDC_PUBLICATION,
  CDC_SLOT: vars.CDC_SLOT,
  CDC_BATCH_ROWS: vars.CDC_BATCH_ROWS,
  CDC_MAX_BATCH_DELAY_MS: vars.CDC_MAX_BATCH_DELAY_MS,
  CDC_METRICS_HOST: vars.CDC_METRICS_HOST,
  CDC_METRICS_PORT: vars.CDC_METRICS_PORT,
} as const;
