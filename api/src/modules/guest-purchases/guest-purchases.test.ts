import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiTest, startApiTest, type TestTenant } from '../../../test/support.ts';
import { withTenant } from '../../infra/tenant-tx.ts';

describe('guest purchases', () => {
  let t: ApiTest;
  let a: TestTenant;
  let b: TestTenant;
  let programA: string;
  let programB: string;

  const program = async (tenant: TestTenant, status: 'active' | 'archived' = 'active') =>
    (
      await t.prisma.program.create({
        data: { tenantId: tenant.id, name: 'P', pointsName: 'Points', earningCurrency: 'EUR', status },
      })
    ).id;

  beforeAll(async () => {
    t = await startApiTest();
    [a, b] = await Promise.all([t.tenant(), t.tenant()]);
    [programA, programB] = await Promise.all([program(a), program(b)]);
  });
  afterAll(() => t?.stop());

  const purchase = (over: Record<string, unknown> = {}) => ({
    externalId: `order-${randomUUID()}`,
    occurredAt: '2026-03-14T09:30:00.000Z',
    amountMinor: 1_250,
    currency: 'EUR',
    ...over,
  });
  const post = (tenant: TestTenant, payload: unknown, key: string | null = randomUUID(), url = '/v1/guest-purchases') =>
    t.app.inject({
      method: 'POST',
      url,
      headers: { ...tenant.as('owner'), ...(key === null ? {} : { 'idempotency-key': key }) },
      payload: payload as object,
    });
  const batch = (tenant: TestTenant, purchases: unknown[], key = randomUUID()) =>
    post(tenant, { purchases }, key, '/v1/guest-purchases:batch');
  const list = (tenant: TestTenant, query = '') =>
    t.app.inject({ method: 'GET', url: `/v1/guest-purchases${query}`, headers: tenant.as('viewer') });

  it("records a purchase in the tenant's only program; its external id again returns the stored row", async () => {
    const body = purchase({ customerRef: 'cust-42', channel: 'store' });
    const res = await post(a, body);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ ...body, programId: programA, id: expect.any(String) });

    const again = await post(a, { ...body, amountMinor: 9 });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(res.json());
    expect(await t.prisma.guestPurchase.count({ where: { externalId: body.externalId } })).toBe(1);
  });

  it('replays the same Idempotency-Key and body, and refuses the key with another body or without a key', async () => {
    const body = purchase();
    const key = randomUUID();
    const first = await post(a, body, key);
    const replayed = await post(a, body, key);
    expect(replayed.statusCode).toBe(201);
    expect(replayed.headers['idempotent-replayed']).toBe('true');
    expect(replayed.json()).toEqual(first.json());

    const other = await post(a, { ...body, amountMinor: 1 }, key);
    expect(other.statusCode).toBe(422);
    expect(other.json().type).toMatch(/idempotency-key-reused$/);
    const keyless = await post(a, purchase(), null);
    expect(keyless.statusCode).toBe(400);
    expect(keyless.headers['content-type']).toMatch(/application\/problem\+json/);
  });

  it('refuses bad input with problem+json naming the field', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [purchase({ amountMinor: -1 }), 'body.amountMinor'],
      [purchase({ amountMinor: 1.5 }), 'body.amountMinor'],
      [purchase({ currency: 'euro' }), 'body.currency'],
      [purchase({ occurredAt: 'yesterday' }), 'body.occurredAt'],
      [purchase({ occurredAt: new Date(Date.now() + 3_600_000).toISOString() }), 'body.occurredAt'],
      [purchase({ customerRef: ' padded ' }), 'body.customerRef'],
      [purchase({ memberId: randomUUID() }), 'body.memberId'],
    ];
    for (const [body, path] of cases) {
      const res = await post(a, body);
      expect(res.statusCode, path).toBe(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.json().errors.map((e: { path: string }) => e.path)).toContain(path);
    }
    expect(await t.prisma.guestPurchase.count({ where: { tenantId: a.id, amountMinor: { lt: 0 } } })).toBe(0);
  });

  it('resolves the program like events: a named one, 404 for an unknown one, 422 when several are active', async () => {
    const tenant = await t.tenant();
    const none = await post(tenant, purchase());
    expect(none.statusCode).toBe(422);
    expect(none.json().type).toMatch(/program-required$/);
    const [first, second, archived] = [await program(tenant), await program(tenant), await program(tenant, 'archived')];
    const several = await post(tenant, purchase());
    expect(several.json().detail).toMatch(/several active programs/);
    expect((await post(tenant, purchase({ programId: second }))).json().programId).toBe(second);
    expect((await post(tenant, purchase({ programId: randomUUID() }))).statusCode).toBe(404);
    expect((await post(tenant, purchase({ programId: archived }))).statusCode).toBe(422);
    expect(first).not.toBe(second);
  });

  it('records a batch with a result per item: bad items fail alone, repeats return the stored row', async () => {
    const known = purchase();
    await post(a, known);
    const fresh = purchase({ customerRef: 'cust-7' });
    const items = [
      fresh,
      known,
      { ...purchase(), amountMinor: 'ten' },
      purchase({ programId: randomUUID() }),
      { ...fresh, amountMinor: 1 },
      { ...purchase(), extra: true },
    ];
    const key = randomUUID();
    const res = await batch(a, items, key);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ succeeded: 3, failed: 3 });
    expect(body.items.map((i: { status: number }) => i.status)).toEqual([201, 200, 400, 404, 200, 400]);
    expect(body.items[0].result).toMatchObject({ ...fresh, programId: programA });
    expect(body.items[4].result).toEqual(body.items[0].result);
    expect(body.items[2].problem).toMatchObject({ errors: [{ path: 'body.purchases.2.amountMinor' }] });
    expect(body.items[5].problem).toMatchObject({ errors: [{ path: 'body.purchases.5.extra' }] });
    expect(await t.prisma.guestPurchase.count({ where: { externalId: fresh.externalId } })).toBe(1);

    const replayed = await batch(a, items, key);
    expect(replayed.headers['idempotent-replayed']).toBe('true');
    expect(replayed.json()).toEqual(body);
    expect((await batch(a, [purchase()], key)).statusCode).toBe(422);
  });

  it('answers an unexpected failure in its own slot with 500: that purchase writes nothing, a retry runs it again', async () => {
    // A real database error, not a mock: Postgres refuses this one external id (a check constraint of this test),
    // so the batch's one INSERT fails and the purchases are written one by one.
    const boom = `boom-${randomUUID()}`;
    await t.prisma.$executeRawUnsafe(
      `ALTER TABLE guest_purchases ADD CONSTRAINT no_boom CHECK (external_id <> '${boom}')`,
    );
    const items = [purchase(), purchase({ externalId: boom }), { ...purchase(), amountMinor: -1 }, purchase()];
    const key = randomUUID();
    const first = await batch(a, items, key);
    expect(first.statusCode, first.body).toBe(200);
    const body = first.json();
    expect(body).toMatchObject({ succeeded: 2, failed: 2 });
    expect(body.items.map((i: { status: number }) => i.status)).toEqual([201, 500, 400, 201]);
    expect(body.items[1].problem).toMatchObject({ type: 'internal', title: 'Internal Server Error' });
    expect(body.items[1].problem.detail).not.toMatch(/no_boom|constraint/);
    const stored = async () =>
      (await t.prisma.guestPurchase.findMany({ where: { externalId: { in: items.map((i) => i.externalId) } } }))
        .map((r) => r.externalId)
        .sort();
    expect(await stored()).toEqual([items[0]!.externalId, items[3]!.externalId].sort());

    // While the fault lasts, a retry replays the purchases that succeeded and fails the same one again.
    const again = await batch(a, items, key);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(body);

    // Once it is gone, the retry records it; the others are replayed as they were.
    await t.prisma.$executeRawUnsafe('ALTER TABLE guest_purchases DROP CONSTRAINT no_boom');
    const retried = (await batch(a, items, key)).json();
    expect(retried.items.map((i: { status: number }) => i.status)).toEqual([201, 201, 400, 201]);
    expect(retried.items[0]).toEqual(body.items[0]);
    expect(retried.items[3]).toEqual(body.items[3]);
    expect(await stored()).toEqual([items[0]!.externalId, boom, items[3]!.externalId].sort());
    expect((await batch(a, items, key)).json()).toEqual(retried);
  });

  it('takes up to 1,000 purchases in one batch and refuses more', async () => {
    const items = Array.from({ length: 1_000 }, (_, i) =>
      purchase({ externalId: `bulk-${i}`, customerRef: `g-${i % 7}` }),
    );
    const res = await batch(b, items);
    expect(res.json()).toMatchObject({ succeeded: 1_000, failed: 0 });
    expect(await t.prisma.guestPurchase.count({ where: { tenantId: b.id, externalId: { startsWith: 'bulk-' } } })).toBe(
      1_000,
    );
    const tooMany = await batch(b, [...items, purchase()]);
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().errors[0].path).toBe('body.purchases');
  });

  it('lists newest first in pages, within a date range, by program and customer', async () => {
    const tenant = await t.tenant();
    const programId = await program(tenant);
    const days = ['2026-01-01', '2026-01-02', '2026-01-03', '2026-01-04', '2026-01-05'];
    await batch(
      tenant,
      days.map((d, i) =>
        purchase({ externalId: `d-${i}`, occurredAt: `${d}T12:00:00.000Z`, customerRef: `c-${i % 2}` }),
      ),
    );
    const seen: string[] = [];
    let cursor: string | null = '';
    while (cursor !== null) {
      const res = await list(tenant, `?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.statusCode).toBe(200);
      seen.push(...res.json().items.map((p: { externalId: string }) => p.externalId));
      cursor = res.json().nextCursor;
    }
    expect(seen).toEqual(['d-4', 'd-3', 'd-2', 'd-1', 'd-0']);

    const ranged = await list(tenant, '?from=2026-01-02T12:00:00Z&to=2026-01-04T12:00:00Z');
    expect(ranged.json().items.map((p: { externalId: string }) => p.externalId)).toEqual(['d-2', 'd-1']);
    const byCustomer = await list(tenant, `?customerRef=c-1&programId=${programId}`);
    expect(byCustomer.json().items.map((p: { externalId: string }) => p.externalId)).toEqual(['d-3', 'd-1']);

    for (const query of ['?from=2026-01-04T00:00:00Z&to=2026-01-02T00:00:00Z', '?cursor=nope', '?from=monday']) {
      const bad = await list(tenant, query);
      expect(bad.statusCode, query).toBe(400);
      expect(bad.headers['content-type']).toMatch(/application\/problem\+json/);
    }
  });

  it("never shows or takes another tenant's purchases or program", async () => {
    const mine = (await post(a, purchase({ externalId: 'shared-id' }))).json();
    // The same external id is another tenant's own purchase, not a repeat of a's.
    const theirs = await post(b, purchase({ externalId: 'shared-id' }));
    expect(theirs.statusCode).toBe(201);
    expect(theirs.json().id).not.toBe(mine.id);
    expect(theirs.json().programId).toBe(programB);

    expect((await post(b, purchase({ programId: programA }))).statusCode).toBe(404);
    const listed = await list(b, '?limit=200');
    expect(listed.json().items.map((p: { id: string }) => p.id)).not.toContain(mine.id);
    expect((await list(b, `?programId=${programA}`)).json().items).toEqual([]);
    // Row-level security alone, without the service's tenant filter, hides a's rows from b's transaction.
    const visible = await withTenant(t.prisma, b.id, (tx) => tx.guestPurchase.findMany({ where: { id: mine.id } }));
    expect(visible).toEqual([]);
  });
});
