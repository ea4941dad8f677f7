import { z } from 'zod';

/** A configuration problem, worded for one line on a terminal: the variable, what it expects, what it got. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    readonly expected: string,
    readonly received: string | undefined,
  ) {
    super(
      received === undefined
        ? `${variable} is required: expected ${expected}`
        : `${variable}=${JSON.stringify(received)} is invalid: expected ${expected}`,
    );
    this.name = 'ConfigError';
  }
}

/** One environment variable: its schema, and the words used in docs and errors. */
export interface EnvVar<T extends z.ZodType = z.ZodType> {
  schema: T;
  expected: string;
  description: string;
  default?: string;
}

export type EnvSpec = Record<string, EnvVar>;
export type EnvValues<S extends EnvSpec> = { [K in keyof S]: z.output<S[K]['schema']> };

export function envVar<T extends z.ZodType>(schema: T, expected: string, description: string, def?: string): EnvVar<T> {
  return { schema, expected, description, default: def };
}

export const port = (description: string, def: number) =>
  envVar(z.coerce.number().int().min(1).max(65535), 'a TCP port (1-65535)', description, String(def));

export const url = (description: string, protocols: string[], def?: string) =>
  envVar(
    z.string().refine((v) => {
      try {
        return protocols.includes(new URL(v).protocol.replace(/:$/, ''));
      } catch {
        return false;
      }
    }),
    `a ${protocols.join(' or ')} URL`,
    description,
    def,
  );

export const optionalUrl = (description: string, protocols: string[]) => {
  const inner = url(description, protocols);
  return envVar(inner.schema.optional(), `${inner.expected}, or unset`, description);
};

export const text = (description: string, def?: string) =>
  envVar(z.string().min(1), 'a non-empty string', description, def);

export const hostPort = (description: string, def?: string) =>
  envVar(z.string().regex(/^[^\s:/]+:\d{1,5}$/), 'host:port', description, def);

export const positiveInt = (description: string, def: number) =>
  envVar(z.coerce.number().int().positive(), 'a positive integer', description, String(def));

export const boundedInt = (description: string, min: number, max: number, def: number) =>
  envVar(z.coerce.number().int().min(min).max(max), `an integer from ${min} to ${max}`, description, String(def));

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const logLevel = (def: LogLevel = 'info') =>
  envVar(z.enum(LOG_LEVELS), 'one of fatal, error, warn, info, debug, trace, silent', 'Log level', def);

/**
 * Reads the variables a service declares. An empty string counts as unset, so `FOO= cmd` falls back to the
 * default. The first bad variable throws a ConfigError naming it.
 */
export function readEnv<S extends EnvSpec>(spec: S, env: NodeJS.ProcessEnv = process.env): EnvValues<S> {
  const out: Record<string, unknown> = {};
  for (const [name, v] of Object.entries(spec)) {
    const raw = env[name] === '' ? undefined : env[name];
    const value = raw ?? v.default;
    const parsed = v.schema.safeParse(value);
    if (!parsed.success) throw new ConfigError(name, v.expected, raw);
    out[name] = parsed.data;
  }
  return out as EnvValues<S>;
}
