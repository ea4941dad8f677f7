import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '@loyaltystudio/engines/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { hashBiPassword } from './bi-passwords.ts';
import { Users } from './users.ts';

const A = '0b4a8a4e-5c43-4a57-9d2c-3f1e9a7c1d20';
const configured = [
  { name: 'monet', password: 'monet', readonly: false },
  { name: 'monet_reader', password: 'monet_reader', readonly: true },
];

/** The gateway's users alone (no engine): configured users, and BI users from the file `monet bi-user` writes. */
const noWarnings = (message: string) => {
  throw new Error(`unexpected warning: ${message}`);
};

describe('gateway users', () => {
  const dir = tempDir('gateway-users');
  afterAll(() => dir.remove());
  let n = 0;
  const usersFile = (users: object[]) => {
    n += 1;
    const file = join(dir.path, `bi-users-${n}.json`);
    writeFileSync(file, JSON.stringify({ users }));
    return file;
  };
  const refusal = (run: Promise<unknown>) =>
    run.then(
      () => 'accepted',
      // ClickHouse's code for AUTHENTICATION_FAILED.
      (err: { code?: number }) => err.code,
    );

  it('checks a BI user by its scrypt hash once, then answers its next requests from memory', async () => {
    const file = usersFile([{ name: 'bi_a', passwordHash: await hashBiPassword('bi password a'), tenantId: A }]);
    const users = new Users(configured, file, noWarnings);
    for (let i = 0; i < 5; i++) {
      expect(await users.authenticate({ user: 'bi_a', password: 'bi password a' })).toEqual({
        name: 'bi_a',
        readonly: true,
        tenantId: A,
      });
    }
    expect(users.passwordChecks).toBe(1);
    expect(await refusal(users.authenticate({ user: 'bi_a', password: 'not it' }))).toBe(516);
    // A name that is no user costs a password check as well, so a refusal's time does not tell names apart.
    expect(await refusal(users.authenticate({ user: 'bi_nobody', password: 'x' }))).toBe(516);
    expect(users.passwordChecks).toBe(3);
    // Configured users need no scrypt.
    expect(await users.authenticate({ user: 'monet', password: 'monet' })).toEqual({ name: 'monet', readonly: false });
    expect(await refusal(users.authenticate({ user: 'monet', password: 'bi password a' }))).toBe(516);
    expect(users.passwordChecks).toBe(3);
  });

  it('refuses entries of the old unsalted SHA-256 format, telling the admin to run monet bi-user again', async () => {
    const sha256 = createHash('sha256').update('old password').digest('hex');
    const file = usersFile([
      { name: 'bi_old', passwordSha256: sha256, tenantId: A, tenant: 'demo-coffee-co' },
      { name: 'bi_new', passwordHash: await hashBiPassword('new password'), tenantId: A },
    ]);
    const warnings: string[] = [];
    const users = new Users(configured, file, (message) => warnings.push(message));
    expect(warnings).toEqual([
      `${file}: BI user bi_old has its password as an unsalted SHA-256 (the old format), which is no longer ` +
        'accepted, so it cannot sign in: run `monet bi-user --tenant demo-coffee-co --name bi_old` to give it a new ' +
        'password, or --remove it.',
    ]);
    expect(await refusal(users.authenticate({ user: 'bi_old', password: 'old password' }))).toBe(516);
    // The SHA-256 itself, presented as the password, is no way in either.
    expect(await refusal(users.authenticate({ user: 'bi_old', password: sha256 }))).toBe(516);
    expect(await users.authenticate({ user: 'bi_new', password: 'new password' })).toMatchObject({ name: 'bi_new' });
  });

  it('fails its start on a malformed hash, naming the file and the entry', async () => {
    const file = usersFile([{ name: 'bi_x', passwordHash: '$scrypt$ln=99$x$y', tenantId: A }]);
    expect(() => new Users(configured, file, noWarnings)).toThrow(
      `${file}: users[0].passwordHash must be a scrypt hash as \`monet bi-user\` writes it`,
    );
    const none = usersFile([{ name: 'bi_y', tenantId: A }]);
    expect(() => new Users(configured, none, noWarnings)).toThrow(`${none}: users[0].passwordHash is missing`);
  });
});
