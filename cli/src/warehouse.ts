import { createClickHouseClient, migrateClickHouse } from '@loyaltystudio/warehouse';
import type { StackConfig } from './stack.ts';

/** Applies the numbered ClickHouse DDL under warehouse/clickhouse; returns the names applied. */
export async function migrateWarehouse(url: string, config: StackConfig): Promise<string[]> {
  const client = createClickHouseClient({
    url,
    username: config.CLICKHOUSE_USER,
    password: config.CLICKHOUSE_PASSWORD,
  });
  try {
    const cluster = config.CLICKHOUSE_CLUSTER;
    return await migrateClickHouse(client, cluster ? { layout: { kind: 'cluster', cluster } } : {});
  } finally {
    await client.close();
  }
}
