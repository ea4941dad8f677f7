import type { GatewayHandle } from '@loyaltystudio/engines';
import { startTestGateway } from '@loyaltystudio/engines/testing';
import { createClickHouseClient } from '@loyaltystudio/warehouse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiMartReader } from '../src/infra/warehouse.ts';

/** The limits every mart read runs under, enforced by the real engine behind the gateway, and how they answer. */
describe('mart reads under the api limits, on a real gateway', () => {
  let gateway: GatewayHandle;
  let client: ReturnType<typeof createClickHouseClient>;

  beforeAll(async () => {
    gateway = await startTestGateway();
    client = createClickHouseClient({ url: gateway.url, username: 'monet', password: 'monet' });
  }, 60_000);
  afterAll(async () => {
    await client?.close();
    await gateway?.stop();
  });

  it('binds values as parameters and returns typed rows', async () => {
    const reader = apiMartReader(client, { timeoutSeconds: 5, maxResultRows: 1000 });
    const rows = await reader.rows<{ n: number; day: string; at: string }>({
      sql: "SELECT {n:Int64} * 2 AS n, toDate({day:Date}) AS day, toDateTime64('2026-03-01 10:00:00', 3, 'UTC') AS at",
      params: { n: 21, day: '2026-03-01' },
    });
    expect(rows).toEqual([{ n: 42, day: '2026-03-01', at: '2026-03-01T10:00:00.000Z' }]);
  });

  it('refuses a result above max_result_rows with 422 result-too-large, never a cut-short answer', async () => {
    const reader = apiMartReader(client, { timeoutSeconds: 5, maxResultRows: 1000 });
    const failure = await reader.rows({ sql: 'SELECT number FROM numbers(5000)', params: {} }).catch((e) => e);
    expect(failure).toMatchObject({ status: 422, type: 'result-too-large' });
  });

  it('stops a query at max_execution_time with 504 query-timeout', async () => {
    const reader = apiMartReader(client, { timeoutSeconds: 1, maxResultRows: 1000 });
    const started = performance.now();
    const failure = await reader
      .rows({ sql: 'SELECT count() FROM numbers(100000000000) WHERE sipHash64(number) = 0', params: {} })
      .catch((e) => e);
    expect(failure).toMatchObject({ status: 504, type: 'query-timeout' });
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('answers 503 while the marts are not built', async () => {
    const reader = apiMartReader(client, { timeoutSeconds: 5, maxResultRows: 1000 });
    const failure = await reader.rows({ sql: 'SELECT 1 FROM marts.nothing_here', params: {} }).catch((e) => e);
    expect(failure).toMatchObject({ status: 503, type: 'warehouse-unavailable' });
  });
});
