import { hash, verify } from '@node-rs/argon2';
import { randomSecret } from './secrets.ts';

/**
 * argon2id (the library's default algorithm) with its default cost (19 MiB, 2 passes, 1 lane: OWASP's recommended minimum), stored as a PHC
 * string so the parameters can rise later without invalidating older hashes.
 */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    // A malformed stored hash (e.g. a placeholder) never matches.
    return false;
  }
}

/** A hash of a password nobody knows, made once at start with the same parameters as real ones. */
const decoy = hashPassword(randomSecret(32));

/**
 * Spends the same time as checking a real password, for sign-ins naming no user: without it, the answer time
 * would tell which emails have an account.
 */
export async function verifyDecoy(password: string): Promise<false> {
  await verifyPassword(await decoy, password);
  return false;
}
