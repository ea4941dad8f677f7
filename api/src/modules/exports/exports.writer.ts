import { createWriteStream } from 'node:fs';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ClickHouseClient, ClickHouseSettings } from '@clickhouse/client';
import type { SqlQuery } from '@loyaltystudio/warehouse';
import type { ExportFormat } from './exports.marts.ts';

export interface Progress {
  rows: number;
  bytes: number;
}

export interface WriteRequest {
  client: ClickHouseClient;
  query: SqlQuery;
  format: ExportFormat;
  /** The exported columns with their types as built (`system.columns`), in file order. */
  columns: ReadonlyArray<{ name: string; type: string }>;
  /** The file to write; it is created (or truncated) here. */
  path: string;
  /** max_execution_time of the query, in seconds. */
  timeoutSeconds: number;
  signal: AbortSignal;
  /** The ClickHouse session the query runs in (a static segment's members are in one of its temporary tables). */
  sessionId?: string;
  /** Called as rows and bytes reach the file. */
  onProgress(progress: Progress): void;
}

/** Rows per Parquet row group (bench/src/gateway-export.ts measures exports with the same). */
const PARQUET_ROW_GROUP_ROWS = 122_880;

/** The largest sheet Excel opens: 1,048,576 rows, one of them the header. */
export const XLSX_MAX_ROWS = 1_048_575;

/**
 * ClickHouse's own output formats, where it has one for the export's format. CSV is asked without its header line
 * and the header is written here: rows alone stream through the warehouse gateway as the engine produces them, where
 * a format with a header of its own is first written whole to a file there.
 */
const NATIVE_FORMATS = { csv: 'CSV', parquet: 'Parquet' } as const;

/** The header line ClickHouse's CSVWithNames writes: each name in double quotes, a quote inside doubled. */
function csvHeader(columns: WriteRequest['columns']): Buffer {
  return Buffer.from(`${columns.map((c) => `"${c.name.replaceAll('"', '""')}"`).join(',')}\n`);
}

async function* startingWith(first: Buffer, rest: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  yield first;
  yield* rest;
}

function settings(timeoutSeconds: number): ClickHouseSettings {
  return {
    max_execution_time: timeoutSeconds,
    // Timestamps as ISO 8601 in UTC, as everywhere in Monet.
    date_time_output_format: 'iso',
    // Snappy: the codec every Parquet reader knows (ClickHouse's default, zstd, is not universal).
    output_format_parquet_compression_method: 'snappy',
    // The engine holds a row group in memory while it encodes it: 122,880 rows (DuckDB's own size) instead of
    // ClickHouse's million cut a 10M-row export's memory to about a third, at the same speed.
    output_format_parquet_row_group_size: String(PARQUET_ROW_GROUP_ROWS),
    // Money and points stay far below 2^53: plain JSON numbers for the XLSX writer.
    output_format_json_quote_64bit_integers: 0,
  };
}

/**
 * Counts the bytes and the CSV records passing through: newlines outside double quotes, less the header line.
 * ClickHouse doubles a quote inside a quoted field, which toggles the state twice and so changes nothing.
 */
class CsvCounter extends Transform {
  private inQuotes = false;
  private lines = 0;
  bytes = 0;

  constructor(private readonly report: (p: Progress) => void) {
    super();
  }

  get rows(): number {
    return Math.max(0, this.lines - 1);
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    for (let i = 0; i < chunk.length; i += 1) {
      const byte = chunk[i];
      if (byte === 0x22) this.inQuotes = !this.inQuotes;
      else if (byte === 0x0a && !this.inQuotes) this.lines += 1;
    }
    this.bytes += chunk.length;
    this.report({ rows: this.rows, bytes: this.bytes });
    done(null, chunk);
  }
}

/** Counts the bytes passing through. */
class ByteCounter extends Transform {
  bytes = 0;

  constructor(private readonly report: (bytes: number) => void) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.bytes += chunk.length;
    this.report(this.bytes);
    done(null, chunk);
  }
}

/** CSV and Parquet: ClickHouse writes the format itself; the bytes go straight to the file. */
async function writeNative(req: WriteRequest, format: 'csv' | 'parquet', rowsTotal: () => number): Promise<Progress> {
  const result = await req.client.exec({
    query: `${req.query.sql}\nFORMAT ${NATIVE_FORMATS[format]}`,
    query_params: req.query.params,
    clickhouse_settings: settings(req.timeoutSeconds),
    abort_signal: req.signal,
    ...(req.sessionId && { session_id: req.sessionId }),
  });
  if (format === 'csv') {
    const counter = new CsvCounter(req.onProgress);
    const rows = startingWith(csvHeader(req.columns), result.stream as AsyncIterable<Buffer>);
    await pipeline(rows, counter, createWriteStream(req.path), { signal: req.signal });
    return { rows: counter.rows, bytes: counter.bytes };
  }
  // Parquet keeps its row count in the footer; until the file is whole, progress is in bytes.
  const counter = new ByteCounter((bytes) => req.onProgress({ rows: 0, bytes }));
  await pipeline(result.stream, counter, createWriteStream(req.path), { signal: req.signal });
  return { rows: rowsTotal(), bytes: counter.bytes };
}

/** The type inside Nullable(…) and LowCardinality(…). */
function baseType(type: string): string {
  const inner = /^(?:Nullable|LowCardinality)\((.*)\)$/.exec(type);
  return inner?.[1] ? baseType(inner[1]) : type;
}

type Cell = string | number | Date | null;

/** How a ClickHouse value becomes an Excel cell: numbers stay numbers, days and times become dates. */
function cellOf(type: string): { convert(value: unknown): Cell; numFmt?: string } {
  const base = baseType(type);
  if (/^(U?Int\d+|Float\d+|Decimal)/.test(base)) {
    return { convert: (v) => (v === null ? null : Number(v)) };
  }
  if (/^Date(32)?$/.test(base)) {
    return { convert: (v) => (v === null ? null : new Date(`${v}T00:00:00Z`)), numFmt: 'yyyy-mm-dd' };
  }
  if (/^DateTime/.test(base)) {
    return { convert: (v) => (v === null ? null : new Date(String(v))), numFmt: 'yyyy-mm-dd hh:mm:ss' };
  }
  if (/^Array\(/.test(base)) {
    return { convert: (v) => (Array.isArray(v) ? v.join(', ') : v === null ? null : String(v)) };
  }
  return { convert: (v) => (v === null ? null : String(v)) };
}

/** XLSX: ClickHouse has no such format, so rows stream in as JSON and out through exceljs's streaming writer. */
async function writeXlsx(req: WriteRequest): Promise<Progress> {
  const cells = req.columns.map((c) => cellOf(c.type));
  const file = createWriteStream(req.path);
  const closed = new Promise<void>((resolve, reject) => {
    file.once('close', resolve);
    file.once('error', reject);
  });
  const counter = new ByteCounter(() => undefined);
  counter.pipe(file);
  const { default: ExcelJS } = await import('exceljs'); // on first use: its modules cost a start 0.3 s
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: counter,
    useStyles: true,
    useSharedStrings: false,
  });
  const sheet = workbook.addWorksheet('export', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = req.columns.map((c, i) => ({
    header: c.name,
    key: c.name,
    width: Math.max(12, c.name.length + 2),
    style: cells[i]?.numFmt ? { numFmt: cells[i].numFmt } : {},
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();

  let rows = 0;
  const result = await req.client.query({
    query: req.query.sql,
    query_params: req.query.params,
    format: 'JSONCompactEachRow',
    clickhouse_settings: settings(req.timeoutSeconds),
    abort_signal: req.signal,
    ...(req.sessionId && { session_id: req.sessionId }),
  });
  for await (const batch of result.stream()) {
    req.signal.throwIfAborted();
    for (const row of batch) {
      const values = row.json<unknown[]>();
      sheet.addRow(values.map((v, i) => (cells[i] as { convert(v: unknown): Cell }).convert(v))).commit();
      rows += 1;
    }
    req.onProgress({ rows, bytes: counter.bytes });
  }
  sheet.commit();
  await workbook.commit();
  await closed;
  return { rows, bytes: counter.bytes };
}

/**
 * Writes the export's rows to `path` in its format, reporting progress as it goes; resolves with the rows and
 * bytes written. `rowsTotal` gives the row count of a Parquet file, whose rows are not seen one by one.
 */
export function writeExport(req: WriteRequest, rowsTotal: () => number): Promise<Progress> {
  return req.format === 'xlsx' ? writeXlsx(req) : writeNative(req, req.format, rowsTotal);
}
