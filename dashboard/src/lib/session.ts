// The signed-in user's tokens live in two httpOnly cookies: the browser holds them but no script can read them,
// and only the dashboard's server sends them to the api. The api verifies every token; the dashboard only reads an
// access token's expiry to refresh it in time.

export const ACCESS_COOKIE = 'monet_access';
export const REFRESH_COOKIE = 'monet_refresh';

/** An access token this close to its expiry is refreshed before the page asks the api with it. */
export const REFRESH_MARGIN_MS = 60_000;

/** What the api answers to sign-in and refresh (the `tokens` of `POST /v1/auth/sign-in`). */
export interface TokenPair {
  accessToken: string;
  accessTokenExpiresAt: string;
  refreshToken: string;
  refreshTokenExpiresAt: string;
}

export interface CookieToSet {
  name: string;
  value: string;
  options: { httpOnly: true; sameSite: 'lax'; secure: boolean; path: '/'; expires: Date };
}

/** The two cookies of a token pair; `secure` when the dashboard is served over https. */
export function sessionCookies(tokens: TokenPair, secure: boolean): CookieToSet[] {
  const options = (expiresAt: string) =>
    ({ httpOnly: true, sameSite: 'lax', secure, path: '/', expires: new Date(expiresAt) }) as const;
  return [
    { name: ACCESS_COOKIE, value: tokens.accessToken, options: options(tokens.accessTokenExpiresAt) },
    { name: REFRESH_COOKIE, value: tokens.refreshToken, options: options(tokens.refreshTokenExpiresAt) },
  ];
}

/** When an access token (a JWT) expires, in ms since the epoch; undefined when it cannot be read. */
export function accessTokenExpiry(token: string): number | undefined {
  const payload = token.split('.')[1];
  if (!payload) return undefined;
  try {
    const exp = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')).exp;
    return typeof exp === 'number' ? exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}

/** True when the token must be refreshed before use: unreadable, expired, or within the margin of its expiry. */
export function needsRefresh(token: string | undefined, now = Date.now()): boolean {
  const expiry = token ? accessTokenExpiry(token) : undefined;
  return expiry === undefined || expiry - now < REFRESH_MARGIN_MS;
}

/** A path inside the dashboard to return to after sign-in; anything else (another origin, `//host`) gives `/`. */
export function safeReturnPath(value: string | null | undefined): string {
  return value && /^\/(?![/\\])/.test(value) ? value : '/';
}

/**
 * The browser's address for the api, which limits sign-in and refresh per client address: the dashboard's server
 * asks on the browser's behalf, so it passes the address on (the api trusts it under TRUST_PROXY).
 */
export function forwardedFor(incoming: Headers): Record<string, string> {
  const chain = incoming.get('x-forwarded-for');
  return chain ? { 'x-forwarded-for': chain } : {};
}
