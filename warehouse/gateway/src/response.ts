import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import { Readable, type Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import type { ClickHouseError } from './errors.ts';
import { httpStatusFor } from './errors.ts';

/** Facts every response carries, as ClickHouse's own headers. */
export interface ServerInfo {
  displayName: string;
  timezone: string;
  version: string;
}

export interface Summary {
  readRows: number;
  readBytes: number;
  writtenRows: number;
  writtenBytes: number;
  resultBytes: number;
  elapsedNs: number;
}

const gzip = promisify(zlib.gzip);
const deflate = promisify(zlib.deflate);
const brotli = promisify(zlib.brotliCompress);
/** ClickHouse's default `http_zlib_compression_level`: fast, since the client is usually close by. */
const ZLIB_LEVEL = 3;

/** The HTTP Content-Type ClickHouse gives each output format. */
export function contentTypeFor(format: string): string {
  const f = format.toLowerCase();
  if (f === 'jsoneachrow' || f === 'jsonlines' || f === 'ndjson' || f === 'jsonstringseachrow') {
    return 'application/x-ndjson; charset=UTF-8';
  }
  if (f.startsWith('json')) return 'application/json; charset=UTF-8';
  if (f.startsWith('csv')) return `text/csv; charset=UTF-8; header=${f.includes('names') ? 'present' : 'absent'}`;
  if (f.startsWith('tabseparated') || f.startsWith('tsv')) {
    return `text/tab-separated-values; charset=UTF-8${f.includes('names') ? '; header=present' : ''}`;
  }
  if (f === 'xml') return 'application/xml; charset=UTF-8';
  if (f === 'markdown' || f === 'md') return 'text/markdown; charset=UTF-8';
  if (
    [
      'native',
      'rowbinary',
      'parquet',
      'arrow',
      'arrowstream',
      'orc',
      'avro',
      'msgpack',
      'protobuf',
      'capnproto',
      'npy',
      'bson',
      'rawblob',
    ].some((b) => f.startsWith(b))
  ) {
    return 'application/octet-stream';
  }
  return 'text/plain; charset=UTF-8';
}

/** The first method in `Accept-Encoding` that Node produces natively, in ClickHouse's order of preference. */
export function responseEncoding(headers: IncomingHttpHeaders): 'gzip' | 'deflate' | 'br' | undefined {
  const accepted = String(headers['accept-encoding'] ?? '')
    .split(',')
    .map((e) => e.split(';')[0]?.trim().toLowerCase());
  return (['gzip', 'deflate', 'br'] as const).find((method) => accepted.includes(method));
}

async function encode(body: Uint8Array, method: 'gzip' | 'deflate' | 'br'): Promise<Buffer> {
  if (method === 'gzip') return gzip(body, { level: ZLIB_LEVEL });
  if (method === 'deflate') return deflate(body, { level: ZLIB_LEVEL });
  return brotli(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: ZLIB_LEVEL } });
}

function compressor(method: 'gzip' | 'deflate' | 'br'): Transform {
  if (method === 'gzip') return zlib.createGzip({ level: ZLIB_LEVEL });
  if (method === 'deflate') return zlib.createDeflate({ level: ZLIB_LEVEL });
  return zlib.createBrotliCompress({ params: { [zlib.constants.BROTLI_PARAM_QUALITY]: ZLIB_LEVEL } });
}

/** Pipes a body to the client, through the compressor the client asked for; resolves when the last byte is sent. */
async function sendBody(
  res: ServerResponse,
  headers: Record<string, string>,
  body: Readable,
  encoding: 'gzip' | 'deflate' | 'br' | undefined,
): Promise<void> {
  if (encoding) headers['Content-Encoding'] = encoding;
  res.writeHead(200, headers);
  if (encoding) await pipeline(body, compressor(encoding), res);
  else await pipeline(body, res);
}

/**
 * Sends a result as the engine produces it, with backpressure: memory stays at a few chunks whatever the size.
 * The first chunk is awaited before the status line, so an error the engine raises at once is still an error
 * status; a later one can only cut the response short, as with ClickHouse (unless `wait_end_of_query=1`).
 */
export async function sendStream(
  res: ServerResponse,
  headers: Record<string, string>,
  chunks: AsyncGenerator<Buffer>,
  encoding: 'gzip' | 'deflate' | 'br' | undefined,
): Promise<void> {
  const first = await chunks.next();
  async function* all(): AsyncGenerator<Buffer> {
    try {
      if (first.done) return;
      yield first.value;
      yield* chunks;
    } finally {
      await chunks.return(undefined);
    }
  }
  await sendBody(res, headers, Readable.from(all(), { objectMode: false }), encoding);
}

/** Sends a result the engine wrote to a file, read from disk in pieces. */
export async function sendFile(
  res: ServerResponse,
  headers: Record<string, string>,
  path: string,
  encoding: 'gzip' | 'deflate' | 'br' | undefined,
): Promise<void> {
  if (!encoding) headers['Content-Length'] = String((await stat(path)).size);
  await sendBody(res, headers, createReadStream(path, { highWaterMark: 1 << 20 }), encoding);
}

export function baseHeaders(info: ServerInfo, queryId: string): Record<string, string> {
  return {
    'X-ClickHouse-Server-Display-Name': info.displayName,
    'X-ClickHouse-Query-Id': queryId,
    'X-ClickHouse-Timezone': info.timezone,
  };
}

export function summaryHeader(s: Summary): string {
  return JSON.stringify({
    read_rows: String(s.readRows),
    read_bytes: String(s.readBytes),
    written_rows: String(s.writtenRows),
    written_bytes: String(s.writtenBytes),
    total_rows_to_read: String(s.readRows),
    result_rows: '0',
    result_bytes: String(s.resultBytes),
    elapsed_ns: String(Math.round(s.elapsedNs)),
  });
}

/** Sends a result, compressed when the client asked for it with `enable_http_compression=1`. */
export async function sendResult(
  res: ServerResponse,
  headers: Record<string, string>,
  body: Uint8Array,
  encoding: 'gzip' | 'deflate' | 'br' | undefined,
): Promise<void> {
  const payload = encoding && body.length > 0 ? await encode(body, encoding) : body;
  if (encoding && body.length > 0) headers['Content-Encoding'] = encoding;
  headers['Content-Length'] = String(payload.length);
  res.writeHead(200, headers);
  res.end(payload);
}

/** Sends an error the way ClickHouse does: its status, its code in a header, its text in the body. */
export function sendError(
  res: ServerResponse,
  headers: Record<string, string>,
  error: ClickHouseError,
  version: string,
): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const text = error.message.includes('(version ') ? error.message : `${error.message} (version ${version})`;
  const body = Buffer.from(`${text}\n`, 'utf8');
  res.writeHead(httpStatusFor(error.code), {
    ...headers,
    'X-ClickHouse-Exception-Code': String(error.code),
    'Content-Type': 'text/plain; charset=UTF-8',
    'Content-Length': String(body.length),
  });
  res.end(body);
}
