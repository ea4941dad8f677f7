import { createHash } from 'node:crypto';
import { PrismaPg } from '@prisma/adapter-pg';
import type pg from 'pg';
import { type Prisma, PrismaClient } from './generated/client.ts';

export interface CreatePrismaClientOptions {
  /** node-postgres pool settings (size, timeouts); the connection string is the first argument. */
  pool?: Omit<pg.PoolConfig, 'connectionString'>;
  log?: Prisma.LogLevel[];
}

/**
 * Marks a raw statement of a hot path: its text starts with this comment. Such a statement is prepared once per
 * connection under a name derived from its text, and Postgres stops planning it on every execution. Mark only
 * statements with a small, fixed set of texts (each text is one prepared statement on every connection).
 */
export const PREPARED = '/* prepared */';

const names = new Map<string, string>();

/**
 * The name of a marked statement's text (the same on every connection); for any other, '' (the protocol's unnamed
 * statement, which Postgres plans on each execution).
 */
export function statementName(query: { sql: string }): string {
  if (!query.sql.startsWith(PREPARED)) return '';
  let name = names.get(query.sql);
  if (!name) {
    name = `prepared_${createHash('sha256').update(query.sql).digest('hex').slice(0, 24)}`;
    names.set(query.sql, name);
  }
  return name;
}

/**
 * A Prisma client on its own pg pool. Each service builds one at start-up and passes it (or a transaction)
 * down to its repositories; there is no global instance. Call `$disconnect()` to close the pool.
 */
export function createPrismaClient(databaseUrl: string, opts: CreatePrismaClientOptions = {}): PrismaClient {
  const adapter = new PrismaPg(
    { ...opts.pool, connectionString: databaseUrl },
    { statementNameGenerator: statementName },
  );
  return new PrismaClient({ adapter, log: opts.log ?? [] });
}
