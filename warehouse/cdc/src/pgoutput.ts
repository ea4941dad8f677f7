import type { RowBinaryBatch } from './rowbinary.ts';
import { type ColumnEncoder, columnEncoder } from './rowbinary-columns.ts';

/**
 * pgoutput (protocol v2, text values) read straight from the replication buffers into RowBinary rows: a tuple's values
 * are located by offset and encoded from their bytes into the raw table's column types, never turned into strings or
 * objects. The message formats are
 * https://www.postgresql.org/docs/current/protocol-logicalrep-message-formats.html.
 */

export interface Relation {
  /** The table's OID, which changes name it by. */
  oid: number;
  table: string;
  /** The Postgres columns' names, in the order of the relation's tuples. */
  columns: string[];
  /**
   * How its rows are written, once the raw table's columns have been read for this relation message; undefined until
   * then (see RowPlan).
   */
  plan: RowPlan | undefined;
}

/** How one relation's rows are written into its raw table, from the raw table's columns as they were read. */
export interface RowPlan {
  /** The insert's column list: the relation's columns the raw table has, then `_version` and `_deleted`. */
  names: string[];
  /** Each relation column's encoder, or null for a column the raw table lacks (left out of the insert). */
  encoders: (ColumnEncoder | null)[];
  /** Table and column list: rows of one plan share a batch (a column the raw table gained starts another). */
  key: string;
  /** Whether the raw table has every column of the relation. */
  complete: boolean;
}

/**
 * The plan for writing `relation`'s rows into a raw table with `raw`'s columns (name → ClickHouse type). Throws with
 * the column's name on a type the encoder cannot write, and when the raw table lacks `_version` or `_deleted`.
 */
export function rowPlan(relation: Relation, raw: ReadonlyMap<string, string>): RowPlan {
  const encoderFor = (name: string, type: string) => {
    try {
      return columnEncoder(type);
    } catch (err) {
      throw new Error(`raw.${relation.table}.${name}: ${(err as Error).message}`);
    }
  };
  const names: string[] = [];
  const encoders = relation.columns.map((name) => {
    const type = raw.get(name);
    if (type === undefined) return null;
    names.push(name);
    return encoderFor(name, type);
  });
  for (const [name, types] of [
    ['_version', /^U?Int64$/],
    ['_deleted', /^(U?Int8|Bool)$/],
  ] as const) {
    if (!types.test(raw.get(name) ?? ''))
      throw new Error(`raw.${relation.table}.${name} is missing or not ${types.source}`);
  }
  names.push('_version', '_deleted');
  return {
    names,
    encoders,
    key: `${relation.table}\u0000${names.join(',')}`,
    complete: encoders.every((encoder) => encoder !== null),
  };
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
  readonly #old = new TupleFields();
  readonly #new = new TupleFields();

  /**
   * A relation message, from its tag at `pos`: remembered until the next message for the same relation, without a
   * plan (the raw table's columns are read again for it).
   */
  relation(buf: Buffer, pos: number): Relation {
    const oid = buf.readUInt32BE(pos + 1);
    pos += 5;
    const schemaEnd = buf.indexOf(0, pos);
    const nameEnd = buf.indexOf(0, schemaEnd + 1);
    const table = buf.toString('utf8', schemaEnd + 1, nameEnd);
    pos = nameEnd + 2; // the replica identity byte follows the name
    const count = buf.readUInt16BE(pos);
    pos += 2;
    const columns: string[] = [];
    for (let i = 0; i < count; i++) {
      const end = buf.indexOf(0, pos + 1);
      columns.push(buf.toString('utf8', pos + 1, end));
      pos = end + 9; // type OID and type modifier
    }
    const relation: Relation = { oid, table, columns, plan: undefined };
    this.#relations.set(oid, relation);
    return relation;
  }

  /** The relation an insert, update or delete (tag at `pos`) is about. */
  relationOf(buf: Buffer, pos: number): Relation {
    const relation = this.#relations.get(buf.readUInt32BE(pos + 1));
    if (!relation) throw new Error('pgoutput: a change arrived before its relation');
    return relation;
  }

  /** Whether `relation` is still the one Postgres last described for its table. */
  isCurrent(relation: Relation): boolean {
    return this.#relations.get(relation.oid) === relation;
  }

  /**
   * Writes the row an insert, update or delete (tag at `pos`) leaves as one RowBinary row of `plan`'s columns: the
   * new row, or for a delete the old one (whole under REPLICA IDENTITY FULL); then the version (the change's LSN, as
   * its two 32-bit halves) and the deleted flag. A value an update left unchanged in TOAST is taken from the old row;
   * a column a key-only tuple lacks is null.
   */
  writeChange(buf: Buffer, pos: number, plan: RowPlan, batch: RowBinaryBatch, lsnHigh: number, lsnLow: number): void {
    const tag = buf[pos] as number;
    pos += 5;
    let sub = buf[pos++] as number;
    this.#old.count = 0;
    if (sub === 0x4b /* K */ || sub === 0x4f /* O */) {
      pos = this.#old.scan(buf, pos);
      if (tag === 0x44 /* D */) {
        this.#writeRow(buf, plan, this.#old, batch, lsnHigh, lsnLow, true);
        return;
      }
      sub = buf[pos++] as number;
    }
    if (sub !== 0x4e /* N */) throw new Error(`pgoutput: unexpected tuple ${String.fromCharCode(sub)}`);
    this.#new.scan(buf, pos);
    this.#writeRow(buf, plan, this.#new, batch, lsnHigh, lsnLow, false);
  }

  #writeRow(
    buf: Buffer,
    plan: RowPlan,
    row: TupleFields,
    batch: RowBinaryBatch,
    lsnHigh: number,
    lsnLow: number,
    deleted: boolean,
  ): void {
    const { encoders } = plan;
    const old = this.#old;
    for (let i = 0; i < encoders.length; i++) {
      const encoder = encoders[i];
      if (!encoder) continue; // a column the raw table lacks
      let fields = row;
      let kind = i < row.count ? (row.kinds[i] as number) : 0x6e;
      if (kind === 0x75 /* u */) {
        fields = old;
        kind = i < old.count ? (old.kinds[i] as number) : 0x6e;
      }
      if (kind === 0x74 /* t */) {
        batch.value(encoder, buf, fields.starts[i] as number, fields.ends[i] as number);
      } else {
        batch.null(encoder); // 'n', an unchanged value the old row lacks, or a binary value (never requested)
      }
    }
    batch.version(lsnHigh, lsnLow);
    batch.flag(deleted);
    batch.rows += 1;
  }
}
