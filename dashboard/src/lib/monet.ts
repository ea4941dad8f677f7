import { createMonetClient, type MonetClient } from '@loyaltystudio/api-client';
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { dashboardConfig } from '../config.ts';
import { ACCESS_COOKIE } from './session.ts';

// Every page asks the api from the server, through the client generated from the api's OpenAPI document, with the
// signed-in user's access token from its httpOnly cookie. A page waits at most this long, so an api that hangs shows
// as an error rather than a blank page.
const REQUEST_TIMEOUT_MS = 10_000;

/** A problem the page shows in words: never raw JSON, never a stack trace. */
export interface Problem {
  status: number;
  title: string;
  detail: string;
  /** The warehouse is down or its marts are not built yet (503 warehouse-unavailable). */
  warehouseBuilding?: boolean;
}

export type Loaded<T> = { ok: true; data: T } | { ok: false; problem: Problem };

/** The api as the signed-in user (or anonymously, for public routes such as the status report). */
export async function monet(): Promise<MonetClient> {
  const token = (await cookies()).get(ACCESS_COOKIE)?.value;
  return createMonetClient(apiUrl(), {
    token,
    fetch: (request: Request) => fetch(request, { cache: 'no-store', signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) }),
  });
}

export function apiUrl(): string {
  // Appended to rather than resolved against, so an API_URL with a path prefix (behind a proxy) keeps it.
  return dashboardConfig().API_URL.replace(/\/+$/, '');
}

interface ClientResult<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/**
 * One call of the client, as data or as a problem worded for people. An answer of 401 means the session ended
 * (signed out elsewhere, user disabled): the user is sent to sign in again and brought back here afterwards.
 */
export async function load<T>(call: Promise<ClientResult<T>>, returnTo = '/'): Promise<Loaded<T>> {
  let result: ClientResult<T>;
  try {
    result = await call;
  } catch (err) {
    return { ok: false, problem: unreachable(err) };
  }
  if (result.response.status === 401) redirect(`/sign-in?next=${encodeURIComponent(returnTo)}`);
  if (result.response.ok && result.data !== undefined) return { ok: true, data: result.data };
  return { ok: false, problem: describe(result.response.status, result.error) };
}

function describe(status: number, body: unknown): Problem {
  const problem = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const text = (key: string) => (typeof problem[key] === 'string' ? (problem[key] as string) : undefined);
  if (status === 503 && (text('type') ?? '').endsWith('/warehouse-unavailable')) {
    return {
      status,
      title: 'The analytics are not ready yet',
      detail:
        'The warehouse is starting or still building its reports. They are rebuilt every few minutes; try again shortly.',
      warehouseBuilding: true,
    };
  }
  if (status === 403) {
    return { status, title: 'Not allowed', detail: 'Your role does not give access to this page.' };
  }
  return {
    status,
    title: text('title') ?? 'Something went wrong',
    detail: text('detail') ?? `The api answered HTTP ${status}.`,
  };
}

function unreachable(err: unknown): Problem {
  const cause = err instanceof Error && err.cause instanceof Error ? err.cause : undefined;
  const code = cause && 'code' in cause && typeof cause.code === 'string' ? ` (${cause.code})` : '';
  const timedOut = err instanceof Error && err.name === 'TimeoutError';
  return {
    status: 0,
    title: 'The api cannot be reached',
    detail: timedOut
      ? `The api at ${apiUrl()} did not answer within ${REQUEST_TIMEOUT_MS / 1000} s.`
      : `The dashboard could not connect to the api at ${apiUrl()}${code}. Check that it is running and that API_URL points to it.`,
  };
}
