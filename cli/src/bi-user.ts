import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { MART_NAMES } from '@loyaltystudio/api/core';
import { quoteIdentifier } from '@loyaltystudio/warehouse';
import { hashBiPassword } from '@loyaltystudio/warehouse/bi-passwords';
import bcrypt from 'bcryptjs';

/** A BI user bound to one tenant, as `monet bi-user` creates it. */
export interface BiUser {
  name: string;
  password: string;
  tenantId: string;
  tenantSlug: string;
}

/** bcrypt's work factor for ClickHouse servers: ClickHouse's own default for `bcrypt_password`. */
export const BCRYPT_ROUNDS = 12;

/** bcrypt reads the first 72 bytes of a password and ignores the rest. */
export const BCRYPT_MAX_BYTES = 72;

/**
 * A password as ClickHouse's `bcrypt_hash` takes it: bcrypt with a random salt, in the `$2a$` form ClickHouse itself
 * writes for `bcrypt_password`. Refuses what bcrypt would silently cut short.
 */
export function bcryptHash(password: string, rounds = BCRYPT_ROUNDS): string {
  if (Buffer.byteLength(password, 'utf8') > BCRYPT_MAX_BYTES) {
    throw new Error(`a password for a ClickHouse server may have ${BCRYPT_MAX_BYTES} bytes at most (bcrypt)`);
  }
  return bcrypt.hashSync(password, bcrypt.genSaltSync(rounds).replace(/^\$2b\$/, '$2a$'));
}

/** The default user name for a tenant: `bi_` and its slug, in the characters ClickHouse names take unquoted. */
export function defaultUserName(slug: string): string {
  return `bi_${slug.toLowerCase().replace(/[^a-z0-9_]/g, '_')}`;
}

/** The role that carries a tenant's grants and row policies on a ClickHouse server. */
export function tenantRole(slug: string): string {
  return `monet_tenant_${slug.toLowerCase().replace(/[^a-z0-9_]/g, '_')}`;
}

const ident = quoteIdentifier;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface ServerSqlOptions {
  user: BiUser;
  /** Monet's own ClickHouse users (CLICKHOUSE_USER, CLICKHOUSE_READONLY_USER): they keep reading every row. */
  monetUsers: string[];
  marts?: readonly string[];
}

/**
 * The SQL that gives a BI user read access to one tenant's rows of every mart on a ClickHouse server: a role with
 * SELECT on each mart and a row policy `tenant_id = <tenant>` on each, the user (its password as a salted bcrypt
 * hash, `bcrypt_hash`, never in clear), and a policy that keeps every row visible to Monet's own users, since a table with any row policy
 * shows a user only the rows of the policies that name them. Grants and policies name each mart: a mart added later
 * is not readable by the role until the script is run again. Statements end with `;`, one per line group, for
 * `clickhouse client --multiquery`. Safe to run again (IF NOT EXISTS, OR REPLACE).
 */
export function serverSql({ user, monetUsers, marts = MART_NAMES }: ServerSqlOptions): string {
  if (!UUID.test(user.tenantId)) throw new Error(`not a tenant id: ${user.tenantId}`);
  const role = ident(tenantRole(user.tenantSlug));
  const tables = marts.map((m) => `marts.${ident(m)}`).join(', ');
  const statements = [
    `CREATE ROLE IF NOT EXISTS ${role}`,
    ...marts.map((m) => `GRANT SELECT ON marts.${ident(m)} TO ${role}`),
    `CREATE ROW POLICY OR REPLACE ${ident('monet_all_rows')} ON ${tables} FOR SELECT USING 1 TO ${monetUsers.map(ident).join(', ')}`,
    `CREATE ROW POLICY OR REPLACE ${role} ON ${tables} FOR SELECT USING tenant_id = toUUID('${user.tenantId.toLowerCase()}') TO ${role}`,
    `CREATE USER IF NOT EXISTS ${ident(user.name)} IDENTIFIED WITH bcrypt_hash BY '${bcryptHash(user.password)}' ` +
      'DEFAULT DATABASE marts SETTINGS readonly = 2, max_execution_time = 60 MAX 600',
    `GRANT ${role} TO ${ident(user.name)}`,
    `ALTER USER ${ident(user.name)} DEFAULT ROLE ${role}`,
  ];
  return [
    `-- Monet: read-only BI access to the marts of tenant ${user.tenantSlug} (${user.tenantId}).`,
    '-- Run as a ClickHouse user with access management: clickhouse client --multiquery < this-file.sql',
    ...statements.map((s) => `${s};`),
    '',
  ].join('\n');
}

/** One entry of the gateway's BI users file (warehouse/gateway/src/users.ts reads it). */
export interface FileEntry {
  name: string;
  /** scrypt, with the user's own salt and the parameters (warehouse/gateway/src/bi-passwords.ts). */
  passwordHash?: string;
  /** The old format, an unsalted SHA-256, which the gateway no longer accepts. */
  passwordSha256?: string;
  tenantId: string;
  tenant?: string;
}

function readEntries(file: string): FileEntry[] {
  try {
    return (JSON.parse(readFileSync(file, 'utf8')) as { users: FileEntry[] }).users;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
}

/** Writes the file whole under another name and renames it, so the gateway never reads half a file. */
function writeEntries(file: string, users: FileEntry[]): void {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const partial = `${file}.partial`;
  writeFileSync(partial, `${JSON.stringify({ users }, null, 2)}\n`, { mode: 0o600 });
  renameSync(partial, file);
}

/**
 * Adds the user to the gateway's BI users file, or replaces the one of that name (a new password, a new salt).
 * Answers the entries still in the old format, which the gateway refuses until they are given new passwords.
 */
export async function saveGatewayUser(file: string, user: BiUser): Promise<FileEntry[]> {
  const passwordHash = await hashBiPassword(user.password);
  const others = readEntries(file).filter((u) => u.name !== user.name);
  writeEntries(file, [...others, { name: user.name, passwordHash, tenantId: user.tenantId, tenant: user.tenantSlug }]);
  return others.filter((u) => u.passwordHash === undefined);
}

/** Removes a user from the gateway's BI users file; false when there was none of that name. */
export function removeGatewayUser(file: string, name: string): boolean {
  const users = readEntries(file);
  const kept = users.filter((u) => u.name !== name);
  if (kept.length === users.length) return false;
  writeEntries(file, kept);
  return true;
}
