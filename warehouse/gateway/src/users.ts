import { createHash, timingSafeEqual } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
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
  /** SHA-256 of the password, hex, as ClickHouse's `sha256_hash`. */
  passwordSha256: string;
  tenantId: string;
  /** The tenant's slug, for people reading the file. */
  tenant?: string;
}

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SHA256_HEX = /^[0-9a-f]{64}$/i;

interface Candidate {
  user: User;
  name: Buffer;
  password: Buffer;
}

/** Reads the BI users file; a missing file is no users, a malformed one fails with its path and the fault. */
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
    if (typeof u.passwordSha256 !== 'string' || !SHA256_HEX.test(u.passwordSha256)) {
      throw new Error(`${file}: users[${i}].passwordSha256 must be 64 hex digits`);
    }
    if (typeof u.tenantId !== 'string' || !UUID.test(u.tenantId)) {
      throw new Error(`${file}: users[${i}].tenantId must be a UUID`);
    }
    return { name: u.name, passwordSha256: u.passwordSha256, tenantId: u.tenantId, tenant: u.tenant };
  });
}

/**
 * Configured users, checked in constant time: neither names nor passwords leak through response timing. Besides
 * the configured ones, BI users bound to a tenant come from a file (`GATEWAY_BI_USERS_FILE`), read again whenever
 * it changes, so `monet bi-user` takes effect without a restart.
 */
export class Users {
  private readonly fixed: Candidate[];
  private tenantUsers: Candidate[] = [];
  private fileStamp = '';

  constructor(
    users: UserConfig[],
    private readonly tenantUsersFile?: string,
  ) {
    this.fixed = users.map((u) => ({
      user: { name: u.name, readonly: u.readonly },
      name: digest(u.name),
      password: digest(u.password),
    }));
    this.refresh(true);
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
    this.tenantUsers = entries
      .filter((u) => !fixedNames.has(u.name))
      .map((u) => ({
        user: { name: u.name, readonly: true, tenantId: u.tenantId.toLowerCase() },
        name: digest(u.name),
        password: Buffer.from(u.passwordSha256, 'hex'),
      }));
    this.fileStamp = stamp;
  }

  /** The user these credentials name, or AUTHENTICATION_FAILED as ClickHouse words it. No credentials means `default`. */
  authenticate(credentials: Credentials | undefined): User {
    this.refresh();
    const name = credentials?.user || 'default';
    const nameDigest = digest(name);
    const passwordDigest = digest(credentials?.password ?? '');
    let found: User | undefined;
    for (const candidate of [...this.fixed, ...this.tenantUsers]) {
      // Both comparisons always run, for every user.
      const nameMatches = timingSafeEqual(candidate.name, nameDigest);
      const passwordMatches = timingSafeEqual(candidate.password, passwordDigest);
      if (nameMatches && passwordMatches) found = candidate.user;
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
