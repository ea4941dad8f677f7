import { PrismaPg } from '@prisma/adapter-pg';
import type pg from 'pg';
import { type Prisma, PrismaClient } from './generated/client.ts';

export interface CreatePrismaClientOptions {
  /** node-postgres pool settings (size, timeouts); the connection string is the first argument. */
  pool?: Omit<pg.PoolConfig, 'connectionString'>;
  log?: Prisma.LogLevel[];
}

/**
 * A Prisma client on its own pg pool. Each service builds one at start-up and passes it (or a transaction)
 * down to its repositories; there is no global instance. Call `$disconnect()` to close the pool.
 */
export function createPrismaClient(databaseUrl: string, opts: CreatePrismaClientOptions = {}): PrismaClient {
  const adapter = new PrismaPg({ ...opts.pool, connectionString: databaseUrl });
  return new PrismaClient({ adapter, log: opts.log ?? [] });
}
