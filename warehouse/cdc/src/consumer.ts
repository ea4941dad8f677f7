import type { ClickHouseClient } from '@clickhouse/client';
import pg from 'pg';
import { LogicalReplicationService, type Pgoutput, PgoutputPlugin } from 'pg-logical-replication';
import type { CdcMetrics } from './metrics.ts';
import { clearCopiedRows, copySnapshot, recordSnapshot, snapshotCompleted } from './snapshot.ts';
import {
  createSlotWithSnapshot,
  dropSlot,
  ensurePublication,
  loadArrayTypes,
  slotExists,
  UTC_SESSION,
} from './source.ts';
import { bigIntToLsn, insertRawBatch, lsnToBigInt, type RawBatch, rawNames, toRawValues } from './values.ts';

export interface CdcConsumerOptions {
  databaseUrl: string;
  clickhouse: ClickHouseClient;
  /** Postgres tables to capture, each into `raw.<table>`. */
  tables: readonly string[];
  publication: string;
  slot: string;
  /** A batch is written once it holds this many rows… */
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

/** pgoutput with every value left as Postgres's text output, which the row mapping converts by column type. */
class TextPgoutputPlugin extends PgoutputPlugin {
  override parse(buffer: Buffer): Pgoutput.Message {
    const message = super.parse(buffer);
    // Parsing happens on arrival, in stream order, so the relation's columns are fixed before its rows are read.
    if (message.tag === 'relation') for (const column of message.columns) column.parser = (text: unknown) => text;
    return message;
  }
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
  readonly #service: LogicalReplicationService;
  #arrayTypes: ReadonlySet<number> = new Set();
  /** Buffered rows by table and column list (a column added in Postgres mid-batch starts a batch of its own). */
  #pending = new Map<string, { table: string; batch: RawBatch }>();
  /** Each relation's batch key and raw names, computed once per relation message rather than once per row. */
  #shapes = new WeakMap<Pgoutput.MessageRelation, { key: string; names: string[] }>();
  #pendingRows = 0;
  #timer: NodeJS.Timeout | undefined;
  #flushing: Promise<void> = Promise.resolve();
  /** End LSN of the last commit received; its changes are all in #pending or already written. */
  #lastCommitLsn: string | undefined;
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
    this.#service = new LogicalReplicationService(
      { connectionString: options.databaseUrl, options: UTC_SESSION },
      { acknowledge: { auto: false, timeoutSeconds: 0 }, flowControl: { enabled: true } },
    );
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

    this.#service.on('data', (lsn: string, message: Pgoutput.Message) => this.#receive(lsn, message));
    this.#service.on('heartbeat', (lsn: string, _time: number, shouldRespond: boolean) => {
      void this.#keepalive(lsn, shouldRespond).catch((err: unknown) => this.#fail(err));
    });
    this.#service.on('error', (err: Error) => this.#fail(err));
    // The subscription's promise settles only when streaming ends: on an error (which also arrives through 'error'),
    // on stop(), or when Postgres ends the stream itself (a shutdown), which must restart the consumer too.
    this.#service
      .subscribe(new TextPgoutputPlugin({ protoVersion: 2, publicationNames: [this.#options.publication] }), slot)
      .then(
        () => {
          if (!this.#service.isStop()) this.#fail(new Error('Postgres ended the replication stream'));
        },
        (err: unknown) => this.#fail(err),
      );
    await new Promise<void>((resolve, reject) => {
      this.#service.once('start', () => resolve());
      void this.failed.then(reject);
    });
    this.#log(`streaming slot ${slot} from ${this.#options.publication} (${tables.join(', ')})`);
  }

  /** Writes what is buffered, confirms it, and disconnects: the next start resumes exactly here. */
  async stop(): Promise<void> {
    try {
      await this.#flush();
    } finally {
      clearTimeout(this.#timer);
      await this.#service.stop();
    }
  }

  /** Disconnects without writing what is buffered, as a crash would: the next start receives it again. */
  async abort(): Promise<void> {
    clearTimeout(this.#timer);
    this.#pending.clear();
    this.#pendingRows = 0;
    await this.#service.stop();
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

  async #receive(lsn: string, message: Pgoutput.Message): Promise<void> {
    if (this.#failure) return;
    switch (message.tag) {
      case 'begin':
        this.#inTransaction = true;
        this.#transactionCommitTimeUs = message.commitTime as bigint;
        return;
      case 'insert':
        return this.#buffer(message.relation, message.new, lsn, false);
      case 'update':
        return this.#buffer(message.relation, message.new, lsn, false);
      case 'delete':
        // REPLICA IDENTITY FULL: the old row is whole, so the deletion lands on the same sort key as the row.
        return this.#buffer(message.relation, message.old ?? message.key ?? {}, lsn, true);
      case 'commit':
        this.#inTransaction = false;
        this.#lastCommitLsn = message.commitEndLsn ?? lsn;
        // A full batch already wrote this transaction's last rows: nothing to write, only the commit to confirm.
        if (this.#pendingRows === 0) await this.#flush();
        return;
      default:
        return;
    }
  }

  /**
   * Adds one change to the batch. A full batch starts writing while the next one fills; reading waits only while the
   * batch before it is still being written (backpressure), which bounds memory to about three batches and keeps
   * ClickHouse busy while Postgres's changes are decoded.
   */
  #buffer(
    relation: Pgoutput.MessageRelation,
    values: Record<string, unknown>,
    lsn: string,
    deleted: boolean,
  ): Promise<void> | undefined {
    let shape = this.#shapes.get(relation);
    if (!shape) {
      const names = rawNames(relation.columns);
      shape = { key: `${relation.name}\u0000${names.join(',')}`, names };
      this.#shapes.set(relation, shape);
    }
    let pending = this.#pending.get(shape.key);
    if (!pending) {
      pending = { table: relation.name, batch: { names: shape.names, rows: [] } };
      this.#pending.set(shape.key, pending);
    }
    pending.batch.rows.push(
      toRawValues(
        values as Record<string, string | null>,
        relation.columns,
        this.#arrayTypes,
        lsnToBigInt(lsn),
        deleted,
      ),
    );
    this.#pendingRows += 1;
    this.#pendingCommitTimeUs = this.#transactionCommitTimeUs;
    if (this.#pendingRows >= this.#options.batchRows) {
      const earlier = this.#flushing;
      const flushed = this.#flush();
      // A failed write surfaces through #fail; the earlier one is awaited so at most one batch waits behind it.
      flushed.catch((err: unknown) => this.#fail(err));
      return earlier;
    }
    this.#timer ??= setTimeout(() => {
      void this.#flush().catch((err: unknown) => this.#fail(err));
    }, this.#options.maxBatchDelayMs);
    return undefined;
  }

  /**
   * Writes the buffered rows table by table, then confirms the last commit they complete. A batch starts writing at
   * once, beside the batch before it, but is confirmed only after every earlier batch was: confirmations stay in
   * stream order, so a confirmed LSN never runs ahead of a write ClickHouse has not acknowledged.
   */
  #flush(): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    const batch = this.#pending;
    const rows = this.#pendingRows;
    const commitLsn = this.#lastCommitLsn;
    const commitTimeUs = this.#pendingCommitTimeUs;
    this.#pending = new Map();
    this.#pendingCommitTimeUs = undefined;
    this.#pendingRows = 0;
    const written = (async () => {
      const started = performance.now();
      await Promise.all(
        [...batch.values()].map(({ table, batch }) => insertRawBatch(this.#options.clickhouse, table, batch)),
      );
      return (performance.now() - started) / 1000;
    })();
    const earlier = this.#flushing;
    this.#flushing = Promise.all([earlier, written]).then(async ([, seconds]) => {
      if (rows > 0) {
        this.#stats.rowsWritten += rows;
        this.#stats.batchesWritten += 1;
        const rowsByTable = new Map<string, number>();
        for (const { table, batch: rows } of batch.values()) {
          rowsByTable.set(table, (rowsByTable.get(table) ?? 0) + rows.rows.length);
        }
        this.#options.metrics?.batchWritten(rowsByTable, seconds, commitTimeUs);
      }
      // With nothing buffered and no transaction open, confirming the last commit also lets Postgres recycle WAL.
      if (commitLsn !== undefined && (rows > 0 || !this.#inTransaction)) await this.#confirm(commitLsn);
    });
    return this.#flushing;
  }

  /**
   * Answers Postgres's keepalive, whose LSN is how far the server has sent. When every message sent before it has
   * been handled and nothing is buffered or in a transaction, every change up to that LSN is in ClickHouse, so the
   * LSN itself is confirmed, as Postgres's own subscribers do: otherwise the slot would keep the WAL of writes to
   * uncaptured tables, and a Postgres shutting down would wait for its walsender to see everything it sent confirmed.
   * Otherwise the last confirmed commit is repeated, which Postgres asks for to know the consumer is alive.
   */
  async #keepalive(lsn: string, shouldRespond: boolean): Promise<void> {
    if (this.#deliveredUpTo() && this.#pendingRows === 0 && !this.#inTransaction) {
      // A batch still being written holds changes from before the keepalive: confirm only once it is written.
      await this.#flushing;
      await this.#confirm(lsn);
    } else if (shouldRespond) {
      await this.#confirm(this.#stats.confirmedLsn);
    }
  }

  /**
   * Whether every replication message received so far has been handled. pg-logical-replication queues messages and
   * hands them over one at a time (its flow control) but reports keepalives at once, so a keepalive can overtake
   * messages sent before it; its queue is internal, read here with a fallback of "not yet".
   */
  #deliveredUpTo(): boolean {
    const internals = this.#service as unknown as { _messageQueue?: unknown[]; _processing?: boolean };
    return (
      Array.isArray(internals._messageQueue) && internals._messageQueue.length === 0 && internals._processing === false
    );
  }

  async #confirm(lsn: string): Promise<void> {
    if (this.#failure || this.#service.isStop()) return;
    const position = lsnToBigInt(lsn) > lsnToBigInt(this.#stats.confirmedLsn) ? lsn : this.#stats.confirmedLsn;
    // The library reports `lsn + 1` as flushed; Postgres skips commits that start before the reported position,
    // and the next commit may start exactly at this one's end, so report the end itself, as Postgres's subscriber does.
    const reported = lsnToBigInt(position) - 1n;
    await this.#service.acknowledge(bigIntToLsn(reported < 0n ? 0n : reported));
    this.#stats.confirmedLsn = position;
    this.#options.metrics?.confirmed(position);
  }

  #fail(err: unknown): void {
    if (this.#failure) return;
    this.#failure = err instanceof Error ? err : new Error(String(err));
    clearTimeout(this.#timer);
    this.#onFailure(this.#failure);
  }
}

async function confirmedPosition(client: pg.Client, slot: string): Promise<string> {
  const { rows } = await client.query<{ lsn: string | null }>(
    'SELECT confirmed_flush_lsn::text AS lsn FROM pg_replication_slots WHERE slot_name = $1',
    [slot],
  );
  return rows[0]?.lsn ?? '0/0';
}
