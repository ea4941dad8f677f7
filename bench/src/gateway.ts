import { writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { createClient } from '@clickhouse/client';
import { startTestGateway, tempDir } from '@loyaltystudio/engines/testing';
import { Session } from 'chdb';
import { benchGatewayExport } from './gateway-export.ts';
import { percentile, printTable, writeResults } from './results.ts';

// The gateway against chDB in this process: what the HTTP hop adds to a round trip, and what share of the
// engine's own insert rate survives it.

const ROUND_TRIPS = 2000;
const INSERT_ROWS = 1_000_000;
const TABLE =
  'CREATE TABLE IF NOT EXISTS bench_rows (id UInt64, name String, score Float64) ENGINE = MergeTree ORDER BY id';
const ROWS = `SELECT number AS id, concat('member-', toString(number)) AS name, number / 7 AS score FROM numbers(${INSERT_ROWS})`;

async function latencies(run: () => Promise<unknown>): Promise<{ p50: number; p99: number }> {
  for (let i = 0; i < 200; i++) await run();
  const times: number[] = [];
  for (let i = 0; i < ROUND_TRIPS; i++) {
    const t0 = performance.now();
    await run();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p99: percentile(times, 99) };
}

/** Best of three, in rows per second. */
async function insertRate(reset: () => Promise<unknown>, insert: () => Promise<unknown>): Promise<number> {
  let best = 0;
  for (let i = 0; i < 3; i++) {
    await reset();
    const t0 = performance.now();
    await insert();
    best = Math.max(best, INSERT_ROWS / ((performance.now() - t0) / 1000));
  }
  return best;
}

/** The client's own cost: the same round trip against a server that answers at once without any engine. */
async function clientFloor(): Promise<{ p50: number; p99: number }> {
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => res.end('1\n'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const client = createClient({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
  try {
    return await latencies(async () => (await client.query({ query: 'SELECT 1', format: 'TabSeparated' })).text());
  } finally {
    await client.close();
    server.close();
  }
}

/** `npm run bench -- gateway`: round trips, inserts and a large export, each against chDB in process. */
export async function benchGateway(): Promise<Record<string, number>> {
  const gateway = await startTestGateway();
  const local = tempDir('bench-chdb');
  const session = new Session(join(local.path, 'data'));
  const client = createClient({ url: gateway.url, username: 'monet', password: 'monet' });
  try {
    const viaGateway = await latencies(async () =>
      (await client.query({ query: 'SELECT 1', format: 'TabSeparated' })).text(),
    );
    const inProcess = await latencies(() => session.queryAsync('SELECT 1', { format: 'TabSeparated' }));
    const floor = await clientFloor();

    await client.command({ query: TABLE });
    await session.queryAsync(TABLE);
    const figures: Record<string, number> = {
      select1_gateway_p50_ms: viaGateway.p50,
      select1_gateway_p99_ms: viaGateway.p99,
      select1_chdb_p50_ms: inProcess.p50,
      select1_chdb_p99_ms: inProcess.p99,
      select1_client_floor_p50_ms: floor.p50,
      select1_added_p50_ms: viaGateway.p50 - inProcess.p50,
      // What the gateway itself adds: the round trip less the engine's time and the client's own floor.
      select1_gateway_added_p50_ms: viaGateway.p50 - inProcess.p50 - floor.p50,
    };
    for (const format of ['JSONEachRow', 'RowBinary']) {
      const payload = Buffer.from((await session.queryAsync(`${ROWS} FORMAT ${format}`)).bytes());
      const file = join(local.path, `rows.${format}`);
      writeFileSync(file, payload);
      const gatewayRate = await insertRate(
        () => client.command({ query: 'TRUNCATE TABLE bench_rows' }),
        async () => {
          const result = await client.exec({
            query: `INSERT INTO bench_rows FORMAT ${format}`,
            values: Readable.from([payload]),
          });
          result.stream.resume();
        },
      );
      const chdbRate = await insertRate(
        () => session.queryAsync('TRUNCATE TABLE bench_rows'),
        () => session.queryAsync(`INSERT INTO bench_rows FROM INFILE '${file}' FORMAT ${format}`),
      );
      figures[`insert_${format}_gateway_rows_per_s`] = Math.round(gatewayRate);
      figures[`insert_${format}_chdb_rows_per_s`] = Math.round(chdbRate);
      figures[`insert_${format}_ratio`] = gatewayRate / chdbRate;
    }
    Object.assign(
      figures,
      await benchGatewayExport({ url: gateway.url, pid: gateway.process.child.pid as number }, session, local.path),
    );

    printTable('Warehouse gateway vs chDB in process', [
      ['SELECT 1 p50, gateway', figures.select1_gateway_p50_ms as number, 'ms'],
      ['SELECT 1 p99, gateway', figures.select1_gateway_p99_ms as number, 'ms'],
      ['SELECT 1 p50, chDB', figures.select1_chdb_p50_ms as number, 'ms'],
      ['SELECT 1 p99, chDB', figures.select1_chdb_p99_ms as number, 'ms'],
      ['client alone p50 (no engine)', figures.select1_client_floor_p50_ms as number, 'ms'],
      ['added at p50, client included', figures.select1_added_p50_ms as number, 'ms'],
      ['added by the gateway (target <= 1)', figures.select1_gateway_added_p50_ms as number, 'ms'],
      ...['JSONEachRow', 'RowBinary'].flatMap((f): [string, number, string][] => [
        [`1M ${f} insert, gateway`, figures[`insert_${f}_gateway_rows_per_s`] as number, 'rows/s'],
        [`1M ${f} insert, chDB`, figures[`insert_${f}_chdb_rows_per_s`] as number, 'rows/s'],
        [`${f} ratio (target >= 0.7)`, figures[`insert_${f}_ratio`] as number, ''],
      ]),
      ...['parquet', 'csv'].flatMap((f): [string, number, string][] => [
        [`${figures.export_rows} rows exported as ${f}, file`, figures[`export_${f}_file_mib`] as number, 'MiB'],
        [`  gateway memory, peak`, figures[`export_${f}_gateway_peak_mib`] as number, 'MiB'],
        [`  gateway memory, growth during the export`, figures[`export_${f}_gateway_growth_mib`] as number, 'MiB'],
        [`  time ÷ chDB writing the file in process`, figures[`export_${f}_time_ratio`] as number, '×'],
      ]),
    ]);
    console.log(`\nwrote ${writeResults('gateway', figures)}`);
    return figures;
  } finally {
    await client.close();
    session.close();
    local.remove();
    await gateway.stop();
  }
}
