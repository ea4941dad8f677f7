import { readEnv, vars } from '@loyaltystudio/config';
import { createPrismaClient } from '@loyaltystudio/prisma';
import { parseSeedArgs, SeedUsageError } from '../seed/args.ts';
import { seedByCopy } from '../seed/bulk-writer.ts';
import { DEMO_TENANT } from '../seed/merchant.ts';
import { seedThroughServices } from '../seed/service-writer.ts';
import { clearDemoTenant, TenantExistsError } from '../seed/tenant.ts';

const USAGE = `Usage: monet seed [--members N] [--months M] [--seed S] [--until YYYY-MM-DD] [--writer services|copy] [--replace]

  --members N     members to enrol, 1 to 5,000,000 (default 1,000)
  --months M      length of the history, 1 to 120 months (default 12)
  --seed S        the seed: the same seed and --until give the same data (default 1)
  --until DATE    end of the history, exclusive (default: today, midnight UTC)
  --writer W      services (the api's own code, default up to 2,000 members) or copy (bulk COPY, default above)
  --replace       delete the demo tenant first if it exists`;

/** `monet seed`: writes the deterministic demo merchant and its members into the configured (running) Postgres. */
export async function seedCommand(args: string[]): Promise<number> {
  if (args.includes('--help')) {
    console.log(USAGE);
    return 0;
  }
  let options: ReturnType<typeof parseSeedArgs>;
  try {
    options = parseSeedArgs(args);
  } catch (err) {
    if (!(err instanceof SeedUsageError)) throw err;
    console.error(`monet seed: ${err.message}`);
    console.error(USAGE);
    return 2;
  }
  const config = readEnv(vars);
  const databaseUrl = config.DATABASE_URL ?? `postgres://monet:monet@127.0.0.1:${config.POSTGRES_PORT}/monet`;
  const prisma = createPrismaClient(databaseUrl);
  try {
    await clearDemoTenant(prisma, options.replace);
    const t0 = performance.now();
    const summary =
      options.writer === 'services'
        ? await seedThroughServices(prisma, options)
        : await seedByCopy(prisma, databaseUrl, options);
    const seconds = (performance.now() - t0) / 1000;
    console.log(
      `Seeded ${DEMO_TENANT.name} (${DEMO_TENANT.slug}) through ${options.writer}: ${summary.members} members, ` +
        `${summary.events} events, ${summary.redemptions} redemptions, ${summary.guestPurchases} guest purchases, ` +
        `${summary.campaigns} campaigns in ${seconds.toFixed(1)} s`,
    );
    return 0;
  } catch (err) {
    if (!(err instanceof TenantExistsError)) throw err;
    console.error(`monet seed: ${err.message}`);
    return 1;
  } finally {
    await prisma.$disconnect();
  }
}
