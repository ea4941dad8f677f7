import type { PostgresHandle } from '@loyaltystudio/engines';
import { startTestPostgres } from '@loyaltystudio/engines/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrismaClient, migrate, Prisma, type PrismaClient } from '../src/index.ts';

describe('createPrismaClient', () => {
  let server: PostgresHandle;
  let prisma: PrismaClient;

  beforeAll(async () => {
    server = await startTestPostgres();
    await migrate(server.url);
    prisma = createPrismaClient(server.url, { pool: { max: 2 } });
  });
  afterAll(async () => {
    await prisma?.$disconnect();
    await server?.stop();
  });

  it('creates and reads a tenant', async () => {
    const created = await prisma.tenant.create({
      data: { slug: 'cafe-lumiere', name: 'Café Lumière', timeZone: 'Europe/Paris', currency: 'EUR' },
    });
    expect(created.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.createdAt).toBeInstanceOf(Date);
    expect(created.updatedAt).toBeInstanceOf(Date);

    const read = await prisma.tenant.findUniqueOrThrow({ where: { slug: 'cafe-lumiere' } });
    expect(read).toEqual(created);
    expect(read).toMatchObject({ name: 'Café Lumière', timeZone: 'Europe/Paris', currency: 'EUR' });
  });

  it('rejects a second tenant with the same slug', async () => {
    const data = { slug: 'twice', name: 'Twice', timeZone: 'UTC', currency: 'USD' };
    await prisma.tenant.create({ data });
    const error = await prisma.tenant.create({ data }).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(Prisma.PrismaClientKnownRequestError);
    expect((error as Prisma.PrismaClientKnownRequestError).code).toBe('P2002');
  });
});
