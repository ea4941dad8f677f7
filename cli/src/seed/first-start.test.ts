import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { verifyPassword } from '@loyaltystudio/api/core';
import type { PostgresHandle } from '@loyaltystudio/engines';
import { startTestPostgres, tempDir } from '@loyaltystudio/engines/testing';
import { createPrismaClient, migrate } from '@loyaltystudio/prisma';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIRST_START_DEMO, seedDemoOnFirstStart } from './first-start.ts';

describe('seedDemoOnFirstStart', () => {
  const home = tempDir('first-start');
  let pg: PostgresHandle;
  beforeAll(async () => {
    pg = await startTestPostgres();
    await migrate(pg.url);
  }, 60_000);
  afterAll(async () => {
    await pg?.stop();
    home.remove();
  });

  it('seeds the demo with an owner who can sign in on a Postgres without tenants, and nothing on the next start', async () => {
    let announced = 0;
    const demo = await seedDemoOnFirstStart(pg.url, home.path, { onSeeding: () => announced++ });
    expect(announced).toBe(1);
    expect(demo).toMatchObject({ tenant: 'demo-coffee-co', email: 'owner@demo-coffee.example' });
    expect(demo!.summary).toMatchObject({ members: FIRST_START_DEMO.members, campaigns: 4 });
    expect(demo!.summary.guestPurchases).toBeGreaterThan(0);
    expect(readFileSync(join(home.path, 'secrets', 'demo-owner-password'), 'utf8').trim()).toBe(demo!.password);
    const prisma = createPrismaClient(pg.url);
    try {
      const owner = await prisma.user.findFirstOrThrow({ where: { email: demo!.email } });
      expect(await verifyPassword(owner.passwordHash, demo!.password)).toBe(true);
      expect(await seedDemoOnFirstStart(pg.url, home.path, { onSeeding: () => announced++ })).toBeNull();
      expect(announced).toBe(1);
      expect(await prisma.tenant.count()).toBe(1);
    } finally {
      await prisma.$disconnect();
    }
  }, 120_000);
});
