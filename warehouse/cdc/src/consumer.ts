import type { ClickHouseClient } from '@clickhouse/client';
import pg from 'pg';
import type { CdcMetrics } from './metrics.ts';
import { PgoutputDecoder, type Relation, type RowPlan, rowPlan } from './pgoutput.ts';
import { commitTimeUs, ReplicationStream } from './replication.ts';
import { insertRowBinary, RowBinaryBatch, rawColumns } from './rowbinary.ts';
import { clearCopiedRows, copySnapshot, recordSnapshot, snapshotCompleted } from './snapshot.ts';
import {
  createSlotWithSnapshot,
  dropSlot,
  ensurePublication,
  loadArrayTypes,
  slotExists,
  UTC_SESSION,
} from './source.ts';
import { bigIntToLsn, lsnToBigInt } from './values.ts';

export interface CdcConsumerOptions {
  databaseUrl: string;
  clickhouse: ClickHouseClient;
  /** Postgres tables to capture, each into `raw.<table>`. */
  tables: readonly string[];
  publication: string;
  slot: string;
  /** A batch is written once it holds this many rows (up to 8 times as many while catching up)… */
  batchRows: number;
  /** …or once its first row has waited this long, in milliseconds. */
  maxBatchDelayMs: number;
  log?: (message: string) => void;
  metrics?: CdcMetrics;
}

export interface CdcStats {
  /** The last LSN confirmed to Postgres: every change committed up to it is in ClickHouse. */
  confirmedLsn: string;
  /** Rows written to ClickHouse by this consumer, snapshot included. */
  rowsWritten: number;
  batchesWritten: number;
}

/**
 * Streams the publication's changes from the slot into ClickHouse raw tables. Each change becomes one row (the new
 * row for inserts and updates, the old row flagged `_deleted` for deletes) versioned by the change's LSN. Rows are
 * written in batches, and a commit's LSN is confirmed to Postgres only after every batch holding its changes was
 * acknowledged by ClickHouse: after a crash Postgres resends from the last confirmed commit, and the rows written
 * again carry the same versions, so the collapsed tables are unchanged.
 */
export class CdcConsumer {
  readonly #options: CdcConsumerOptions;
  readonly #log: (message: string) => void;
  readonly #stream: ReplicationStream;
  #arrayTypes: ReadonlySet<number> = new Set();
  #decoder: PgoutputDecoder | undefined;
  /** Buffered rows by table and column list (a column added mid-batch starts a batch of its own). */
  #pending = new Map<string, RowBinaryBatch>();
  /**
   * Changes of relations without a plan yet, as copies of their messages: encoded when their batch is written,
   * against the raw table's columns read then (see #encodeDeferred).
   */
  #deferred = new Map<Relation, DeferredChanges>();
  #pendingRows = 0;
  /**
   * Rows after which the batch is written: batchRows, doubled (up to 8 times) each time a batch fills while the one
   * before is still being written, which happens only while a backlog streams in; back to batchRows once a batch is
   * written by the timer. Fewer, larger inserts cost ClickHouse less per row, and lag at a steady rate is unchanged.
   */
  #batchLimit: number;
  /** Batches whose inserts ClickHouse has not answered yet. */
  #writing = 0;
  #timer: NodeJS.Timeout | undefined;
  #flushing: Promise<void> = Promise.resolve();
  /** End LSN of the last commit received; its changes are all in #pending or already written. */
  #lastCommitLsn: bigint | undefined;
  /**
   * Commit time (microseconds since the Unix epoch) of the transaction being received, from its begin message: Postgres
   * sends a transaction once it has committed, so a batch written before its commit message arrives has a commit time.
   */
  #transactionCommitTimeUs: bigint | undefined;
  /** Commit time of the newest transaction with rows in #pending: the lag of the batch is measured from it. */
  #pendingCommitTimeUs: bigint | undefined;
  #inTransaction = false;
  #stats: CdcStats = { confirmedLsn: '0/0', rowsWritten: 0, batchesWritten: 0 };
  #failure: Error | undefined;
  #onFailure: (err: Error) => void = () => {};
  /** Settles when the consumer stops on an error (ClickHouse or Postgres unreachable, a row ClickHouse refused). */
  readonly failed: Promise<Error>;

  constructor(options: CdcConsumerOptions) {
    this.#options = options;
    this.#log = options.log ?? (() => {});
    this.failed = new Promise((resolve) => {
      this.#onFailure = resolve;
    });
    this.#stream = new ReplicationStream(options.databaseUrl);
    this.#batchLimit = options.batchRows;
  }

  get stats(): CdcStats {
    return { ...this.#stats };
  }

  /** Prepares the publication and the slot (with a first snapshot when the slot is new), then starts streaming. */
  async start(): Promise<void> {
    const { databaseUrl, slot, tables } = this.#options;
    const client = new pg.Client({ connectionString: databaseUrl, options: UTC_SESSION });
    await client.connect();
    try {
      await ensurePublication(client, this.#options.publication, tables);
      await checkRawTables(client, this.#options.clickhouse, tables);
      this.#arrayTypes = await loadArrayTypes(client);
      let needsSnapshot = !(await slotExists(client, slot));
      if (!needsSnapshot && !(await snapshotCompleted(this.#options.clickhouse, slot))) {
        this.#log(`slot ${slot} has no completed snapshot (an earlier start stopped while copying): recreating it`);
        await dropSlot(client, slot);
        needsSnapshot = true;
      }
      if (needsSnapshot) await this.#createSlotAndCopy();
      this.#stats.confirmedLsn = await confirmedPosition(client, slot);
    } finally {
      await client.end();
    }

    this.#decoder = new PgoutputDecoder();
    const { ended } = await this.#stream.start(slot, this.#options.publication, this.#stats.confirmedLsn, {
      data: (buf, pos, high, low) => this.#receive(buf, pos, high, low),
      keepalive: (walEnd, replyRequested) => this.#keepalive(walEnd, replyRequested),
    });
    // The stream ends on an error, on stop(), or when Postgres ends it itself (a shutdown), which must restart the
    // consumer too.
    ended.then(
      () => {
        if (!this.#stream.stopped) this.#fail(new Error('Postgres ended the replication stream'));
      },
      (err: unknown) => this.#fail(err),
    );
    if (this.#failure) throw this.#failure;
    this.#log(`streaming slot ${slot} from ${this.#options.publication} (${tables.join(', ')})`);
  }

  /** Writes what is buffered, confirms it, and disconnects: the next start resumes exactly here. */
  async stop(): Promise<void> {
    try {
      await this.#flush();
    } finally {
      clearTimeout(this.#timer);
      await this.#stream.stop();
    }
  }

  /** Disconnects without writing what is buffered, as a crash would: the next start receives it again. */
  async abort(): Promise<void> {
    clearTimeout(this.#timer);
    this.#pending.clear();
    this.#deferred.clear();
    this.#pendingRows = 0;
    await this.#stream.stop();
  }

  async #createSlotAndCopy(): Promise<void> {
    const { clickhouse, databaseUrl, slot, tables } = this.#options;
    const exported = await createSlotWithSnapshot(databaseUrl, slot);
    this.#log(`created slot ${slot} at ${exported.consistentPoint}; copying existing rows`);
    try {
      await recordSnapshot(clickhouse, slot, false, exported.consistentPoint);
      await clearCopiedRows(clickhouse, tables);
      this.#stats.rowsWritten += await copySnapshot({
        databaseUrl,
        clickhouse,
        tables,
        snapshotName: exported.snapshotName,
        arrayTypes: this.#arrayTypes,
        batchRows: this.#options.batchRows,
        log: this.#log,
      });
      await recordSnapshot(clickhouse, slot, true, exported.consistentPoint);
    } finally {
      await exported.release();
    }
  }

  /** One pgoutput message, handled where it arrives: the change is written into its batch as RowBinary at once. */
  #receive(buf: Buffer, pos: number, lsnHigh: number, lsnLow: number): void {
    if (this.#failure) return;
    switch (buf[pos]) {
      case 0x42 /* B: begin */:
        this.#inTransaction = true;
        this.#transactionCommitTimeUs = commitTimeUs(buf, pos + 9);
        return;
      case 0x52 /* R: relation */:
        this.#decoder?.relation(buf, pos);
        return;
      case 0x49 /* I: insert */:
      case 0x55 /* U: update */:
      case 0x44 /* D: delete */:
        this.#buffer(buf, pos, lsnHigh, lsnLow);
        return;
      case 0x43 /* C: commit */:
        this.#inTransaction = false;
        this.#lastCommitLsn = buf.readBigUInt64BE(pos + 10);
        // A full batch already wrote this transaction's last rows: nothing to write, only the commit to confirm.
        if (this.#pendingRows === 0) this.#flush().catch((err: unknown) => this.#fail(err));
        return;
      default:
        return;
    }
  }

  /**
   * Adds one change to its batch, versioned by the change's LSN. A full batch starts writing while the next one
   * fills; reading pauses only while the batch before it is still being written (backpressure), which bounds memory
   * to about three batches and keeps ClickHouse busy while Postgres's changes are decoded.
   */
  #buffer(buf: Buffer, pos: number, lsnHigh: number, lsnLow: number): void {
    const decoder = this.#decoder as PgoutputDecoder;
    const relation = decoder.relationOf(buf, pos);
    const plan = relation.plan;
    if (plan) {
      let batch = this.#pending.get(plan.key);
      if (!batch) {
        batch = new RowBinaryBatch(relation.table, plan.names);
        this.#pending.set(plan.key, batch);
      }
      decoder.writeChange(buf, pos, plan, batch, lsnHigh, lsnLow);
    } else {
      let deferred = this.#deferred.get(relation);
      if (!deferred) {
        deferred = { messages: [], lsns: [] };
        this.#deferred.set(relation, deferred);
      }
      // The message ends with its copy-data message, whose buffer pg reuses.
      deferred.messages.push(Buffer.from(buf.subarray(pos)));
      deferred.lsns.push(lsnHigh, lsnLow);
    }
    this.#pendingRows += 1;
    this.#pendingCommitTimeUs = this.#transactionCommitTimeUs;
    if (this.#pendingRows >= this.#batchLimit) {
      const earlier = this.#flushing;
      if (this.#writing > 0) this.#batchLimit = Math.min(this.#batchLimit * 2, this.#options.batchRows * 8);
      // A failed write surfaces through #fail; reading waits for the earlier one so at most one batch waits behind it.
      this.#flush().catch((err: unknown) => this.#fail(err));
      this.#stream.pause();
      earlier.then(
        () => this.#stream.resume(),
        () => {},
      );
      return;
    }
    this.#timer ??= setTimeout(() => {
      this.#batchLimit = this.#options.batchRows;
      void this.#flush().catch((err: unknown) => this.#fail(err));
    }, this.#options.maxBatchDelayMs);
  }

  /**
   * Writes the buffered rows table by table, then confirms the last commit they complete. A batch starts writing at
   * once, beside the batch before it, but is confirmed only after every earlier batch was: confirmations stay in
   * stream order, so a confirmed LSN never runs ahead of a write ClickHouse has not acknowledged.
   */
  #flush(): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    const batches = [...this.#pending.values()];
    const deferred = this.#deferred;
    const rows = this.#pendingRows;
    const commitLsn = this.#lastCommitLsn;
    const commitTimeUs = this.#pendingCommitTimeUs;
    this.#pending = new Map();
    this.#deferred = new Map();
    this.#pendingCommitTimeUs = undefined;
    this.#pendingRows = 0;
    const written = (async () => {
      const started = performance.now();
      if (deferred.size > 0) batches.push(...(await this.#encodeDeferred(deferred)));
      await Promise.all(batches.map((batch) => insertRowBinary(this.#options.clickhouse, batch)));
      return (performance.now() - started) / 1000;
    })();
    this.#writing += 1;
    const done = () => {
      this.#writing -= 1;
    };
    written.then(done, done);
    const earlier = this.#flushing;
    this.#flushing = Promise.all([earlier, written]).then(async ([, seconds]) => {
      if (rows > 0) {
        this.#stats.rowsWritten += rows;
        this.#stats.batchesWritten += 1;
        const rowsByTable = new Map<string, number>();
        for (const { table, rows } of batches) rowsByTable.set(table, (rowsByTable.get(table) ?? 0) + rows);
        this.#options.metrics?.batchWritten(rowsByTable, seconds, commitTimeUs);
      }
      // With nothing buffered and no transaction open, confirming the last commit also lets Postgres recycle WAL.
      if (commitLsn !== undefined && (rows > 0 || !this.#inTransaction)) this.#confirm(commitLsn);
    });
    return this.#flushing;
  }

  /**
   * Encodes the changes of relations that had no plan when they arrived: the first changes after a relation message
   * (sent when the stream starts and whenever the table changes in Postgres), and every change of a relation whose
   * raw table lacks one of its columns. The raw tables' columns are read now, just before the write, so a column the
   * numbered DDL has added since is carried from this batch on, as the add-column path expects. A relation whose raw
   * table has all its columns keeps the plan: its later changes are encoded as they arrive.
   */
  async #encodeDeferred(deferred: Map<Relation, DeferredChanges>): Promise<RowBinaryBatch[]> {
    const decoder = this.#decoder as PgoutputDecoder;
    const tables = [...new Set([...deferred.keys()].map((relation) => relation.table))];
    const raw = await rawColumns(this.#options.clickhouse, tables);
    const batches: RowBinaryBatch[] = [];
    for (const [relation, { messages, lsns }] of deferred) {
      const plan: RowPlan = rowPlan(relation, raw.get(relation.table) ?? new Map());
      const batch = new RowBinaryBatch(relation.table, plan.names);
      messages.forEach((message, i) => {
        decoder.writeChange(message, 0, plan, batch, lsns[2 * i] as number, lsns[2 * i + 1] as number);
      });
      batches.push(batch);
      if (plan.complete && decoder.isCurrent(relation)) relation.plan = plan;
    }
    return batches;
  }

  /**
   * Answers Postgres's keepalive, whose LSN is how far the server has sent. Messages are handled as they arrive, so
   * every one sent before the keepalive has been; when nothing is buffered and no transaction is open, every change up
   * to that LSN is in ClickHouse (or in a batch being written), so the LSN itself is confirmed once those writes are
   * done, as Postgres's own subscribers do: otherwise the slot would keep the WAL of writes to uncaptured tables, and
   * a Postgres shutting down would wait for its walsender to see everything it sent confirmed. Otherwise the last
   * confirmed commit is repeated, which Postgres asks for to know the consumer is alive.
   */
  #keepalive(walEnd: bigint, replyRequested: boolean): void {
    if (this.#pendingRows === 0 && !this.#inTransaction) {
      this.#flushing.then(() => this.#confirm(walEnd)).catch((err: unknown) => this.#fail(err));
    } else if (replyRequested) {
      this.#confirm(lsnToBigInt(this.#stats.confirmedLsn));
    }
  }

  #confirm(lsn: bigint): void {
    if (this.#failure || this.#stream.stopped) return;
    const confirmed = lsnToBigInt(this.#stats.confirmedLsn);
    const position = lsn > confirmed ? lsn : confirmed;
    // The position reported is the end of the last commit written: Postgres resends commits that start at or after
    // it, and the next commit may start exactly at this one's end.
    this.#stream.confirm(position);
    this.#stats.confirmedLsn = bigIntToLsn(position);
    this.#options.metrics?.confirmed(this.#stats.confirmedLsn);
  }

  #fail(err: unknown): void {
    if (this.#failure) return;
    this.#failure = err instanceof Error ? err : new Error(String(err));
    clearTimeout(this.#timer);
    this.#onFailure(this.#failure);
  }
}

/** Changes buffered as copies of their messages, with each one's LSN as two 32-bit halves. */
interface DeferredChanges {
  messages: Buffer[];
  lsns: number[];
}

/**
 * Refuses to start when a captured table's raw table lacks `_version` or `_deleted`, or has a column of a Postgres
 * column in a type the RowBinary encoder cannot write: better a clear message at start than a refused insert later.
 */
async function checkRawTables(client: pg.Client, clickhouse: ClickHouseClient, tables: readonly string[]) {
  const { rows } = await client.query<{ table: string; columns: string[] }>(
    `SELECT c.relname AS table, array_agg(a.attname::text ORDER BY a.attnum) AS columns
       FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
      WHERE c.oid = ANY($1::text[]::regclass[]) AND a.attnum > 0 AND NOT a.attisdropped
      GROUP BY c.relname`,
    [tables],
  );
  const raw = await rawColumns(clickhouse, tables);
  for (const { table, columns } of rows) {
    try {
      rowPlan({ oid: 0, table, columns, plan: undefined }, raw.get(table) ?? new Map());
    } catch (err) {
      throw new Error(`cannot stream ${table} into raw.${table}: ${(err as Error).message}`);
    }
  }
}

async function confirmedPosition(client: pg.Client, slot: string): Promise<string> {
  const { rows } = await client.query<{ lsn: string | null }>(
    'SELECT confirmed_flush_lsn::text AS lsn FROM pg_replication_slots WHERE slot_name = $1',
    [slot],
  );
  return rows[0]?.lsn ?? '0/0';
}
