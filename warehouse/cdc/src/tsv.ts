import { Readable } from 'node:stream';
import type { ClickHouseClient } from '@clickhouse/client';

const CHUNK_BYTES = 1 << 20;
const TAB = 0x09;
const NEWLINE = 0x0a;
const CR = 0x0d;
const BACKSLASH = 0x5c;
const QUOTE = 0x27;
const NULL_FIELD = Buffer.from('\\N');
/** For each byte, the letter of its TSV escape (`\t`, `\n`, `\r`, `\\`), or 0 when it is written as it is. */
const ESCAPES = new Uint8Array(256);
ESCAPES[TAB] = 0x74;
ESCAPES[NEWLINE] = 0x6e;
ESCAPES[CR] = 0x72;
ESCAPES[BACKSLASH] = BACKSLASH;

/**
 * Rows of one raw table in ClickHouse's TabSeparatedWithNames, written as bytes straight from Postgres's text output:
 * the column names once, then one line per change. Postgres's text form is already what ClickHouse's text parsers
 * read for every type the raw tables use, so most values are copied with only TSV's escapes added: no string, object
 * or JSON is made per value, which is where the change stream spent its time.
 */
export class TsvBatch {
  readonly table: string;
  rows = 0;
  #chunks: Buffer[] = [];
  #buf: Buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  #pos = 0;

  constructor(table: string, names: readonly string[]) {
    this.table = table;
    this.ascii(names.join('\t'));
    this.byte(NEWLINE);
  }

  /** Room for `n` more bytes in the current chunk. */
  #reserve(n: number): void {
    if (this.#pos + n <= this.#buf.length) return;
    if (this.#pos > 0) this.#chunks.push(this.#buf.subarray(0, this.#pos));
    this.#buf = Buffer.allocUnsafe(Math.max(CHUNK_BYTES, n));
    this.#pos = 0;
  }

  byte(b: number): void {
    this.#reserve(1);
    this.#buf[this.#pos++] = b;
  }

  /** Text known to need no escaping (numbers, names without tabs). */
  ascii(text: string): void {
    this.#reserve(text.length);
    this.#pos += this.#buf.write(text, this.#pos, 'latin1');
  }

  null(): void {
    this.#reserve(2);
    this.#pos += NULL_FIELD.copy(this.#buf, this.#pos);
  }

  /** Bytes `start`–`end` of `src` as one TSV field: backslash, tab, newline and carriage return escaped. */
  escaped(src: Uint8Array, start: number, end: number): void {
    this.#reserve(2 * (end - start));
    const buf = this.#buf;
    let pos = this.#pos;
    for (let i = start; i < end; i++) {
      const b = src[i] as number;
      const letter = ESCAPES[b] as number;
      if (letter === 0) {
        buf[pos++] = b;
      } else {
        buf[pos++] = BACKSLASH;
        buf[pos++] = letter;
      }
    }
    this.#pos = pos;
  }

  /** Bytes `start`–`end` of `src` as they are: for values whose type's text never holds what TSV escapes. */
  verbatim(src: Uint8Array, start: number, end: number): void {
    this.#reserve(end - start);
    const buf = this.#buf;
    let pos = this.#pos;
    for (let i = start; i < end; i++) buf[pos++] = src[i] as number;
    this.#pos = pos;
  }

  /** A one-dimensional array as ClickHouse's text form of Array(String): `['a','b c',NULL]`. */
  array(elements: readonly (string | null)[]): void {
    this.byte(0x5b);
    for (let i = 0; i < elements.length; i++) {
      if (i > 0) this.byte(0x2c);
      const element = elements[i];
      if (element === null || element === undefined) {
        this.ascii('NULL');
        continue;
      }
      const bytes = Buffer.from(element, 'utf8');
      this.#reserve(2 * bytes.length + 2);
      this.#buf[this.#pos++] = QUOTE;
      for (const b of bytes) {
        if (b === QUOTE) this.#buf[this.#pos++] = BACKSLASH;
        this.#escapeByte(b);
      }
      this.#buf[this.#pos++] = QUOTE;
    }
    this.byte(0x5d);
  }

  #escapeByte(b: number): void {
    const letter = ESCAPES[b] as number;
    if (letter !== 0) this.#buf[this.#pos++] = BACKSLASH;
    this.#buf[this.#pos++] = letter === 0 ? b : letter;
  }

  /** The bytes written so far, as chunks; the batch is not written to afterwards. */
  chunks(): Buffer[] {
    if (this.#pos > 0) this.#chunks.push(this.#buf.subarray(0, this.#pos));
    this.#pos = 0;
    this.#buf = Buffer.alloc(0);
    return this.#chunks;
  }
}

/** Writes a batch to `raw.<table>`; ClickHouse skips names its table lacks (`input_format_skip_unknown_fields`). */
export async function insertTsvBatch(clickhouse: ClickHouseClient, batch: TsvBatch): Promise<void> {
  await clickhouse.insert({
    table: `raw.${batch.table}`,
    values: Readable.from(batch.chunks(), { objectMode: false }),
    format: 'TabSeparatedWithNames',
    clickhouse_settings: { input_format_skip_unknown_fields: 1 },
  });
}
