import { type EnvValues, readEnv, vars } from '@loyaltystudio/config';

/** The variables analytics reads; their defaults in config/src/vars.ts are the only ones. */
export const analyticsVars = {
  ANALYTICS_QUERY_TIMEOUT: vars.ANALYTICS_QUERY_TIMEOUT,
  ANALYTICS_MAX_RESULT_ROWS: vars.ANALYTICS_MAX_RESULT_ROWS,
  ANALYTICS_MAX_RANGE_DAYS: vars.ANALYTICS_MAX_RANGE_DAYS,
} as const;

export interface AnalyticsSettings {
  /** max_execution_time of every query, in seconds. */
  timeoutSeconds: number;
  /** max_result_rows of every query; a larger result is refused with 422. */
  maxResultRows: number;
  /** Widest from–to range a request may ask for, in days (both ends included). */
  maxRangeDays: number;
}

export function analyticsSettings(env: EnvValues<typeof analyticsVars>): AnalyticsSettings {
  return {
    timeoutSeconds: env.ANALYTICS_QUERY_TIMEOUT,
    maxResultRows: env.ANALYTICS_MAX_RESULT_ROWS,
    maxRangeDays: env.ANALYTICS_MAX_RANGE_DAYS,
  };
}

/** The documented defaults, for callers (tests, tools) that build the app without reading the environment. */
export const DEFAULT_ANALYTICS_SETTINGS: AnalyticsSettings = analyticsSettings(readEnv(analyticsVars, {}));
