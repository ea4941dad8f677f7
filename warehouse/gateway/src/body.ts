import { randomUUID } from 'node:crypto';
import { open, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import zlib from 'node:zlib';
import { gatewayError } from './errors.ts';
import { findInsertData, type InsertWithData } from './sql.ts';

/**
 * The statement to run: plain SQL, or an INSERT whose rows were spooled to a file it reads with FROM INFILE (or, for
 * `INSERT ... SELECT ... FROM input(...)`, with the file() table function).
 */
export type Statement = { kind: 'query'; sql: string } | { kind: 'insert'; sql: string; file: string };

/** Content-Encoding values ClickHouse accepts; the engine itself decodes them when it reads an INSERT's rows. */
const ENGINE_CODECS = new Set(['gzip', 'deflate', 'br', 'xz', 'zstd', 'lz4', 'bz2', 'snappy']);
/** Codecs Node decodes itself, for bodies that carry query text rather than only rows. */
const NODE_DECODERS: Record<string, () => zlib.Gunzip | zlib.Inflate | zlib.BrotliDecompress> = {
  gzip: () => zlib.createGunzip(),
  deflate: () => zlib.createInflate(),
  br: () => zlib.createBrotliDecompress(),
};

/** How much of a body is read to find where an INSERT's query ends and its rows begin. */
const HEAD_BYTES = 1 << 20;
/** The largest statement (without FORMAT rows) the gateway holds in memory. */
export const MAX_QUERY_BYTES = 256 << 20;

function contentEncoding(header: string | string[] | undefined): string | undefined {
  const value = (Array.isArray(header) ? header[0] : header)?.trim().toLowerCase();
  if (!value || value === 'identity') return undefined;
  if (!ENGINE_CODECS.has(value)) {
    throw gatewayError('UNKNOWN_COMPRESSION_METHOD', `Unknown HTTP compression method: ${value}`);
  }
  return value;
}

function insertSql(text: Buffer, insert: InsertWithData, file: string, codec: string | undefined): string {
  const { input } = insert;
  if (input) {
    // The SELECT reads the spooled rows: input('structure') becomes file('<spool>', 'X', 'structure'[, codec]).
    const slice = (from: number, to: number) => text.subarray(from, to).toString('utf8');
    const args = `'${file}', '${insert.format}', ${slice(input.argsStart, input.argsEnd)}${codec ? `, '${codec}'` : ''}`;
    return `${slice(0, input.start)}file(${args})${slice(input.end, input.formatAt).trimEnd()}`;
  }
  const compression = codec ? ` COMPRESSION '${codec}'` : '';
  return `${text.subarray(0, insert.infileAt).toString('utf8').trimEnd()} FROM INFILE '${file}'${compression} ${text
    .subarray(insert.infileAt, insert.queryEnd)
    .toString('utf8')}`;
}

/** The body gathered before one write: the socket's 64 KiB reads are written a few MiB at a time. */
export const SPOOL_BATCH_BYTES = 4 << 20;

/**
 * Writes an INSERT's rows to the file the engine reads, as they arrive: the reads gathered while the previous batch is
 * being written go out in one writev, a few calls per MiB rather than a stream write per 64 KiB read. A full batch
 * waits for the write before it, so a client faster than the disk waits in TCP. A body that fails (the client gone,
 * a bad encoding) leaves no file behind.
 */
async function spool(file: string, first: Buffer, rest: AsyncIterator<Buffer>): Promise<void> {
  const handle = await open(file, 'w');
  let writing: Promise<unknown> = Promise.resolve();
  try {
    let batch = first.length > 0 ? [first] : [];
    let size = first.length;
    for (let next = await rest.next(); !next.done; next = await rest.next()) {
      batch.push(next.value);
      size += next.value.length;
      if (size >= SPOOL_BATCH_BYTES) {
        await writing;
        writing = handle.writev(batch);
        // Its failure is awaited before the next batch or at the end, not reported as unhandled meanwhile.
        writing.catch(() => undefined);
        batch = [];
        size = 0;
      }
    }
    await writing;
    if (batch.length > 0) await handle.writev(batch);
  } catch (err) {
    await writing.catch(() => undefined);
    await handle.close();
    await rm(file, { force: true });
    throw err;
  }
  await handle.close();
}

/**
 * Reads a request body into the statement ClickHouse would run: the URL query, a newline, then the body.
 * The rows of `INSERT ... FORMAT X` go to a file under `uploadDir` (binary formats included), still compressed
 * when only rows are compressed, so the engine decodes them; everything else is read into memory.
 */
export async function readStatement(
  body: Readable,
  urlQuery: string,
  encodingHeader: string | string[] | undefined,
  uploadDir: string,
): Promise<Statement> {
  const codec = contentEncoding(encodingHeader);
  const prefix = Buffer.from(urlQuery ? `${urlQuery}\n` : '', 'utf8');
  const prefixText = prefix.toString('latin1');

  // The common case for clients: the INSERT is in the URL and the body is nothing but rows.
  const urlInsert = urlQuery ? findInsertData(prefixText) : undefined;
  if (urlInsert) {
    const inline = prefix.subarray(urlInsert.dataStart);
    if (codec && inline.length > 0) {
      throw gatewayError('BAD_ARGUMENTS', 'Rows in the query parameter cannot be combined with a compressed body');
    }
    const file = join(uploadDir, randomUUID());
    await spool(file, inline, body[Symbol.asyncIterator]());
    return { kind: 'insert', sql: insertSql(prefix, urlInsert, file, codec), file };
  }

  let source: Readable = body;
  if (codec) {
    const decoder = NODE_DECODERS[codec];
    if (!decoder) {
      throw gatewayError(
        'NOT_IMPLEMENTED',
        `A ${codec}-compressed body can only carry the rows of an INSERT whose query is in the URL`,
      );
    }
    source = body.pipe(decoder());
    body.once('error', (err) => source.destroy(err));
  }

  const iterator = source[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const chunks: Buffer[] = [prefix];
  let size = prefix.length;
  let ended = false;
  while (size < HEAD_BYTES) {
    const next = await iterator.next();
    if (next.done) {
      ended = true;
      break;
    }
    chunks.push(next.value);
    size += next.value.length;
  }
  const head = Buffer.concat(chunks);
  const insert = findInsertData(head.toString('latin1'));
  if (insert) {
    const file = join(uploadDir, randomUUID());
    await spool(file, head.subarray(insert.dataStart), iterator);
    return { kind: 'insert', sql: insertSql(head, insert, file, undefined), file };
  }
  const all: Buffer[] = [head];
  while (!ended) {
    const next = await iterator.next();
    if (next.done) break;
    size += next.value.length;
    if (size > MAX_QUERY_BYTES) {
      await iterator.return?.();
      throw gatewayError('QUERY_IS_TOO_LARGE', `Query is too large (more than ${MAX_QUERY_BYTES} bytes)`);
    }
    all.push(next.value);
  }
  return { kind: 'query', sql: Buffer.concat(all).toString('utf8') };
}
