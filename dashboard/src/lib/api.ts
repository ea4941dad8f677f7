import { dashboardConfig } from '../config.ts';

// The api's answers, typed by hand until a client generated from the api's OpenAPI document replaces this module.

export type ServiceName = 'postgres' | 'clickhouse' | 'temporal' | 'worker';
export type UpDown = 'up' | 'down';

export interface ServiceStatus {
  name: ServiceName;
  status: UpDown;
  latencyMs: number;
  detail: string;
  url: string;
}

export interface WorkflowCheck {
  status: UpDown;
  workflowId: string;
  worker: string;
  roundTripMs: number;
  detail: string;
}

/** `GET /v1/system/status`: every engine the stack runs on, and one workflow's round trip through a worker. */
export interface SystemStatus {
  status: 'ok' | 'degraded';
  checkedAt: string;
  version: string;
  services: ServiceStatus[];
  workflow: WorkflowCheck;
}

/** The api could not be asked (`unreachable`), or did not answer as its contract says (`bad-answer`). */
export class ApiError extends Error {
  constructor(
    readonly kind: 'unreachable' | 'bad-answer',
    /** API_URL, as configured. */
    readonly apiUrl: string,
    /** The full address that was asked. */
    readonly url: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

// A page waits at most this long for the api, so an api that hangs shows as an error rather than a blank page.
const REQUEST_TIMEOUT_MS = 5_000;

async function getJson<T>(path: string, accept: (status: number) => boolean): Promise<T> {
  const apiUrl = dashboardConfig().API_URL;
  // Appended rather than resolved, so an API_URL with a path prefix (behind a proxy) keeps it.
  const url = `${apiUrl.replace(/\/+$/, '')}${path}`;
  let response: Response;
  try {
    response = await fetch(url, {
      cache: 'no-store',
      headers: { accept: 'application/json' },
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
  } catch (err) {
    throw new ApiError('unreachable', apiUrl, url, describeFetchFailure(err));
  }
  if (!accept(response.status)) {
    throw new ApiError(
      'bad-answer',
      apiUrl,
      url,
      `the api answered HTTP ${response.status} ${response.statusText}`.trim(),
    );
  }
  try {
    return (await response.json()) as T;
  } catch {
    throw new ApiError(
      'bad-answer',
      apiUrl,
      url,
      `the api answered HTTP ${response.status} with a body that is not JSON`,
    );
  }
}

/** Node's fetch hides the useful part (ECONNREFUSED, ENOTFOUND) in `cause`. */
function describeFetchFailure(err: unknown): string {
  if (err instanceof Error && err.name === 'TimeoutError') return `no answer within ${REQUEST_TIMEOUT_MS} ms`;
  const cause = err instanceof Error ? err.cause : undefined;
  if (cause instanceof Error && 'code' in cause && typeof cause.code === 'string')
    return `could not connect (${cause.code})`;
  return `could not connect (${cause instanceof Error ? cause.message : err instanceof Error ? err.message : String(err)})`;
}

/** The api answers 503 with the same body when a service is down, so both statuses carry a report. */
export function getSystemStatus(): Promise<SystemStatus> {
  return getJson<SystemStatus>('/v1/system/status', (status) => status === 200 || status === 503);
}
