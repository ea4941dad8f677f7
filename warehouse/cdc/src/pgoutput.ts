import type { TsvBatch } from './tsv.ts';
import { parseArray, rawNames } from './values.ts';

/**
 * pgoutput (protocol v2, text values) read straight from the replication buffers into TSV rows: a tuple's values are
 * located by offset and copied into the batch, never turned into strings or objects. The message formats are
 * https://www.postgresql.org/docs/current/protocol-logicalrep-message-formats.html.
 */

const BOOL = 16;
const TIMESTAMP = 1114;
const TIMESTAMPTZ = 1184;
const TAB = 0x09;
/** Types whose text output is digits, signs, dashes, dots and letters only: nothing TSV escapes. */
const SAFE_TEXT = new Set([
  20, // int8
  21, // int2
  23, // int4
  26, // oid
  700, // float4
  701, // float8
  1082, // date
  1700, // numeric
  2950, // uuid
]);

/**
 * How a column's text is written: escaped, as it is, as a timestamp without its zone, as 0/1, or as an array
 * literal.
 */
const TEXT = 0;
const SAFE = 1;
const TIMESTAMP_TEXT = 2;
const BOOLEAN = 3;
const ARRAY = 4;

export interface Relation {
  table: string;
  /** The raw batch's column names: the relation's, then `_version` and `_deleted`. */
  names: string[];
  /** Table and column list: rows of one relation shape share a batch (an added column starts another). */
  key: string;
  kinds: Uint8Array;
}

/** Where each field of one tuple lies in the message: its kind byte ('t', 'n', 'u') and its text's bounds. */
class TupleFields {
  kinds = new Uint8Array(64);
  starts = new Int32Array(64);
  ends = new Int32Array(64);
  count = 0;

  /** Reads the tuple at `pos`; returns the position after it. */
  scan(buf: Buffer, pos: number): number {
    const count = buf.readUInt16BE(pos);
    pos += 2;
    if (count > this.kinds.length) {
      this.kinds = new Uint8Array(count);
      this.starts = new Int32Array(count);
      this.ends = new Int32Array(count);
    }
    for (let i = 0; i < count; i++) {
      const kind = buf[pos++] as number;
      this.kinds[i] = kind;
      if (kind === 0x74 /* t */ || kind === 0x62 /* b */) {
        const length = buf.readInt32BE(pos);
        this.starts[i] = pos + 4;
        pos += 4 + length;
        this.ends[i] = pos;
      } else if (kind !== 0x6e /* n */ && kind !== 0x75 /* u */) {
        throw new Error(`pgoutput: unknown tuple field kind ${String.fromCharCode(kind)}`);
      }
    }
    this.count = count;
    return pos;
  }
}

export class PgoutputDecoder {
  readonly #relations = new Map<number, Relation>();
  readonly #arrayTypes: ReadonlySet<number>;
  readonly #old = new TupleFields();
  readonly #new = new TupleFields();

  constructor(arrayTypes: ReadonlySet<number>) {
    this.#arrayTypes = arrayTypes;
  }

  /** A relation message, from its tag at `pos`: remembered until the next message for the same relation. */
  relation(buf: Buffer, pos: number): void {
    const oid = buf.readUInt32BE(pos + 1);
    pos += 5;
    const schemaEnd = buf.indexOf(0, pos);
    const nameEnd = buf.indexOf(0, schemaEnd + 1);
    const table = buf.toString('utf8', schemaEnd + 1, nameEnd);
    pos = nameEnd + 2; // the replica identity byte follows the name
    const count = buf.readUInt16BE(pos);
    pos += 2;
    const columns: { name: string; typeOid: number }[] = [];
    const kinds = new Uint8Array(count);
    for (let i = 0; i < count; i++) {
      const end = buf.indexOf(0, pos + 1);
      const name = buf.toString('utf8', pos + 1, end);
      const typeOid = buf.readUInt32BE(end + 1);
      pos = end + 9; // type OID and type modifier
      columns.push({ name, typeOid });
      kinds[i] = this.#arrayTypes.has(typeOid)
        ? ARRAY
        : typeOid === TIMESTAMP || typeOid === TIMESTAMPTZ
          ? TIMESTAMP_TEXT
          : typeOid === BOOL
            ? BOOLEAN
            : SAFE_TEXT.has(typeOid)
              ? SAFE
              : TEXT;
    }
    const names = rawNames(columns);
    this.#relations.set(oid, { table, names, key: `${table}\u0000${names.join(',')}`, kinds });
  }

  /** The relation an insert, update or delete (tag at `pos`) is about. */
  relationOf(buf: Buffer, pos: number): Relation {
    const relation = this.#relations.get(buf.readUInt32BE(pos + 1));
    if (!relation) throw new Error('pgoutput: a change arrived before its relation');
    return relation;
  }

  /**
   * Writes the row an insert, update or delete (tag at `pos`) leaves as one TSV line: the new row, or for a delete the
   * old one (whole under REPLICA IDENTITY FULL); then `version` and the deleted flag. A value an update left unchanged
   * in TOAST is taken from the old row; a column a key-only tuple lacks is null, the raw column's default.
   */
  writeChange(buf: Buffer, pos: number, relation: Relation, batch: TsvBatch, version: string): void {
    const tag = buf[pos] as number;
    pos += 5;
    let sub = buf[pos++] as number;
    this.#old.count = 0;
    if (sub === 0x4b /* K */ || sub === 0x4f /* O */) {
      pos = this.#old.scan(buf, pos);
      if (tag === 0x44 /* D */) {
        this.#writeRow(buf, relation, this.#old, batch, version, true);
        return;
      }
      sub = buf[pos++] as number;
    }
    if (sub !== 0x4e /* N */) throw new Error(`pgoutput: unexpected tuple ${String.fromCharCode(sub)}`);
    this.#new.scan(buf, pos);
    this.#writeRow(buf, relation, this.#new, batch, version, false);
  }

  #writeRow(buf: Buffer, relation: Relation, row: TupleFields, batch: TsvBatch, version: string, deleted: boolean) {
    const { kinds } = relation;
    const old = this.#old;
    for (let i = 0; i < kinds.length; i++) {
      if (i > 0) batch.byte(TAB);
      let fields = row;
      let kind = i < row.count ? (row.kinds[i] as number) : 0x6e;
      if (kind === 0x75 /* u */) {
        fields = old;
        kind = i < old.count ? (old.kinds[i] as number) : 0x6e;
      }
      if (kind !== 0x74) {
        batch.null(); // 'n', an unchanged value the old row lacks, or a binary value (never requested)
        continue;
      }
      writeValue(batch, kinds[i] as number, buf, fields.starts[i] as number, fields.ends[i] as number);
    }
    batch.byte(TAB);
    batch.ascii(version);
    batch.ascii(deleted ? '\t1\n' : '\t0\n');
    batch.rows += 1;
  }
}

function writeValue(batch: TsvBatch, kind: number, buf: Buffer, start: number, end: number): void {
  switch (kind) {
    case TIMESTAMP_TEXT:
      // '2026-11-25 00:21:45.123+00' → '2026-11-25 00:21:45.123'; the session's TimeZone is UTC.
      batch.verbatim(buf, start, end - zoneSuffix(buf, start, end));
      break;
    case SAFE:
      batch.verbatim(buf, start, end);
      break;
    case BOOLEAN:
      batch.byte(buf[start] === 0x74 ? 0x31 : 0x30);
      break;
    case ARRAY:
      batch.array(parseArray(buf.toString('utf8', start, end)));
      break;
    default:
      batch.escaped(buf, start, end);
  }
}

const isDigit = (b: number | undefined) => b !== undefined && b >= 0x30 && b <= 0x39;
const isSign = (b: number | undefined) => b === 0x2b || b === 0x2d;

/** The length of a trailing `+hh` or `+hh:mm` zone, or 0. */
function zoneSuffix(buf: Buffer, start: number, end: number): number {
  if (end - start >= 6 && buf[end - 3] === 0x3a && isSign(buf[end - 6]) && isDigit(buf[end - 5])) return 6;
  if (end - start >= 3 && isSign(buf[end - 3]) && isDigit(buf[end - 2]) && isDigit(buf[end - 1])) return 3;
  return 0;
}
