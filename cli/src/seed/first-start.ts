import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createPrismaClient } from '@loyaltystudio/prisma';
import { DEMO_TENANT } from './merchant.ts';
import type { SeedSummary } from './service-writer.ts';

/** The demo a first start seeds: small enough to take seconds, large enough for every chart to have a shape. */
export const FIRST_START_DEMO = { members: 1_000, months: 12, seed: 1 } as const;

export interface DemoSignIn {
  tenant: string;
  email: string;
  password: string;
  /** Where the password is kept, for later starts. */
  passwordFile: string;
  summary: SeedSummary;
  seconds: number;
}

/**
 * Seeds the demo tenant when Postgres holds no tenant at all (a first start), by the bulk path, with a fresh
 * password for its owner kept in MONET_HOME/secrets. Returns null when there was a tenant already. A seed that
 * fails half-way is deleted again, so the next start tries afresh. The writer (and the api code it runs) is loaded
 * only then, so later starts do not pay for it.
 */
export async function seedDemoOnFirstStart(
  databaseUrl: string,
  home: string,
  opts: { today?: Date; onSeeding?: () => void } = {},
): Promise<DemoSignIn | null> {
  const prisma = createPrismaClient(databaseUrl);
  try {
    if ((await prisma.tenant.count()) > 0) return null;
    opts.onSeeding?.();
    const [{ seedByCopy }, { clearDemoTenant }] = await Promise.all([
      import('./bulk-writer.ts'),
      import('./tenant.ts'),
    ]);
    const today = opts.today ?? new Date();
    const password = randomBytes(12).toString('base64url');
    const until = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()));
    const t0 = performance.now();
    const summary = await seedByCopy(
      prisma,
      databaseUrl,
      { ...FIRST_START_DEMO, until },
      { ownerPassword: password },
    ).catch(async (err: unknown) => {
      await clearDemoTenant(prisma, true);
      throw err;
    });
    const seconds = (performance.now() - t0) / 1000;
    const passwordFile = join(home, 'secrets', 'demo-owner-password');
    mkdirSync(join(home, 'secrets'), { recursive: true, mode: 0o700 });
    writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
    return { tenant: DEMO_TENANT.slug, email: DEMO_TENANT.ownerEmail, password, passwordFile, summary, seconds };
  } finally {
    await prisma.$disconnect();
  }
}
