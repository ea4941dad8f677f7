import pg from 'pg';
import { UTC_SESSION } from './source.ts';

/** Microseconds from the Unix epoch to Postgres's (2000-01-01). */
const POSTGRES_EPOCH_US = 946_684_800_000_000n;

export interface ReplicationHandlers {
  /**
   * One XLogData message: `lsn` is where its change starts in the WAL (the version of the rows it carries), its
   * pgoutput message starts at `buf[pos]`. Called synchronously, in stream order.
   */
  data(buf: Buffer, pos: number, lsnHigh: number, lsnLow: number): void;
  /** A primary keepalive: how far Postgres has sent, and whether it asks for an answer now. */
  keepalive(walEnd: bigint, replyRequested: boolean): void;
}

/**
 * A logical replication connection read message by message from pg's protocol parser: each copy-data message is
 * handled where it arrives, with no queue, promise or event per message, and reading pauses only when asked to
 * (backpressure). Standby status updates report a flushed position as Postgres's own subscribers do.
 */
export class ReplicationStream {
  readonly #client: pg.Client;
  #stopped = false;

  constructor(databaseUrl: string) {
    // `replication` is a connection parameter pg passes on but does not declare.
    const config = { connectionString: databaseUrl, replication: 'database', options: UTC_SESSION };
    this.#client = new pg.Client(config as pg.ClientConfig);
  }

  get stopped(): boolean {
    return this.#stopped;
  }

  /**
   * Starts streaming the slot from `fromLsn`. Resolves once Postgres streams; `ended` settles when the stream ends:
   * resolved when Postgres ended it or stop() was called, rejected on an error.
   */
  async start(
    slot: string,
    publication: string,
    fromLsn: string,
    handlers: ReplicationHandlers,
  ): Promise<{ ended: Promise<void> }> {
    await this.#client.connect();
    const connection = (this.#client as unknown as { connection: pg.Connection }).connection;
    this.#client.on('error', () => {}); // surfaces through the query below
    connection.on('copyData', ({ chunk }: { chunk: Buffer }) => {
      if (this.#stopped) return;
      if (chunk[0] === 0x77 /* w: XLogData */) {
        handlers.data(chunk, 25, chunk.readUInt32BE(1), chunk.readUInt32BE(5));
      } else if (chunk[0] === 0x6b /* k: keepalive */) {
        handlers.keepalive(chunk.readBigUInt64BE(1), chunk[17] === 1);
      }
    });
    const started = new Promise<void>((resolve) => connection.once('replicationStart', () => resolve()));
    const options = `proto_version '2', publication_names ${pg.escapeLiteral(publication)}`;
    const ended = this.#client
      .query(`START_REPLICATION SLOT ${pg.escapeIdentifier(slot)} LOGICAL ${fromLsn} (${options})`)
      .then(
        () => {},
        (err: unknown) => {
          if (!this.#stopped) throw err;
        },
      );
    await Promise.race([started, ended]);
    return { ended };
  }

  pause(): void {
    this.#socket()?.pause();
  }

  resume(): void {
    if (!this.#stopped) this.#socket()?.resume();
  }

  /** Tells Postgres every change before `lsn` is safe: it keeps WAL from there and resends from there. */
  confirm(lsn: bigint): void {
    if (this.#stopped) return;
    const message = Buffer.alloc(34);
    message[0] = 0x72; // r: standby status update
    message.writeBigUInt64BE(lsn, 1); // written
    message.writeBigUInt64BE(lsn, 9); // flushed
    message.writeBigUInt64BE(lsn, 17); // applied
    message.writeBigUInt64BE(BigInt(Date.now()) * 1000n - POSTGRES_EPOCH_US, 25);
    const connection = (this.#client as unknown as { connection: { sendCopyFromChunk(b: Buffer): void } }).connection;
    connection.sendCopyFromChunk(message);
  }

  async stop(): Promise<void> {
    if (this.#stopped) return;
    this.#stopped = true;
    await this.#client.end().catch(() => {});
  }

  #socket(): { pause(): void; resume(): void } | undefined {
    return (this.#client as unknown as { connection?: { stream?: { pause(): void; resume(): void } } }).connection
      ?.stream;
  }
}

/** A commit time from pgoutput (microseconds since 2000-01-01) as microseconds since the Unix epoch. */
export function commitTimeUs(buf: Buffer, pos: number): bigint {
  return buf.readBigUInt64BE(pos) + POSTGRES_EPOCH_US;
}
