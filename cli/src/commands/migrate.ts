import { readEnv, vars } from '@loyaltystudio/config';
import { migrate } from '@loyaltystudio/prisma';
import { migrateWarehouse } from '../warehouse.ts';

/** `monet migrate`: applies pending migrations to the configured (running) Postgres and ClickHouse. */
export async function migrateCommand(args: string[]): Promise<number> {
  if (args.length) {
    console.error(`monet migrate: unexpected argument ${args[0]}`);
    return 2;
  }
  const config = readEnv(vars);
  const databaseUrl = config.DATABASE_URL ?? `postgres://monet:monet@127.0.0.1:${config.POSTGRES_PORT}/monet`;
  const clickhouseUrl = config.CLICKHOUSE_URL ?? `http://127.0.0.1:${config.CLICKHOUSE_HTTP_PORT}`;
  const pg = await migrate(databaseUrl, { log: (m: string) => console.log(`postgres   | ${m}`) });
  console.log(`postgres   | ${pg.length} migration(s) applied`);
  const ch = await migrateWarehouse(clickhouseUrl, config);
  console.log(`clickhouse | ${ch.length} migration(s) applied`);
  return 0;
}
