import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { from as copyFrom } from 'pg-copy-streams';

/** A Postgres value: arrays are Postgres arrays; JSON columns take their JSON text. */
type Cell = string | number | Date | null | undefined | readonly string[];

/**
 * One element of a Postgres array literal: quoted, with `"` and `\` escaped, when it is empty, holds a character the
 * array syntax gives a meaning (comma, braces, quote, backslash, white space) or reads as NULL; bare otherwise.
 */
export function arrayElement(text: string): string {
  const plain = text !== '' && !/[{}",\\\s]/.test(text) && text.toUpperCase() !== 'NULL';
  return plain ? text : `"${text.replaceAll(/["\\]/g, '\\$&')}"`;
}

/** One CSV field as Postgres' COPY … (FORMAT csv) reads it: empty for NULL, quoted when needed. */
function field(value: Cell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  const text =
    value instanceof Date
      ? value.toISOString()
      : typeof value === 'string'
        ? value
        : `{${value.map(arrayElement).join(',')}}`;
  return /[",\n\r]/.test(text) || text === '' ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Rows of one table, buffered as CSV for one COPY. */
export class CsvRows {
  private chunks: string[] = [];
  count = 0;

  constructor(
    readonly table: string,
    readonly columns: readonly string[],
  ) {}

  push(...cells: Cell[]): void {
    this.chunks.push(`${cells.map(field).join(',')}\n`);
    this.count++;
  }

  /** The buffered text; the buffer is emptied. */
  take(): string {
    const text = this.chunks.join('');
    this.chunks = [];
    this.count = 0;
    return text;
  }
}

/** The client side of a COPY: node-postgres' client, or a pooled one. */
interface CopyClient {
  query(stream: NodeJS.WritableStream): NodeJS.WritableStream;
}

/**
 * Streams every table of `tables` that holds rows by `COPY … FROM STDIN (FORMAT csv)`, in the order given (put a
 * table after those it references), on a client whose transaction the caller holds. The buffers are emptied.
 */
export async function copyRows(client: CopyClient, tables: readonly CsvRows[]): Promise<void> {
  for (const rows of tables) {
    if (rows.count === 0) continue;
    const sql = `COPY ${rows.table} (${rows.columns.join(', ')}) FROM STDIN WITH (FORMAT csv)`;
    await pipeline(Readable.from([rows.take()]), client.query(copyFrom(sql)) as NodeJS.WritableStream);
  }
}
