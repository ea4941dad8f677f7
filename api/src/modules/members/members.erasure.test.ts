import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '@loyaltystudio/engines/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiTest, createProgram, startApiTest, type TestTenant } from '../../../test/support.ts';
import { REMOVED_FOR_ERASURE, removeExportFilesOfMember } from '../exports/exports.erasure.ts';
import { erasureState, pendingWarehouseErasures, recordWarehouseErasure } from './members.erasure.ts';
import { createMembersService } from './members.service.ts';

const MINUTE = 60_000;

/**
 * The Postgres side of an erasure's way to the warehouse: what the erase rewrites beyond the profile, when it starts
 * the workflow, the steps the workflow takes in Postgres, and which export files it deletes. The whole way through
 * the warehouse is workflows/test/member-erasure.test.ts.
 */
describe('member erasure: Postgres and export files', () => {
  let t: ApiTest;
  let tenant: TestTenant;
  let other: TestTenant;
  const files = tempDir('erasure-exports');

  beforeAll(async () => {
    t = await startApiTest();
    [tenant, other] = await Promise.all([t.tenant(), t.tenant()]);
    await Promise.all([createProgram(t, tenant, 'EUR'), createProgram(t, other, 'EUR')]);
  });
  afterAll(async () => {
    await t?.stop();
    files.remove();
  });

  const post = (as: TestTenant, url: string, payload: object, key?: string) =>
    t.app.inject({
      method: 'POST',
      url,
      headers: { ...as.as('owner'), ...(key && { 'idempotency-key': key }) },
      payload,
    });

  it('files guest orders under the pseudonym, drops adjustment reasons, and starts the warehouse erasure', async () => {
    const member = (await post(tenant, '/v1/members', { externalId: 'cust-77', email: 'ada@example.org' })).json();
    const adjust = await post(
      tenant,
      `/v1/members/${member.id}/adjustments`,
      { points: 20, reason: 'Sorry, Ada' },
      'a1',
    );
    expect(adjust.statusCode, adjust.body).toBe(201);
    for (const [key, customerRef] of [
      ['g1', 'cust-77'],
      ['g2', 'cust-78'],
    ]) {
      const guest = await post(
        tenant,
        '/v1/guest-purchases',
        { externalId: key, customerRef, occurredAt: '2026-01-01T00:00:00Z', amountMinor: 100, currency: 'EUR' },
        key,
      );
      expect(guest.statusCode, guest.body).toBe(201);
    }
    // Another tenant's customer with the same id is another person.
    await post(
      other,
      '/v1/guest-purchases',
      {
        externalId: 'g1',
        customerRef: 'cust-77',
        occurredAt: '2026-01-01T00:00:00Z',
        amountMinor: 100,
        currency: 'EUR',
      },
      'g1',
    );

    const started: [string, string][] = [];
    const members = createMembersService(t.prisma, {
      startWarehouseErasure: async (tenantId, memberId) => {
        // The erasure has committed when the workflow starts: it would otherwise find nothing to wait for.
        expect((await t.prisma.member.findUniqueOrThrow({ where: { id: memberId } })).status).toBe('erased');
        started.push([tenantId, memberId]);
      },
    });
    const erased = await members.erase(tenant.auth('admin'), member.id);
    expect(erased.erasure).toEqual({ requestedAt: erased.erasedAt, warehouseErasedAt: null });
    expect(started).toEqual([[tenant.id, member.id]]);

    const guests = await t.prisma.guestPurchase.findMany({
      select: { tenantId: true, externalId: true, customerRef: true },
      orderBy: [{ tenantId: 'asc' }, { externalId: 'asc' }],
    });
    expect(guests.filter((g) => g.tenantId === tenant.id)).toEqual([
      { tenantId: tenant.id, externalId: 'g1', customerRef: `erased:${member.id}` },
      { tenantId: tenant.id, externalId: 'g2', customerRef: 'cust-78' },
    ]);
    expect(guests.filter((g) => g.tenantId === other.id)).toEqual([
      { tenantId: other.id, externalId: 'g1', customerRef: 'cust-77' },
    ]);
    const entries = await t.prisma.ledgerEntry.findMany({ where: { memberId: member.id } });
    expect(entries.map((e) => [e.kind, e.points, e.reason])).toEqual([['adjustment', 20, null]]);
    const stored = JSON.stringify([
      await t.prisma.auditLog.findMany({ where: { tenantId: tenant.id } }),
      await t.prisma.outboxEvent.findMany({ where: { tenantId: tenant.id } }),
    ]);
    expect(stored).toContain('"points":20');
    expect(stored).not.toContain('Sorry, Ada');

    // Erasing again while the warehouse erasure runs starts it again (a running one is found); once it is
    // recorded, not any more.
    await members.erase(tenant.auth('admin'), member.id);
    expect(started).toHaveLength(2);
    const at = new Date('2026-03-01T10:00:00.000Z');
    expect(await recordWarehouseErasure(t.prisma, { tenantId: tenant.id, memberId: member.id, at })).toEqual(at);
    // Recorded once: a later call keeps the first time.
    const later = new Date('2026-03-02T10:00:00.000Z');
    expect(await recordWarehouseErasure(t.prisma, { tenantId: tenant.id, memberId: member.id, at: later })).toEqual(at);
    expect((await members.erase(tenant.auth('admin'), member.id)).erasure).toEqual({
      requestedAt: erased.erasedAt,
      warehouseErasedAt: at.toISOString(),
    });
    expect(started).toHaveLength(2);
    const got = await t.app.inject({ method: 'GET', url: `/v1/members/${member.id}`, headers: tenant.as('viewer') });
    expect(got.json().erasure).toEqual({ requestedAt: erased.erasedAt, warehouseErasedAt: at.toISOString() });
  });

  it('lists the erasures still on their way, across tenants, and records none for an active member', async () => {
    const members = createMembersService(t.prisma);
    const mine = (await post(tenant, '/v1/members', { externalId: 'pending-1' })).json();
    const theirs = (await post(other, '/v1/members', { externalId: 'pending-2' })).json();
    const active = (await post(other, '/v1/members', { externalId: 'active-1' })).json();
    await members.erase(tenant.auth('owner'), mine.id);
    await members.erase(other.auth('owner'), theirs.id);

    const now = new Date();
    const pending = await pendingWarehouseErasures(t.prisma, {
      erasedBefore: new Date(now.getTime() + MINUTE),
      limit: 10,
    });
    expect(pending).toEqual([
      { tenantId: tenant.id, memberId: mine.id },
      { tenantId: other.id, memberId: theirs.id },
    ]);
    expect(
      await pendingWarehouseErasures(t.prisma, { erasedBefore: new Date(now.getTime() - MINUTE), limit: 10 }),
    ).toEqual([]);
    expect(await recordWarehouseErasure(t.prisma, { tenantId: other.id, memberId: active.id, at: now })).toBeNull();
    // Another tenant's member is not found from this one.
    expect(await erasureState(t.prisma, { tenantId: tenant.id, memberId: theirs.id })).toBeNull();
    expect(await erasureState(t.prisma, { tenantId: other.id, memberId: theirs.id })).toMatchObject({
      status: 'erased',
      warehouseErasedAt: null,
    });
  });

  it("deletes the tenant's export files that may hold the member, and only those", async () => {
    const member = await t.prisma.member.create({
      data: { tenantId: tenant.id, externalId: 'exported', enrolledAt: new Date('2026-02-10T12:00:00Z') },
    });
    const now = new Date();
    const day = (d: string) => new Date(`${d}T00:00:00Z`);
    const exportRow = async (
      of: TestTenant,
      mart: string,
      columns: string[],
      extra: { fromDate?: Date; toDate?: Date; status?: 'running' | 'succeeded'; updatedAt?: Date } = {},
    ) => {
      const row = await t.prisma.export.create({
        data: {
          tenantId: of.id,
          mart,
          format: 'csv',
          columns,
          status: 'succeeded',
          actorType: 'user',
          actorId: of.users.owner.id,
          createdAt: new Date(now.getTime() - MINUTE),
          ...extra,
        },
      });
      mkdirSync(join(files.path, of.id), { recursive: true });
      writeFileSync(join(files.path, of.id, `${row.id}.csv`), 'member_id,external_id\n');
      return row;
    };
    const file = (row: { tenantId: string; id: string }) => join(files.path, row.tenantId, `${row.id}.csv`);
    const holding = await exportRow(tenant, 'member_360', ['member_id', 'external_id']);
    const tagsInRange = await exportRow(tenant, 'member_360', ['tags'], {
      fromDate: day('2026-02-01'),
      toDate: day('2026-02-10'),
    });
    const kept = [
      await exportRow(tenant, 'member_360', ['member_id', 'points_available']),
      await exportRow(tenant, 'member_360', ['external_id'], {
        fromDate: day('2026-02-11'),
        toDate: day('2026-03-01'),
      }),
      await exportRow(tenant, 'member_rfm', ['member_id', 'rfm_segment']),
      await exportRow(other, 'member_360', ['external_id']),
    ];
    const opts = { dir: files.path, tenantId: tenant.id, memberId: member.id, createdBefore: now, now };

    // An export of hers still being written is waited for.
    const writing = await exportRow(tenant, 'member_360', ['external_id'], { status: 'running', updatedAt: now });
    expect(await removeExportFilesOfMember(t.prisma, opts)).toEqual({ removed: 2, writing: 1 });
    await t.prisma.export.update({
      where: { id: writing.id },
      data: { status: 'succeeded', updatedAt: new Date(now.getTime() - 2 * MINUTE) },
    });
    expect(await removeExportFilesOfMember(t.prisma, opts)).toEqual({ removed: 1, writing: 0 });
    expect(await removeExportFilesOfMember(t.prisma, opts)).toEqual({ removed: 0, writing: 0 });

    for (const row of [holding, tagsInRange, writing]) {
      expect(existsSync(file(row))).toBe(false);
      expect((await t.prisma.export.findUniqueOrThrow({ where: { id: row.id } })).error).toBe(REMOVED_FOR_ERASURE);
    }
    for (const row of kept) {
      expect(existsSync(file(row))).toBe(true);
      expect((await t.prisma.export.findUniqueOrThrow({ where: { id: row.id } })).error).toBeNull();
    }
    // Exports created after the marts were cleaned read the erased rows: not touched.
    const after = await exportRow(tenant, 'member_360', ['external_id'], {});
    await t.prisma.export.update({ where: { id: after.id }, data: { createdAt: new Date(now.getTime() + MINUTE) } });
    expect(await removeExportFilesOfMember(t.prisma, opts)).toEqual({ removed: 0, writing: 0 });
    expect(existsSync(file(after))).toBe(true);
  });
});
