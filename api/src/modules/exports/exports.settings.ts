import { randomBytes } from 'node:crypto';
import { type EnvValues, readEnv, vars } from '@loyaltystudio/config';
import { linkSecret } from './exports.links.ts';

/** The variables exports read; their defaults in config/src/vars.ts are the only ones. */
export const exportsVars = {
  EXPORTS_LINK_SECRET: vars.EXPORTS_LINK_SECRET,
  EXPORTS_LINK_TTL: vars.EXPORTS_LINK_TTL,
  EXPORTS_QUERY_TIMEOUT: vars.EXPORTS_QUERY_TIMEOUT,
  EXPORTS_MAX_RANGE_DAYS: vars.EXPORTS_MAX_RANGE_DAYS,
  EXPORTS_CONCURRENCY: vars.EXPORTS_CONCURRENCY,
} as const;

export interface ExportSettings {
  /** Where files are written: `<dir>/<tenant id>/<export id>.<format>`. */
  dir: string;
  /** Signs download links (HMAC-SHA256). */
  linkSecret: string;
  /** Lifetime of a download link, in seconds. */
  linkTtlSeconds: number;
  /** max_execution_time of an export query, in seconds. */
  timeoutSeconds: number;
  /** Widest from–to filter, in days (both ends included). */
  maxRangeDays: number;
  /** Exports written at the same time by this instance; later ones wait as `queued`. */
  concurrency: number;
}

export function exportSettings(
  env: EnvValues<typeof exportsVars> & { EXPORTS_DIR: string; AUTH_TOKEN_SECRET: string },
): ExportSettings {
  return {
    dir: env.EXPORTS_DIR,
    linkSecret: linkSecret(env.EXPORTS_LINK_SECRET, env.AUTH_TOKEN_SECRET),
    linkTtlSeconds: env.EXPORTS_LINK_TTL,
    timeoutSeconds: env.EXPORTS_QUERY_TIMEOUT,
    maxRangeDays: env.EXPORTS_MAX_RANGE_DAYS,
    concurrency: env.EXPORTS_CONCURRENCY,
  };
}

/**
 * The documented defaults, for callers (tests, tools) that build the app without reading the environment: files
 * under `.monet/exports` of the working directory, and a link secret of this process only.
 */
export const DEFAULT_EXPORT_SETTINGS: ExportSettings = exportSettings({
  ...readEnv(exportsVars, {}),
  EXPORTS_DIR: '.monet/exports',
  AUTH_TOKEN_SECRET: randomBytes(32).toString('base64url'),
});
