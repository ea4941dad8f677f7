import { type EnvValues, readEnv, vars } from '@loyaltystudio/config';

/** The dashboard server's environment. */
export const dashboardVars = { API_URL: vars.API_URL } as const;

let cached: EnvValues<typeof dashboardVars> | undefined;

/**
 * The dashboard server's configuration, read on first use at request time: pages render per request, so
 * one build runs against any api. (DASHBOARD_PORT is read by `next start` through the package's start script.)
 */
export function dashboardConfig(): EnvValues<typeof dashboardVars> {
  cached ??= readEnv(dashboardVars);
  return cached;
}
