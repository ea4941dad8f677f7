import { defineConfig } from 'prisma/config';

// DATABASE_URL is read lazily (not with `env()`, which throws when unset) so that `prisma generate`
// runs without a database; commands that connect fail with Prisma's own message when it is missing.
export default defineConfig({
  schema: 'schema.prisma',
  migrations: { path: 'migrations' },
  datasource: { url: process.env.DATABASE_URL },
});
