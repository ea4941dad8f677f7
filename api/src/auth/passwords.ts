import { hash, verify } from '@node-rs/argon2';

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

let decoy: Promise<string> | undefined;

/**
 * Spends the same time as checking a real password, for sign-ins naming no user: without it, the answer time
 * would tell which emails have an account.
 */
export async function verifyDecoy(password: string): Promise<false> {
  decoy ??= hashPassword('decoy password that no account has');
  await verifyPassword(await decoy, password);
  return false;
}
