import type { GatewayHandle } from '@loyaltystudio/engines';
import { startTestGateway } from '@loyaltystudio/engines/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiTest, startApiTest, type TestTenant } from '../../../test/support.ts';
import { importProgram, postImport, settled } from './imports.fixtures.ts';

// A Parquet file as a warehouse would write it: ClickHouse (the embedded gateway) writes it, with typed columns
// (String, DateTime64, Int64 read back as bigint, Nullable), and the import reads it with hyparquet.
describe('importing a Parquet file', () => {
  let gateway: GatewayHandle;
  let t: ApiTest;
  let tenant: TestTenant;

  beforeAll(async () => {
    gateway = await startTestGateway();
    t = await startApiTest();
    tenant = await t.tenant();
    await importProgram(t, tenant);
  }, 120_000);
  afterAll(async () => {
    await t?.stop();
    await gateway?.stop();
  });

  async function parquet(sql: string): Promise<Buffer> {
    const res = await fetch(`${gateway.url}/?query=${encodeURIComponent(`${sql} FORMAT Parquet`)}`, {
      headers: { authorization: `Basic ${Buffer.from('monet:monet').toString('base64')}` },
    });
    if (!res.ok) throw new Error(`the gateway answered ${res.status}: ${await res.text()}`);
    return Buffer.from(await res.arrayBuffer());
  }

  it('reads typed columns through the mapping and names the row of a bad value', async () => {
    const orders = await parquet(`
      SELECT concat('pq-', toString(number)) AS order_id,
             concat('pq-c', toString(number % 3)) AS customer_id,
             toDateTime64('2025-03-01 10:00:00', 3, 'UTC') + toIntervalDay(number) AS created,
             toInt64(1000 + number * 250) AS total_cents,
             'EUR' AS currency,
             if(number = 4, NULL, 'online') AS channel
      FROM numbers(6)`);
    const mapping = {
      orders: {
        externalId: 'order_id',
        memberExternalId: 'customer_id',
        occurredAt: 'created',
        amountMinor: 'total_cents',
      },
    };
    const res = await postImport(t, tenant, {
      orders: { format: 'parquet', content: orders.toString('base64') },
      mapping,
    });
    expect(res.statusCode).toBe(202);
    expect(await settled(t, tenant, res.json().id)).toMatchObject({
      status: 'succeeded',
      progress: { membersDone: 3, eventsDone: 6 },
    });
    const events = await t.prisma.event.findMany({ where: { tenantId: tenant.id }, orderBy: { externalId: 'asc' } });
    expect(events.map((e) => [e.externalId, e.amountMinor, e.occurredAt.toISOString(), e.channel])).toEqual([
      ['pq-0', 1000, '2025-03-01T10:00:00.000Z', 'online'],
      ['pq-1', 1250, '2025-03-02T10:00:00.000Z', 'online'],
      ['pq-2', 1500, '2025-03-03T10:00:00.000Z', 'online'],
      ['pq-3', 1750, '2025-03-04T10:00:00.000Z', 'online'],
      ['pq-4', 2000, '2025-03-05T10:00:00.000Z', null],
      ['pq-5', 2250, '2025-03-06T10:00:00.000Z', 'online'],
    ]);

    const bad = await parquet(`
      SELECT concat('pqb-', toString(number)) AS order_id, 'pqb-c' AS customer_id,
             toDateTime64('2025-04-01 10:00:00', 3, 'UTC') AS created,
             if(number = 1, toInt64(-5), toInt64(100)) AS total_cents, 'EUR' AS currency
      FROM numbers(3)`);
    const refused = await postImport(t, tenant, {
      orders: { format: 'parquet', content: bad.toString('base64') },
      mapping,
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().badRows).toEqual([
      { file: 'orders', line: 2, column: 'total_cents', message: expect.stringContaining('whole number') },
    ]);
  });
});
