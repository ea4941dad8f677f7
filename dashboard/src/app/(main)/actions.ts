'use server';

import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { monet } from '../../lib/monet.ts';
import { ACCESS_COOKIE, REFRESH_COOKIE } from '../../lib/session.ts';

/** Ends the session at the api (its refresh tokens stop working), then forgets the cookies. */
export async function signOut(): Promise<void> {
  try {
    await (await monet()).POST('/v1/auth/sign-out', { signal: AbortSignal.timeout(5_000) });
  } catch {
    // The cookies go regardless: an api that cannot be reached must not keep the user signed in here.
  }
  const jar = await cookies();
  jar.delete(ACCESS_COOKIE);
  jar.delete(REFRESH_COOKIE);
  redirect('/sign-in');
}
