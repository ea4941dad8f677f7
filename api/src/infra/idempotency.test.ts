import type { PostgresHandle } from '@loyaltystudio/engines';
import { startTestPostgres } from '@loyaltystudio/engines/testing';
import { createPrismaClient, migrate, type PrismaClient } from '@loyaltystudio/prisma';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deleteExpiredIdempotencyKeys } from './idempotency.ts';

const NOW = new Date('2026-06-01T12:00:00.000Z');

describe('deleteExpiredIdempotencyKeys', () => {
  let pg: PostgresHandle;
  let prisma: PrismaClient;

  beforeAll(async () => {
    pg = await startTestPostgres();
    await migrate(pg.url);
    prisma = createPrismaClient(pg.url);
  });
  afterAll(async () => {
    await prisma?.$disconnect();
    await pg?.stop();
  });

  async function tenant(slug: string) {
    return prisma.tenant.create({ data: { slug, name: slug, timeZone: 'UTC', currency: 'EUR' } });
  }

  const key = (tenantId: string, key: string, expiresAt: Date) =>
    prisma.idempotencyKey.create({
      data: {
        tenantId,
        key,
        operation: 'POST /v1/events',
        requestHash: 'h',
        responseStatus: 201,
        responseBody: {},
        expiresAt,
      },
    });

  it('deletes keys past expiresAt across tenants, in batches, and keeps the others', async () => {
    const [a, b] = await Promise.all([tenant('idem-a'), tenant('idem-b')]);
    for (let i = 0; i < 3; i++) await key(a.id, `old-${i}`, new Date(NOW.getTime() - 1));
    await key(b.id, 'at-now', NOW);
    await key(b.id, 'live', new Date(NOW.getTime() + 1));

    expect(await deleteExpiredIdempotencyKeys(prisma, { now: NOW, batchSize: 2 })).toEqual({ deleted: 4 });
    const left = await prisma.idempotencyKey.findMany({ select: { tenantId: true, key: true } });
    expect(left).toEqual([{ tenantId: b.id, key: 'live' }]);
    expect(await deleteExpiredIdempotencyKeys(prisma, { now: NOW })).toEqual({ deleted: 0 });
  });
});
