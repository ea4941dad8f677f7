import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiTest, startApiTest, type TestTenant } from '../../../test/support.ts';
import {
  importProgram,
  ledgerOf,
  ORDERS_MAPPING,
  type OrderLine,
  ordersCsv,
  postImport,
  settled,
} from './imports.fixtures.ts';

const DAY = 86_400_000;
const start = Date.UTC(2025, 0, 6, 9);

/** Eight customers, a purchase every ten days each for ~4 months, a few refunds, so lots expire on the way. */
function history(prefix: string): OrderLine[] {
  const orders: OrderLine[] = [];
  for (let c = 0; c < 8; c++) {
    for (let k = 0; k < 12; k++) {
      const id = `${prefix}-o-${c}-${k}`;
      const at = new Date(start + (k * 10 + c) * DAY);
      orders.push({
        externalId: id,
        member: `${prefix}-c-${c}`,
        type: 'purchase',
        at,
        amountMinor: 1_000 + c * 731 + k * 97,
      });
      if ((c + k) % 7 === 0) {
        orders.push({
          externalId: `${id}-r`,
          member: `${prefix}-c-${c}`,
          type: 'refund',
          at: new Date(at.getTime() + 2 * DAY),
          amountMinor: 500,
          refundOf: id,
        });
      }
    }
  }
  return orders;
}

const membersCsv = (prefix: string) =>
  [
    'id,mail,first,enrolled',
    ...Array.from({ length: 8 }, (_, c) => `${prefix}-c-${c},c${c}@${prefix}.test,Ann${c},2024-12-0${c + 1}T10:00:00Z`),
  ].join('\n');

describe('imports', () => {
  let t: ApiTest;
  let a: TestTenant;
  let b: TestTenant;
  let killAfterFirstChunk = false;

  beforeAll(async () => {
    t = await startApiTest({
      imports: {
        chunkMembers: 2,
        // The interruption test kills the import's connection once its first chunk is committed.
        onChunk: async () => {
          if (!killAfterFirstChunk) return;
          killAfterFirstChunk = false;
          return t.prisma.$queryRaw`
            SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'monet-import'`;
        },
      },
    });
    [a, b] = await Promise.all([t.tenant(), t.tenant()]);
    await Promise.all([importProgram(t, a), importProgram(t, b)]);
  }, 60_000);
  afterAll(() => t?.stop());

  const payload = (prefix: string, over: Record<string, unknown> = {}) => ({
    members: { format: 'csv', content: membersCsv(prefix) },
    orders: { format: 'csv', content: ordersCsv(history(prefix)) },
    mapping: {
      ...ORDERS_MAPPING,
      members: { externalId: 'id', email: 'mail', firstName: 'first', enrolledAt: 'enrolled' },
    },
    ...over,
  });

  it('reports a dry run and writes nothing', async () => {
    const res = await postImport(t, a, payload('dry', { dryRun: true }));
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ id: null, status: 'dry_run', progress: { membersTotal: 8, eventsTotal: 96 + 14 } });
    expect(body.summary.members).toEqual({ created: 8, merged: 0 });
    expect(body.summary.events).toEqual({ purchases: 96, refunds: 14 });
    expect(body.summary.points.issued).toBeGreaterThan(0);
    expect(body.summary.points.expired).toBeGreaterThan(0);
    const p = body.summary.points;
    expect(p.outstanding).toBe(p.issued - p.reversed - p.expired);
    expect(body.summary.liability).toEqual({ amountMinor: p.outstanding, currency: 'EUR' });
    expect(await t.prisma.member.count({ where: { tenantId: a.id } })).toBe(0);
    expect(await t.prisma.import.count({ where: { tenantId: a.id } })).toBe(0);
  });

  it('imports members at their enrolment date with a ledger dated in the past, and the same files again change nothing', async () => {
    const res = await postImport(t, a, payload('run'));
    expect(res.statusCode).toBe(202);
    const done = await settled(t, a, res.json().id);
    expect(done).toMatchObject({ status: 'succeeded', progress: { membersDone: 8, eventsDone: 110 } });
    const dry = (await postImport(t, b, payload('run', { dryRun: true }))).json();
    const withoutIds = (summary: unknown) => JSON.stringify(summary).replace(/"tierId":"[^"]+",?/g, '');
    expect(withoutIds(done.summary)).toBe(withoutIds(dry.summary));
    const member = await t.prisma.member.findFirstOrThrow({ where: { tenantId: a.id, externalId: 'run-c-3' } });
    expect(member.enrolledAt.toISOString()).toBe('2024-12-04T10:00:00.000Z');
    expect(member.email).toBe('c3@run.test');
    const entries = await t.prisma.ledgerEntry.findMany({ where: { memberId: member.id }, orderBy: { seq: 'asc' } });
    expect(entries[0]!.effectiveAt.getTime()).toBe(start + 3 * DAY);
    expect(entries.some((e) => e.kind === 'expiry')).toBe(true);
    const balance = await t.prisma.balance.findFirstOrThrow({ where: { memberId: member.id } });
    expect(balance.available).toBe(entries.reduce((s, e) => s + e.points, 0));
    expect(await t.prisma.outboxEvent.count({ where: { tenantId: a.id } })).toBe(0);

    const before = await ledgerOf(t.prisma, a.id);
    const again = await postImport(t, a, payload('run'));
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ id: done.id, status: 'succeeded' });
    expect(await ledgerOf(t.prisma, a.id)).toEqual(before);
  });

  it('refuses a file with bad rows before writing anything, naming file, line and column; or skips them when asked', async () => {
    const csv = [
      'order_id,customer_id,kind,created,total_cents,currency,refund_of',
      'bad-1,bad-c,purchase,2025-02-01T10:00:00Z,12.50,EUR,',
      'bad-2,bad-c,purchase,yesterday,1000,EUR,',
      'bad-3,bad-c,purchase,2025-02-02T10:00:00Z,1000,EUR,',
      'bad-4,bad-c,refund,2025-02-03T10:00:00Z,5000,EUR,bad-3',
    ].join('\n');
    const body = { orders: { format: 'csv', content: csv }, mapping: ORDERS_MAPPING };
    const res = await postImport(t, a, body);
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().badRows).toEqual([
      { file: 'orders', line: 2, column: 'total_cents', message: expect.stringContaining('whole number') },
      { file: 'orders', line: 3, column: 'created', message: expect.stringContaining('ISO 8601') },
      { file: 'orders', line: 5, column: 'total_cents', message: expect.stringContaining('more than its amount') },
    ]);
    expect(await t.prisma.member.count({ where: { tenantId: a.id, externalId: 'bad-c' } })).toBe(0);

    const skip = await postImport(t, a, { ...body, skipBadRows: true });
    expect(skip.statusCode).toBe(202);
    const done = await settled(t, a, skip.json().id);
    expect(done).toMatchObject({ status: 'succeeded', skippedCount: 3, progress: { membersDone: 1, eventsDone: 1 } });
  });

  it('resumes an interrupted import where it stopped, with the same result as one run', async () => {
    killAfterFirstChunk = true;
    const first = await postImport(t, a, payload('kill'));
    expect(first.statusCode).toBe(202);
    const failed = await settled(t, a, first.json().id);
    expect(failed.status).toBe('failed');
    const cursor = (failed.progress as { membersDone: number }).membersDone;
    expect(cursor).toBeGreaterThan(0);
    expect(cursor).toBeLessThan(8);
    // Whole members only: those past the cursor have nothing.
    expect(await t.prisma.member.count({ where: { tenantId: a.id, externalId: { startsWith: 'kill-' } } })).toBe(
      cursor,
    );

    const resumed = await postImport(t, a, payload('kill'));
    expect(resumed.statusCode).toBe(202);
    expect(resumed.json().id).toBe(first.json().id);
    const done = await settled(t, a, first.json().id);
    expect(done).toMatchObject({ status: 'succeeded', progress: { membersDone: 8, eventsDone: 110 } });

    const once = await postImport(t, b, payload('kill'));
    await settled(t, b, once.json().id);
    const ledger = async (tenant: TestTenant) =>
      Object.fromEntries(Object.entries(await ledgerOf(t.prisma, tenant.id)).filter(([id]) => id.startsWith('kill-')));
    expect(await ledger(a)).toEqual(await ledger(b));
    const withoutIds = (summary: unknown) => JSON.stringify(summary).replace(/"tierId":"[^"]+",?/g, '');
    expect(withoutIds(done.summary)).toBe(withoutIds((await settled(t, b, once.json().id)).summary));
  });

  it("never shows or touches another tenant's import", async () => {
    const res = await postImport(t, b, payload('other'));
    const id = res.json().id;
    await settled(t, b, id);
    const get = await t.app.inject({ method: 'GET', url: `/v1/imports/${id}`, headers: a.as('owner') });
    expect(get.statusCode).toBe(404);
    const list = await t.app.inject({ method: 'GET', url: '/v1/imports', headers: a.as('owner') });
    expect(list.json().data.map((i: { id: string }) => i.id)).not.toContain(id);
    expect(await t.prisma.member.count({ where: { tenantId: a.id, externalId: { startsWith: 'other-' } } })).toBe(0);
    // The same files in tenant a are a new import of a's own.
    const mine = await postImport(t, a, payload('other'));
    expect(mine.statusCode).toBe(202);
    expect(mine.json().id).not.toBe(id);
    await settled(t, a, mine.json().id);
  });

  it('sends webhooks for the history only when asked', async () => {
    const res = await postImport(t, b, payload('hook', { sendWebhooks: true }));
    await settled(t, b, res.json().id);
    const types = await t.prisma.outboxEvent.groupBy({ by: ['type'], where: { tenantId: b.id }, _count: true });
    const count = Object.fromEntries(types.map((r) => [r.type, r._count]));
    expect(count).toMatchObject({ 'member.created': 8, 'points.reversed': 14 });
    expect(count['points.earned']).toBe(96);
    expect(count['points.expired']).toBeGreaterThan(0);
    expect(count['tier.changed']).toBeGreaterThan(0);
  });

  it('merges members already in Monet without history, and refuses those with history', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/v1/members',
      headers: { ...a.as('owner'), 'idempotency-key': randomUUID() },
      payload: { externalId: 'merge-c-1', email: 'kept@merge.test' },
    });
    expect(created.statusCode).toBe(201);
    const orders = history('merge').filter((o) => o.member === 'merge-c-1' || o.member === 'merge-c-2');
    const body = { orders: { format: 'csv', content: ordersCsv(orders) }, mapping: ORDERS_MAPPING };
    const res = await postImport(t, a, body);
    expect(res.statusCode).toBe(202);
    const done = await settled(t, a, res.json().id);
    expect(done.summary).toMatchObject({ members: { created: 1, merged: 1 } });
    const merged = await t.prisma.member.findFirstOrThrow({ where: { tenantId: a.id, externalId: 'merge-c-1' } });
    expect(merged.id).toBe(created.json().id);
    expect(merged.email).toBe('kept@merge.test');
    const balance = await t.prisma.balance.findFirstOrThrow({ where: { memberId: merged.id } });
    const sum = await t.prisma.ledgerEntry.aggregate({ where: { memberId: merged.id }, _sum: { points: true } });
    expect(balance.available).toBe(sum._sum.points);

    // Another file for the same members: they now have history, so every row of theirs is refused.
    const more = [
      {
        externalId: 'merge-late',
        member: 'merge-c-1',
        type: 'purchase' as const,
        at: new Date(start),
        amountMinor: 100,
      },
    ];
    const again = await postImport(t, a, {
      orders: { format: 'csv', content: ordersCsv(more) },
      mapping: ORDERS_MAPPING,
    });
    expect(again.statusCode).toBe(422);
    expect(again.json().badRows[0].message).toContain('already has history');
  });

  it('refuses to fetch a file from a loopback or private address (422, nothing fetched, nothing written)', async () => {
    for (const url of ['http://127.0.0.1:9/orders.csv', 'https://10.0.0.7/orders.csv']) {
      const res = await postImport(t, a, { orders: { format: 'csv', url }, mapping: ORDERS_MAPPING });
      expect(res.statusCode).toBe(422);
      expect(res.json()).toMatchObject({ type: expect.stringContaining('import-file-unavailable') });
    }
    const both = await postImport(t, a, { orders: { format: 'csv', url: 'https://10.0.0.7/x', content: 'x' } });
    expect(both.statusCode).toBe(400);
  });

  it('answers any malformed request with a problem, never a 5xx', async () => {
    const text = fc.string({ maxLength: 40 });
    const file = fc.record(
      {
        format: fc.constantFrom('csv', 'ndjson', 'parquet'),
        content: fc.oneof(
          text,
          fc.constant('order_id,customer_id,created,total_cents\nx,y,2025-01-01,5'),
          fc.constant('{"externalId":1}\n[]\nnot json'),
          fc.base64String({ maxLength: 60 }),
        ),
        encoding: fc.constantFrom('utf8', 'base64'),
        url: fc.constantFrom('http://[::1]:9/x', 'https://169.254.169.254/', 'ftp://files.example/x', 'a:b'),
      },
      { requiredKeys: ['format'] },
    );
    const body = fc.record(
      {
        members: file,
        orders: file,
        mapping: fc.record({ orders: fc.dictionary(fc.constantFrom('externalId', 'occurredAt', 'type'), text) }),
        dryRun: fc.boolean(),
        skipBadRows: fc.boolean(),
        programId: fc.uuid(),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(body, async (payload) => {
        const res = await postImport(t, a, payload);
        expect(res.statusCode).toBeLessThan(500);
        if (res.statusCode >= 400) expect(res.headers['content-type']).toContain('application/problem+json');
      }),
      { numRuns: 60 },
    );
  }, 120_000);

  it('needs imports:write and an Idempotency-Key', async () => {
    const asMarketer = await t.app.inject({
      method: 'POST',
      url: '/v1/imports',
      headers: { ...a.as('marketer'), 'idempotency-key': randomUUID() },
      payload: payload('perm', { dryRun: true }),
    });
    expect(asMarketer.statusCode).toBe(403);
    const noKey = await t.app.inject({
      method: 'POST',
      url: '/v1/imports',
      headers: a.as('owner'),
      payload: payload('perm', { dryRun: true }),
    });
    expect(noKey.statusCode).toBe(400);
  });
});
