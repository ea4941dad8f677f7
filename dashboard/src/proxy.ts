import { type NextRequest, NextResponse } from 'next/server';
import { dashboardConfig } from './config.ts';
import {
  ACCESS_COOKIE,
  type CookieToSet,
  forwardedFor,
  needsRefresh,
  REFRESH_COOKIE,
  sessionCookies,
  type TokenPair,
} from './lib/session.ts';

// Runs before every signed-in page: a page always reaches the api with a live access token. A token close to its
// expiry is exchanged (POST /v1/auth/refresh) here, because pages (server components) cannot set cookies.

// A refresh token is single-use and presenting it twice ends the session (the api's reuse detection), so the
// requests of one page load that arrive together share one exchange, and its answer is kept for a few seconds.
const REUSE_GRACE_MS = 10_000;
const exchanges = new Map<string, Promise<TokenPair | undefined>>();

function exchange(refreshToken: string, incoming: Headers): Promise<TokenPair | undefined> {
  let pending = exchanges.get(refreshToken);
  if (!pending) {
    pending = refresh(refreshToken, incoming);
    exchanges.set(refreshToken, pending);
    setTimeout(() => exchanges.delete(refreshToken), REUSE_GRACE_MS).unref?.();
  }
  return pending;
}

async function refresh(refreshToken: string, incoming: Headers): Promise<TokenPair | undefined> {
  try {
    const response = await fetch(`${dashboardConfig().API_URL.replace(/\/+$/, '')}/v1/auth/refresh`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', ...forwardedFor(incoming) },
      body: JSON.stringify({ refreshToken }),
      cache: 'no-store',
      signal: AbortSignal.timeout(10_000),
    });
    return response.ok ? ((await response.json()) as TokenPair) : undefined;
  } catch {
    return undefined;
  }
}

function toSignIn(request: NextRequest): NextResponse {
  const url = new URL('/sign-in', request.url);
  url.search = '';
  url.searchParams.set('next', `${request.nextUrl.pathname}${request.nextUrl.search}`);
  const response = NextResponse.redirect(url);
  response.cookies.delete(ACCESS_COOKIE);
  response.cookies.delete(REFRESH_COOKIE);
  return response;
}

export async function proxy(request: NextRequest): Promise<NextResponse> {
  const access = request.cookies.get(ACCESS_COOKIE)?.value;
  if (access && !needsRefresh(access)) return NextResponse.next();
  const refreshToken = request.cookies.get(REFRESH_COOKIE)?.value;
  const tokens = refreshToken ? await exchange(refreshToken, request.headers) : undefined;
  if (!tokens) return toSignIn(request);

  const cookies: CookieToSet[] = sessionCookies(tokens, request.nextUrl.protocol === 'https:');
  // The page rendered for this request reads the new token from the request; the browser keeps it from the answer.
  for (const c of cookies) request.cookies.set(c.name, c.value);
  const response = NextResponse.next({ request: { headers: request.headers } });
  for (const c of cookies) response.cookies.set(c.name, c.value, c.options);
  return response;
}

export const config = {
  // Every page but sign-in and the public status page; never Next's own files.
  matcher: ['/((?!sign-in|status|_next/|favicon\\.ico).*)'],
};
