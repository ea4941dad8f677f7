'use server';

import { createMonetClient } from '@loyaltystudio/api-client';
import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { apiUrl } from '../../lib/monet.ts';
import { forwardedFor, safeReturnPath, sessionCookies } from '../../lib/session.ts';

export interface SignInState {
  error?: string;
  /** What the user typed, kept so a failed attempt does not empty the form (never the password). */
  tenant?: string;
  email?: string;
}

const field = (form: FormData, name: string) => String(form.get(name) ?? '').trim();

/** Signs in against the api and keeps the tokens in httpOnly cookies; then back to the page that asked. */
export async function signIn(_previous: SignInState, form: FormData): Promise<SignInState> {
  const tenant = field(form, 'tenant');
  const email = field(form, 'email');
  const password = String(form.get('password') ?? '');
  const kept = { tenant, email };
  if (!tenant || !email || !password) return { ...kept, error: 'Enter your organisation, email and password.' };

  const incoming = await headers();
  let result: Awaited<ReturnType<ReturnType<typeof createMonetClient>['POST']>>;
  try {
    result = await createMonetClient(apiUrl()).POST('/v1/auth/sign-in', {
      body: { tenant, email, password },
      headers: forwardedFor(incoming),
      signal: AbortSignal.timeout(10_000),
    });
  } catch {
    return { ...kept, error: `The api at ${apiUrl()} cannot be reached. Try again in a moment.` };
  }
  const status = result.response.status;
  if (status === 429) {
    const wait = result.response.headers.get('retry-after');
    return { ...kept, error: `Too many attempts. Try again in ${wait ? `${wait} s` : 'a moment'}.` };
  }
  if (status === 400 || status === 401) return { ...kept, error: 'The organisation, email or password is not right.' };
  if (!result.data || !('tokens' in result.data)) {
    return { ...kept, error: `Signing in failed (HTTP ${status}). Try again in a moment.` };
  }

  const secure = incoming.get('x-forwarded-proto') === 'https';
  const jar = await cookies();
  for (const c of sessionCookies(result.data.tokens, secure)) jar.set(c.name, c.value, c.options);
  redirect(safeReturnPath(field(form, 'next')));
}
