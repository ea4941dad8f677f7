import { createHash, timingSafeEqual } from 'node:crypto';
import type { UserConfig } from './config.ts';
import { gatewayError } from './errors.ts';
import type { Credentials } from './request.ts';

export interface User {
  name: string;
  readonly: boolean;
}

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/** Configured users, checked in constant time: neither names nor passwords leak through response timing. */
export class Users {
  private readonly users: Array<{ user: User; name: Buffer; password: Buffer }>;

  constructor(users: UserConfig[]) {
    this.users = users.map((u) => ({
      user: { name: u.name, readonly: u.readonly },
      name: digest(u.name),
      password: digest(u.password),
    }));
  }

  /** The user these credentials name, or AUTHENTICATION_FAILED as ClickHouse words it. No credentials means `default`. */
  authenticate(credentials: Credentials | undefined): User {
    const name = credentials?.user || 'default';
    const nameDigest = digest(name);
    const passwordDigest = digest(credentials?.password ?? '');
    let found: User | undefined;
    for (const candidate of this.users) {
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
