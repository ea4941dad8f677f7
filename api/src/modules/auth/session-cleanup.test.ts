import { randomUUID } from 'node:crypto';
import type { PostgresHandle } from '@loyaltystudio/engines';
import { startTestPostgres } from '@loyaltystudio/engines/testing';
import { createPrismaClient, migrate, type PrismaClient } from '@loyaltystudio/prisma';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deleteEndedSessions, REVOKED_SESSION_RETENTION_DAYS } from './session-cleanup.ts';

const NOW = new Date('2026-06-01T12:00:00.000Z');
const at = (ms: number) => new Date(NOW.getTime() + ms);
const DAY = 86_400_000;

describe('deleteEndedSessions', () => {
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

  async function user() {
    const slug = `t-${randomUUID().slice(0, 8)}`;
    const tenant = await prisma.tenant.create({ data: { slug, name: slug, timeZone: 'UTC', currency: 'EUR' } });
    return prisma.user.create({
      data: { tenantId: tenant.id, email: `${slug}@x.test`, name: 'u', role: 'owner', passwordHash: 'x' },
    });
  }

  async function session(owner: { id: string; tenantId: string }, expiresAt: Date, revokedAt?: Date) {
    const row = await prisma.session.create({
      data: { tenantId: owner.tenantId, userId: owner.id, expiresAt, revokedAt },
    });
    const token = (tokenExpiresAt: Date) =>
      prisma.refreshToken.create({
        data: { tenantId: owner.tenantId, sessionId: row.id, tokenHash: randomUUID(), expiresAt: tokenExpiresAt },
      });
    return { id: row.id, token };
  }

  it('deletes expired and long-revoked sessions and expired tokens across tenants, and keeps the rest', async () => {
    const [a, b] = await Promise.all([user(), user()]);
    const expired = await session(a, at(-1));
    await expired.token(at(-1));
    const longRevoked = await session(b, at(DAY), at(-(REVOKED_SESSION_RETENTION_DAYS * DAY + 1)));
    const recentlyRevoked = await session(a, at(DAY), at(-DAY));
    const open = await session(b, at(DAY));
    await open.token(at(-1));
    const current = await open.token(at(DAY));

    expect(await deleteEndedSessions(prisma, { now: NOW })).toEqual({ sessions: 2, refreshTokens: 1 });

    const sessions = await prisma.session.findMany({ where: { userId: { in: [a.id, b.id] } }, select: { id: true } });
    expect(sessions.map((s) => s.id).sort()).toEqual([recentlyRevoked.id, open.id].sort());
    expect(await prisma.session.count({ where: { id: { in: [expired.id, longRevoked.id] } } })).toBe(0);
    const tokens = await prisma.refreshToken.findMany({ where: { sessionId: open.id }, select: { id: true } });
    expect(tokens.map((t) => t.id)).toEqual([current.id]);

    expect(await deleteEndedSessions(prisma, { now: NOW })).toEqual({ sessions: 0, refreshTokens: 0 });
  });

  it('works through more rows than one batch', async () => {
    const owner = await user();
    for (let i = 0; i < 5; i++) await session(owner, at(-1));
    expect(await deleteEndedSessions(prisma, { now: NOW, batchSize: 2 })).toEqual({ sessions: 5, refreshTokens: 0 });
    expect(await prisma.session.count({ where: { userId: owner.id } })).toBe(0);
  });
});
