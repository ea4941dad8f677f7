import { createWriteStream, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createClient } from '@clickhouse/client';
import type { Session } from 'chdb';

// A mart-sized export through the gateway: its resident memory while a 10-million-row table leaves it as Parquet and
// CSV, against the file's size (what a gateway that held the result would need on top), and its time against chDB
// writing the same file in this process.

const EXPORT_ROWS = Number(process.env.BENCH_EXPORT_ROWS ?? 10_000_000);
const MART = `CREATE TABLE IF NOT EXISTS bench_mart (tenant_id UUID, member_id UUID, segment LowCardinality(String),
  orders UInt32, revenue_minor Int64, last_order_at DateTime) ENGINE = MergeTree ORDER BY (tenant_id, member_id)`;
const FILL = `INSERT INTO bench_mart SELECT toUUID('00000000-0000-4000-8000-000000000001'), generateUUIDv4(number),
  ['champions', 'loyal', 'at_risk', 'hibernating'][number % 4 + 1], number % 97, (number * 7919) % 1000000,
  toDateTime('2026-01-01 00:00:00') + number % 31536000 FROM numbers(${EXPORT_ROWS})`;

const residentMiB = (pid: number) =>
  Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;

/** Runs `work` while sampling a process's resident memory; the peak, in MiB. */
async function peakResident(pid: number, work: () => Promise<unknown>): Promise<number> {
  let peak = residentMiB(pid);
  const timer = setInterval(() => {
    peak = Math.max(peak, residentMiB(pid));
  }, 20);
  try {
    await work();
  } finally {
    clearInterval(timer);
  }
  return Math.max(peak, residentMiB(pid));
}

export async function benchGatewayExport(
  gateway: { url: string; pid: number },
  session: Session,
  dir: string,
): Promise<Record<string, number>> {
  // Filling and exporting ten million rows outlasts the client's default request timeout of 30 s.
  const client = createClient({ url: gateway.url, username: 'monet', password: 'monet', request_timeout: 3_600_000 });
  try {
    return await exportThrough(client, gateway.pid, session, dir);
  } finally {
    await client.close();
  }
}

async function exportThrough(
  client: ReturnType<typeof createClient>,
  gatewayPid: number,
  session: Session,
  dir: string,
): Promise<Record<string, number>> {
  await client.command({ query: MART });
  await client.command({ query: FILL, clickhouse_settings: { max_execution_time: 0 } });
  await session.queryAsync(MART);
  await session.queryAsync(FILL);
  const figures: Record<string, number> = { export_rows: EXPORT_ROWS };
  // As the api's exports ask: Parquet whole, CSV as rows (the api writes its header line).
  for (const format of ['Parquet', 'CSV']) {
    const file = join(dir, `export.${format}`);
    const baseline = residentMiB(gatewayPid);
    const t0 = performance.now();
    const peak = await peakResident(gatewayPid, async () => {
      const { stream } = await client.exec({
        query: `SELECT * FROM bench_mart FORMAT ${format}`,
        // Row groups as the api's exports write them (PARQUET_ROW_GROUP_ROWS in exports.writer.ts).
        clickhouse_settings: { max_execution_time: 0, output_format_parquet_row_group_size: '122880' },
      });
      await pipeline(stream, createWriteStream(file));
    });
    const gatewaySeconds = (performance.now() - t0) / 1000;
    const size = statSync(file).size / 2 ** 20;
    const local = join(dir, `local.${format}`);
    const t1 = performance.now();
    await session.queryAsync(
      `SELECT * FROM bench_mart INTO OUTFILE '${local}' TRUNCATE FORMAT ${format} SETTINGS output_format_parquet_row_group_size = 122880`,
    );
    const chdbSeconds = (performance.now() - t1) / 1000;
    const key = format === 'Parquet' ? 'parquet' : 'csv';
    figures[`export_${key}_file_mib`] = size;
    figures[`export_${key}_gateway_baseline_mib`] = baseline;
    figures[`export_${key}_gateway_peak_mib`] = peak;
    figures[`export_${key}_gateway_growth_mib`] = peak - baseline;
    figures[`export_${key}_gateway_s`] = gatewaySeconds;
    figures[`export_${key}_chdb_s`] = chdbSeconds;
    figures[`export_${key}_time_ratio`] = gatewaySeconds / chdbSeconds;
  }
  return figures;
}
