import { z } from 'zod';

export interface UserConfig {
  name: string;
  password: string;
  readonly: boolean;
}

export interface GatewayConfig {
  host: string;
  port: number;
  dataDir: string;
  poolSize: number;
  readonlyPoolSize: number;
  /** Default idle lifetime of a session, in seconds; `session_timeout` may ask for another. */
  sessionTimeoutSeconds: number;
  users: UserConfig[];
}

/** A configuration that cannot start the gateway; the message is one line naming the variable. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

const integer = (min: number, max: number, fallback: number) =>
  z
    .string()
    .regex(/^\d+$/, `must be an integer from ${min} to ${max}`)
    .transform(Number)
    .pipe(
      z
        .number()
        .min(min, `must be an integer from ${min} to ${max}`)
        .max(max, `must be an integer from ${min} to ${max}`),
    )
    .default(fallback);

const text = (fallback: string, what: string) => z.string().min(1, `must be ${what}`).default(fallback);

const envSchema = z.object({
  CLICKHOUSE_HTTP_PORT: integer(1, 65535, 8123),
  GATEWAY_HOST: text('127.0.0.1', 'a host name or IP address to listen on'),
  GATEWAY_DATA_DIR: z
    .string({ error: 'is required: the directory holding the warehouse data' })
    .min(1, 'is required: the directory holding the warehouse data'),
  GATEWAY_POOL_SIZE: integer(1, 64, 4),
  GATEWAY_READONLY_POOL_SIZE: integer(1, 64, 2),
  GATEWAY_SESSION_TIMEOUT: integer(1, 86_400, 60),
  CLICKHOUSE_USER: text('monet', 'a non-empty user name'),
  CLICKHOUSE_PASSWORD: z.string().default('monet'),
  CLICKHOUSE_READONLY_USER: text('monet_reader', 'a non-empty user name'),
  CLICKHOUSE_READONLY_PASSWORD: z.string().default('monet_reader'),
});

/** Reads the gateway's configuration from the environment, failing with one line on the first bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv): GatewayConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const variable = String(issue?.path[0] ?? 'environment');
    const value = env[variable];
    const got = value === undefined ? '' : ` (got ${JSON.stringify(value)})`;
    throw new ConfigError(`${variable} ${issue?.message ?? 'is invalid'}${got}`);
  }
  const e = parsed.data;
  if (e.CLICKHOUSE_USER === e.CLICKHOUSE_READONLY_USER) {
    throw new ConfigError(
      `CLICKHOUSE_READONLY_USER must differ from CLICKHOUSE_USER (both are ${JSON.stringify(e.CLICKHOUSE_USER)})`,
    );
  }
  return {
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
  };
}
