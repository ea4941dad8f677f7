import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { lsnToBigInt } from './values.ts';

/** What the consumer reports as it goes; `main.ts` serves it at /metrics. */
export interface CdcMetrics {
  /** A batch reached ClickHouse: its rows by table, how long the writes took, and when its last commit happened. */
  batchWritten(rowsByTable: ReadonlyMap<string, number>, seconds: number, lastCommitTimeUs: bigint | undefined): void;
  confirmed(lsn: string): void;
  restarted(): void;
}

/** Prometheus metrics of the change stream on a registry of its own, with the process's default metrics. */
export function createCdcMetrics(): { registry: Registry; metrics: CdcMetrics } {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const rows = new Counter({
    name: 'monet_cdc_rows_written_total',
    help: 'Changes streamed into ClickHouse raw tables (rows of the first snapshot not included)',
    labelNames: ['table'],
    registers: [registry],
  });
  const batches = new Histogram({
    name: 'monet_cdc_batch_write_seconds',
    help: 'Time to write one batch to ClickHouse',
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const lag = new Histogram({
    name: 'monet_cdc_lag_seconds',
    help: "From a transaction's commit in Postgres to its changes being written to ClickHouse (last commit of each batch)",
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
    registers: [registry],
  });
  const confirmedLsn = new Gauge({
    name: 'monet_cdc_confirmed_lsn',
    help: 'Last LSN confirmed to Postgres, as a number (compare with pg_current_wal_lsn for the backlog in bytes)',
    registers: [registry],
  });
  const restarts = new Counter({
    name: 'monet_cdc_restarts_total',
    help: 'Times the consumer stopped on an error and started again from the slot',
    registers: [registry],
  });
  return {
    registry,
    metrics: {
      batchWritten(rowsByTable, seconds, lastCommitTimeUs) {
        for (const [table, count] of rowsByTable) rows.inc({ table }, count);
        batches.observe(seconds);
        if (lastCommitTimeUs !== undefined) {
          lag.observe(Math.max(0, Date.now() / 1000 - Number(lastCommitTimeUs) / 1e6));
        }
      },
      confirmed: (lsn) => confirmedLsn.set(Number(lsnToBigInt(lsn))),
      restarted: () => restarts.inc(),
    },
  };
}
