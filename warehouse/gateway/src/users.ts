import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { type BiPasswordHash, BiPasswordVerifier, hashBiPassword, parseBiPasswordHash } from './bi-passwords.ts';
import type { UserConfig } from './config.ts';
import { gatewayError } from './errors.ts';
import type { Credentials } from './request.ts';

export interface User {
  name: string;
  readonly: boolean;
  /** Set for a BI user bound to one tenant: every table reads as that tenant's rows only (see guard.ts). */
  tenantId?: string;
}

/** One entry of the BI users file that `monet bi-user` writes. */
export interface TenantUserEntry {
  name: string;
  /** The password's scrypt hash with its salt and parameters (bi-passwords.ts); absent in an entry of the old format. */
  passwordHash?: string;
  /**
   * The old format: an unsalted SHA-256 of the password. No longer accepted: such a user cannot sign in until
   * `monet bi-user` gives it a new password.
   */
  passwordSha256?: string;
  tenantId: string;
  /** The tenant's slug, for people reading the file. */
  tenant?: string;
}

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface Candidate {
  user: User;
  name: Buffer;
  /** A configured user's password digest, compared in constant time. */
  password?: Buffer;
  /** A BI user's stored scrypt hash. */
  hash?: BiPasswordHash;
}

/** What the gateway says about an entry of the old format, naming the command that fixes it. */
export function oldFormatWarning(file: string, entry: TenantUserEntry): string {
  const command = `monet bi-user --tenant ${entry.tenant ?? '<tenant slug>'} --name ${entry.name}`;
  return (
    `${file}: BI user ${entry.name} has its password as an unsalted SHA-256 (the old format), which is no longer ` +
    `accepted, so it cannot sign in: run \`${command}\` to give it a new password, or --remove it.`
  );
}

/**
 * Reads the BI users file; a missing file is no users, a malformed one fails with its path and the fault. Entries
 * of the old format (`passwordSha256`) are read, so that they can be reported, but never authenticate.
 */
export function readTenantUsers(file: string): TenantUserEntry[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  const parsed = JSON.parse(text) as { users?: unknown };
  if (!Array.isArray(parsed.users)) throw new Error(`${file}: expected {"users": [...]}`);
  return parsed.users.map((u: Partial<TenantUserEntry>, i) => {
    if (typeof u.name !== 'string' || u.name === '') throw new Error(`${file}: users[${i}].name is missing`);
    if (u.passwordHash !== undefined) {
      if (typeof u.passwordHash !== 'string' || !parseBiPasswordHash(u.passwordHash)) {
        throw new Error(`${file}: users[${i}].passwordHash must be a scrypt hash as \`monet bi-user\` writes it`);
      }
    } else if (typeof u.passwordSha256 !== 'string') {
      throw new Error(`${file}: users[${i}].passwordHash is missing`);
    }
    if (typeof u.tenantId !== 'string' || !UUID.test(u.tenantId)) {
      throw new Error(`${file}: users[${i}].tenantId must be a UUID`);
    }
    return u.passwordHash === undefined
      ? { name: u.name, passwordSha256: u.passwordSha256, tenantId: u.tenantId, tenant: u.tenant }
      : { name: u.name, passwordHash: u.passwordHash, tenantId: u.tenantId, tenant: u.tenant };
  });
}

/**
 * Configured users, checked in constant time: neither names nor passwords leak through response timing. Besides
 * the configured ones, BI users bound to a tenant come from a file (`GATEWAY_BI_USERS_FILE`), read again whenever
 * it changes, so `monet bi-user` takes effect without a restart. Their passwords are scrypt hashes, checked through
 * a BiPasswordVerifier, which remembers matches so that each query does not pay scrypt again; a name that is not a
 * user costs a check against a decoy hash, so the time of a refusal does not tell which names exist.
 */
export class Users {
  private readonly fixed: Candidate[];
  private tenantUsers: Candidate[] = [];
  private fileStamp = '';
  private readonly verifier = new BiPasswordVerifier();
  /** The hash a name that is no user is checked against, made once in the background at start. */
  private readonly decoy: Promise<BiPasswordHash>;

  constructor(
    users: UserConfig[],
    private readonly tenantUsersFile: string | undefined,
    /** Where warnings about the users file go (entries of the old format). */
    private readonly warn: (message: string) => void,
  ) {
    this.fixed = users.map((u) => ({
      user: { name: u.name, readonly: u.readonly },
      name: digest(u.name),
      password: digest(u.password),
    }));
    this.refresh(true);
    this.decoy = hashBiPassword(randomBytes(24).toString('base64')).then(
      (stored) => parseBiPasswordHash(stored) as BiPasswordHash,
    );
  }

  /** scrypt checks run so far (the cache spares the rest). */
  get passwordChecks(): number {
    return this.verifier.derivations;
  }

  /**
   * Re-reads the BI users file when its size or modification time changed. A malformed file fails the start; later,
   * while the gateway runs, it keeps the last good list (a half-written file must not lock everyone out).
   */
  private refresh(strict = false): void {
    if (!this.tenantUsersFile) return;
    let stamp = 'missing';
    try {
      const s = statSync(this.tenantUsersFile);
      stamp = `${s.mtimeMs}:${s.size}`;
    } catch {}
    if (stamp === this.fileStamp) return;
    let entries: TenantUserEntry[];
    try {
      entries = readTenantUsers(this.tenantUsersFile);
    } catch (err) {
      if (strict) throw err;
      return;
    }
    const fixedNames = new Set(this.fixed.map((c) => c.user.name));
    const tenantUsers: Candidate[] = [];
    for (const u of entries.filter((e) => !fixedNames.has(e.name))) {
      const hash = u.passwordHash === undefined ? undefined : parseBiPasswordHash(u.passwordHash);
      if (!hash) {
        this.warn(oldFormatWarning(this.tenantUsersFile, u));
        continue;
      }
      tenantUsers.push({
        user: { name: u.name, readonly: true, tenantId: u.tenantId.toLowerCase() },
        name: digest(u.name),
        hash,
      });
    }
    this.tenantUsers = tenantUsers;
    this.fileStamp = stamp;
  }

  /** The user these credentials name, or AUTHENTICATION_FAILED as ClickHouse words it. No credentials means `default`. */
  async authenticate(credentials: Credentials | undefined): Promise<User> {
    this.refresh();
    const name = credentials?.user || 'default';
    const password = credentials?.password ?? '';
    const nameDigest = digest(name);
    const passwordDigest = digest(password);
    let found: User | undefined;
    let named: Candidate | undefined;
    for (const candidate of [...this.fixed, ...this.tenantUsers]) {
      // Every name is compared, and every configured password, whichever matches.
      const nameMatches = timingSafeEqual(candidate.name, nameDigest);
      if (candidate.password) {
        const passwordMatches = timingSafeEqual(candidate.password, passwordDigest);
        if (nameMatches && passwordMatches) found = candidate.user;
      } else if (nameMatches) {
        named = candidate;
      }
    }
    if (!found && !this.fixed.some((c) => c.user.name === name)) {
      // A BI user's password, or a decoy's for a name that is no user: a refusal costs the same either way.
      const hash = named?.hash ?? (await this.decoy);
      if ((await this.verifier.verify(hash, password)) && named) found = named.user;
    }
    if (!found) {
      throw gatewayError(
        'AUTHENTICATION_FAILED',
        `${name}: Authentication failed: password is incorrect, or there is no user with such name`,
      );
    }
    return found;
  }
}
