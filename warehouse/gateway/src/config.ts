import { ConfigError, gatewayVars, type LogLevel, readEnv } from '@loyaltystudio/config';

export { ConfigError };

export interface UserConfig {
  name: string;
  password: string;
  readonly: boolean;
}

export interface GatewayConfig {
  logLevel: LogLevel;
  host: string;
  port: number;
  dataDir: string;
  poolSize: number;
  readonlyPoolSize: number;
  /** Default idle lifetime of a session, in seconds; `session_timeout` may ask for another. */
  sessionTimeoutSeconds: number;
  users: UserConfig[];
  /** BI users bound to one tenant (`monet bi-user` writes it); none when unset or missing. */
  tenantUsersFile: string | undefined;
}

/** Reads the gateway's configuration from the environment, failing with one line on the first bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv): GatewayConfig {
  const e = readEnv(gatewayVars, env);
  if (e.CLICKHOUSE_USER === e.CLICKHOUSE_READONLY_USER) {
    throw new ConfigError(
      'CLICKHOUSE_READONLY_USER',
      `a user name other than CLICKHOUSE_USER`,
      e.CLICKHOUSE_READONLY_USER,
    );
  }
  return {
    logLevel: e.LOG_LEVEL,
    host: e.GATEWAY_HOST,
    port: e.CLICKHOUSE_HTTP_PORT,
    dataDir: e.GATEWAY_DATA_DIR,
    poolSize: e.GATEWAY_POOL_SIZE,
    readonlyPoolSize: e.GATEWAY_READONLY_POOL_SIZE,
    sessionTimeoutSeconds: e.GATEWAY_SESSION_TIMEOUT,
    users: [
      { name: e.CLICKHOUSE_USER, password: e.CLICKHOUSE_PASSWORD, readonly: false },
      { name: e.CLICKHOUSE_READONLY_USER, password: e.CLICKHOUSE_READONLY_PASSWORD, readonly: true },
    ],
    tenantUsersFile: e.GATEWAY_BI_USERS_FILE,
  };
}
