import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { readEnv, vars } from '@loyaltystudio/config';
import { createPrismaClient } from '@loyaltystudio/prisma';
import {
  BCRYPT_MAX_BYTES,
  type BiUser,
  defaultUserName,
  removeGatewayUser,
  saveGatewayUser,
  serverSql,
} from '../bi-user.ts';
import { REPO_ROOT } from '../paths.ts';

const USAGE = `Usage: monet bi-user --tenant <slug> [--name NAME] [--password PASSWORD] [--sql | --remove]

A read-only ClickHouse user for BI tools (Metabase, Superset, Grafana) that sees one tenant's rows of the marts.

  --tenant SLUG      the tenant (looked up in the configured Postgres)
  --name NAME        the user name (default bi_<slug>)
  --password PW      its password (default: a random one, printed once)
  --sql              print the SQL for a ClickHouse server (role, grants, row policies, user); writes nothing
  --remove           remove the user from the embedded gateway

Without --sql, the user is written to the embedded gateway's BI users file (GATEWAY_BI_USERS_FILE, default
MONET_HOME/bi-users.json), which a running gateway reads again at its next request. See docs/bi-access.md.`;

const NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

export async function biUserCommand(args: string[]): Promise<number> {
  let values: { tenant?: string; name?: string; password?: string; sql?: boolean; remove?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({
      args,
      options: {
        tenant: { type: 'string' },
        name: { type: 'string' },
        password: { type: 'string' },
        sql: { type: 'boolean' },
        remove: { type: 'boolean' },
        help: { type: 'boolean' },
      },
    }));
  } catch (err) {
    console.error(`monet bi-user: ${(err as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const problem = !values.tenant
    ? '--tenant is required'
    : values.name !== undefined && !NAME.test(values.name)
      ? '--name takes letters, digits and _ (64 at most), not starting with a digit'
      : values.password !== undefined && values.password.length < 12
        ? '--password needs 12 characters or more'
        : values.sql && values.password !== undefined && Buffer.byteLength(values.password) > BCRYPT_MAX_BYTES
          ? `--password may have ${BCRYPT_MAX_BYTES} bytes at most with --sql (ClickHouse's bcrypt reads no more)`
          : values.sql && values.remove
            ? '--sql and --remove do not go together'
            : undefined;
  if (problem || !values.tenant) {
    console.error(`monet bi-user: ${problem}\n\n${USAGE}`);
    return 2;
  }

  const config = readEnv(vars);
  const usersFile = resolve(
    config.GATEWAY_BI_USERS_FILE ?? join(resolve(REPO_ROOT, config.MONET_HOME), 'bi-users.json'),
  );
  const name = values.name ?? defaultUserName(values.tenant);
  if (values.remove) {
    const removed = removeGatewayUser(usersFile, name);
    console.log(removed ? `Removed ${name} from ${usersFile}.` : `No user ${name} in ${usersFile}.`);
    return removed ? 0 : 1;
  }

  const databaseUrl = config.DATABASE_URL ?? `postgres://monet:monet@127.0.0.1:${config.POSTGRES_PORT}/monet`;
  const prisma = createPrismaClient(databaseUrl);
  let tenant: { id: string; slug: string } | null;
  try {
    tenant = await prisma.tenant.findUnique({ where: { slug: values.tenant }, select: { id: true, slug: true } });
  } finally {
    await prisma.$disconnect();
  }
  if (!tenant) {
    console.error(`monet bi-user: no tenant with slug ${values.tenant}`);
    return 1;
  }
  const user: BiUser = {
    name,
    password: values.password ?? randomBytes(18).toString('base64url'),
    tenantId: tenant.id,
    tenantSlug: tenant.slug,
  };

  if (values.sql) {
    process.stdout.write(serverSql({ user, monetUsers: [config.CLICKHOUSE_USER, config.CLICKHOUSE_READONLY_USER] }));
    if (!values.password)
      console.error(`-- password of ${user.name}: ${user.password} (shown once; the SQL holds its bcrypt hash)`);
    return 0;
  }
  const oldFormat = await saveGatewayUser(usersFile, user);
  const host = config.CLICKHOUSE_URL ? new URL(config.CLICKHOUSE_URL).host : `127.0.0.1:${config.CLICKHOUSE_HTTP_PORT}`;
  console.log(
    [
      `BI user ${user.name} sees the rows of tenant ${tenant.slug} only (written to ${usersFile}).`,
      `  ClickHouse HTTP  http://${host}`,
      `  user             ${user.name}`,
      `  password         ${user.password}${values.password ? '' : '   (shown once)'}`,
      '  database         marts',
    ].join('\n'),
  );
  for (const entry of oldFormat) {
    console.error(
      `Warning: ${entry.name} has a password in the old unsalted format, which the gateway refuses: run ` +
        `\`monet bi-user --tenant ${entry.tenant ?? '<slug>'} --name ${entry.name}\` to give it a new one.`,
    );
  }
  return 0;
}
