// An import's files as records: CSV (csv-parse), NDJSON (a JSON object a line) and Parquet (hyparquet, pure JS,
// no native build, maintained, with hyparquet-compressors for the codecs beyond Snappy: zstd, gzip, brotli, lz4).
// Each record keeps its line (row) number.
import { parse as parseCsv } from 'csv-parse/sync';
import { parquetReadObjects } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import type { BadRow, ImportFormat } from './imports.schemas.ts';

export type FileKind = 'members' | 'orders';

export interface SourceRecord {
  line: number;
  values: Record<string, unknown>;
}

export interface ParsedFile {
  records: SourceRecord[];
  /** Lines that are not records at all (a CSV row of the wrong width, a line of NDJSON that is not an object). */
  bad: BadRow[];
  columns: string[];
}

/** A file that cannot be read at all: the import is refused with it. */
export class UnreadableFileError extends Error {
  constructor(
    readonly file: FileKind,
    message: string,
  ) {
    super(message);
    this.name = 'UnreadableFileError';
  }
}

export async function parseFile(file: FileKind, format: ImportFormat, bytes: Buffer): Promise<ParsedFile> {
  if (format === 'csv') return parseCsvFile(file, bytes);
  if (format === 'ndjson') return parseNdjson(file, bytes);
  return parseParquet(file, bytes);
}

function parseCsvFile(file: FileKind, bytes: Buffer): ParsedFile {
  const bad: BadRow[] = [];
  let rows: { record: Record<string, string>; info: { lines: number } }[];
  try {
    rows = parseCsv(bytes, {
      columns: true,
      info: true,
      bom: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
      on_skip: (err) => {
        if (err) bad.push({ file, line: Number(err.lines), column: null, message: err.message });
        return undefined;
      },
    }) as unknown as typeof rows;
  } catch (err) {
    throw new UnreadableFileError(file, `the ${file} file is not CSV with a header row: ${(err as Error).message}`);
  }
  const columns = rows[0] ? Object.keys(rows[0].record) : [];
  return { records: rows.map((r) => ({ line: r.info.lines, values: r.record })), bad, columns };
}

function parseNdjson(file: FileKind, bytes: Buffer): ParsedFile {
  const records: SourceRecord[] = [];
  const bad: BadRow[] = [];
  const columns = new Set<string>();
  const text = bytes.toString('utf8');
  let line = 0;
  let start = 0;
  while (start <= text.length) {
    const end = text.indexOf('\n', start);
    const raw = text.slice(start, end === -1 ? text.length : end).trim();
    line++;
    start = end === -1 ? text.length + 1 : end + 1;
    if (raw === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      bad.push({ file, line, column: null, message: 'is not JSON' });
      continue;
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      bad.push({ file, line, column: null, message: 'is not a JSON object' });
      continue;
    }
    if (records.length < 100) for (const key of Object.keys(value)) columns.add(key);
    records.push({ line, values: value as Record<string, unknown> });
  }
  return { records, bad, columns: [...columns] };
}

async function parseParquet(file: FileKind, bytes: Buffer): Promise<ParsedFile> {
  let rows: Record<string, unknown>[];
  try {
    const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    rows = (await parquetReadObjects({ file: buffer, compressors })) as Record<string, unknown>[];
  } catch (err) {
    throw new UnreadableFileError(file, `the ${file} file is not Parquet: ${(err as Error).message}`);
  }
  return {
    records: rows.map((values, i) => ({ line: i + 1, values })),
    bad: [],
    columns: rows[0] ? Object.keys(rows[0]) : [],
  };
}
