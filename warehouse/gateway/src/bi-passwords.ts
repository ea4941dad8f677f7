import { createHmac, randomBytes, type ScryptOptions, scrypt, timingSafeEqual } from 'node:crypto';

/**
 * Passwords of the BI users in the gateway's users file (`monet bi-user` writes them): scrypt with a random salt of
 * each user's own, stored as a PHC string with its parameters, `$scrypt$ln=15,r=8,p=3$<salt>$<hash>` (base64
 * without padding). N = 2^15, r = 8, p = 3 is one of OWASP's equivalent scrypt settings (32 MiB, about 0.2 s here),
 * and the parameters travel with each hash, so they can be raised later without breaking stored ones.
 */
export const BI_PASSWORD_PARAMS: ScryptParams = { ln: 15, r: 8, p: 3 };

/** scrypt's cost: N = 2^ln, block size r, parallelism p. */
export interface ScryptParams {
  ln: number;
  r: number;
  p: number;
}

const SALT_BYTES = 16;
const KEY_BYTES = 32;
const PHC = /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9+/]{22,})\$([A-Za-z0-9+/]{43,})$/;

export interface BiPasswordHash extends ScryptParams {
  salt: Buffer;
  hash: Buffer;
}

const b64 = (bytes: Buffer) => bytes.toString('base64').replace(/=+$/, '');

function derive(password: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  const options: ScryptOptions = {
    N: 2 ** params.ln,
    r: params.r,
    p: params.p,
    // scrypt needs 128·N·r bytes; node refuses more than 32 MiB unless told.
    maxmem: 2 * 128 * 2 ** params.ln * params.r,
  };
  return new Promise((resolve, reject) =>
    scrypt(password, salt, KEY_BYTES, options, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

/** A new stored form of the password, with a fresh random salt: the same password never gives the same string. */
export async function hashBiPassword(password: string, params = BI_PASSWORD_PARAMS): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const hash = await derive(password, salt, params);
  return `$scrypt$ln=${params.ln},r=${params.r},p=${params.p}$${b64(salt)}$${b64(hash)}`;
}

/**
 * The parts of a stored password, or undefined when it is not one this gateway accepts. Parameters are held to a
 * sane range (N from 2^14 to 2^20, r from 8 to 32, p from 1 to 16), so a hand-edited file cannot make one check
 * take minutes or gigabytes.
 */
export function parseBiPasswordHash(stored: string): BiPasswordHash | undefined {
  const m = PHC.exec(stored);
  if (!m) return undefined;
  const [ln, r, p] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (ln < 14 || ln > 20 || r < 8 || r > 32 || p < 1 || p > 16) return undefined;
  const salt = Buffer.from(m[4] as string, 'base64');
  const hash = Buffer.from(m[5] as string, 'base64');
  if (salt.length < SALT_BYTES || hash.length !== KEY_BYTES) return undefined;
  return { ln, r, p, salt, hash };
}

/** Checks a password against its stored form, paying the whole scrypt cost every time. */
export async function checkBiPassword(stored: BiPasswordHash, password: string): Promise<boolean> {
  const key = await derive(password, stored.salt, stored);
  return timingSafeEqual(key, stored.hash);
}

/**
 * Password checks for the gateway, which authenticates every HTTP request: a BI tool sends its password with each
 * query, and a 0.2 s scrypt on each would be its own slowdown. A password that matched is remembered in this
 * process, keyed by an HMAC, under a key of this process only, of the stored hash and the presented password (never
 * the password itself), so the next query with it costs one HMAC. The key names the stored hash, salt included, so
 * a new password for the user (a new salt) never matches an old entry. Only matches are remembered, so the map
 * grows only by correct passwords; mismatches are remembered apart, in a small map whose turnover costs nothing
 * but a check, so a tool retrying a wrong password does not pay scrypt each time. Concurrent checks of the same
 * pair share one scrypt run.
 */
export class BiPasswordVerifier {
  readonly #key = randomBytes(32);
  readonly #matched = new Map<string, true>();
  readonly #mismatched = new Map<string, true>();
  readonly #pending = new Map<string, Promise<boolean>>();
  /** scrypt runs so far, for tests and for the record. */
  derivations = 0;

  constructor(
    private readonly maxMatched = 1024,
    private readonly maxMismatched = 1024,
  ) {}

  async verify(stored: BiPasswordHash, password: string): Promise<boolean> {
    const id = createHmac('sha256', this.#key)
      .update(stored.salt)
      .update(stored.hash)
      .update('\0')
      .update(password, 'utf8')
      .digest('base64');
    if (this.#matched.has(id)) return true;
    if (this.#mismatched.has(id)) return false;
    let pending = this.#pending.get(id);
    if (!pending) {
      this.derivations += 1;
      pending = checkBiPassword(stored, password).finally(() => this.#pending.delete(id));
      this.#pending.set(id, pending);
    }
    const ok = await pending;
    remember(ok ? this.#matched : this.#mismatched, id, ok ? this.maxMatched : this.maxMismatched);
    return ok;
  }
}

/** Adds a key, dropping the oldest once the map is full. */
function remember(map: Map<string, true>, id: string, max: number): void {
  map.set(id, true);
  if (map.size > max) map.delete(map.keys().next().value as string);
}
