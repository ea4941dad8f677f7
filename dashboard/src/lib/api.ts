import type { paths } from '@loyaltystudio/api-client';
import { dashboardConfig } from '../config.ts';

// The status report's types come from the client generated from the api's OpenAPI document.
export type SystemStatus = paths['/v1/system/status']['get']['responses'][200]['content']['application/json'];
export type ServiceStatus = SystemStatus['services'][number];
export type ServiceName = ServiceStatus['name'];
export type UpDown = ServiceStatus['status'];
export type WorkflowCheck = SystemStatus['workflow'];

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

interface Expected<T> {
  /** HTTP statuses whose body is an answer. */
  statuses: number[];
  /** What the body must be, named for the error message. */
  is: (body: unknown) => body is T;
  name: string;
}

async function getJson<T>(path: string, expected: Expected<T>): Promise<T> {
  const apiUrl = dashboardConfig().API_URL;
  // Appended rather than resolved, so an API_URL with a path prefix (behind a proxy) keeps it.
  const url = `${apiUrl.replace(/\/+$/, '')}${path}`;
  const badAnswer = (what: string) => new ApiError('bad-answer', apiUrl, url, `the api answered ${what}`);
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
  if (!expected.statuses.includes(response.status)) {
    throw badAnswer(`HTTP ${response.status} ${response.statusText}`.trim());
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    throw badAnswer(`HTTP ${response.status} with a body that is not JSON`);
  }
  if (!expected.is(body)) throw badAnswer(`HTTP ${response.status} with JSON that is not ${expected.name}`);
  return body;
}

/** Node's fetch hides the useful part (ECONNREFUSED, ENOTFOUND) in `cause`. */
function describeFetchFailure(err: unknown): string {
  if (err instanceof Error && err.name === 'TimeoutError') return `no answer within ${REQUEST_TIMEOUT_MS} ms`;
  const cause = err instanceof Error ? err.cause : undefined;
  if (cause instanceof Error && 'code' in cause && typeof cause.code === 'string')
    return `could not connect (${cause.code})`;
  return `could not connect (${cause instanceof Error ? cause.message : err instanceof Error ? err.message : String(err)})`;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** A degraded report may come with HTTP 503, as health checks do, so both statuses carry a report. */
export function getSystemStatus(): Promise<SystemStatus> {
  return getJson('/v1/system/status', {
    statuses: [200, 503],
    // Enough shape for the page to render; the OpenAPI-typed client will own the full contract.
    is: (body): body is SystemStatus => isObject(body) && Array.isArray(body.services) && isObject(body.workflow),
    name: 'a system status report',
  });
}
