// Reading an import request: its files (inline or fetched), their identity, and their rows through the mapping.
import { createHash } from 'node:crypto';
import type { Import as ImportRow } from '@loyaltystudio/prisma';
import { InvalidRequestError } from '../../errors.ts';
import { requestHash } from '../../infra/idempotency.ts';
import { fetchImportFile } from './imports.fetch.ts';
import { type FileKind, parseFile, UnreadableFileError } from './imports.files.ts';
import { missingColumns, readMembers, readOrders } from './imports.rows.ts';
import type { BadRow, CreateImport, Import, ImportFile } from './imports.schemas.ts';
import type { ImportSettings } from './imports.settings.ts';

export type Files = Partial<Record<FileKind, { format: ImportFile['format']; bytes: Buffer }>>;

export function toImport(row: ImportRow): Import {
  return {
    id: row.id,
    programId: row.programId,
    status: row.status,
    dryRun: false,
    sendWebhooks: row.sendWebhooks,
    fileHash: row.fileHash,
    progress: {
      membersTotal: row.membersTotal,
      membersDone: row.membersDone,
      eventsTotal: row.eventsTotal,
      eventsDone: row.eventsDone,
    },
    summary: row.summary as unknown as Import['summary'],
    skipped: row.skipped as unknown as BadRow[],
    skippedCount: row.skippedCount,
    error: row.error,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}

async function bytesOf(file: ImportFile, field: string, settings: ImportSettings): Promise<Buffer> {
  if ((file.content === undefined) === (file.url === undefined)) {
    throw new InvalidRequestError([{ path: `body.${field}`, message: 'give content or url, one of them' }]);
  }
  if (file.url !== undefined) {
    return fetchImportFile(file.url, `body.${field}`, {
      allowLoopback: settings.allowLoopback,
      resolve: settings.resolve,
      timeoutMs: settings.fetchTimeoutMs,
      maxBytes: settings.maxBytes,
    });
  }
  const base64 = file.encoding === 'base64' || (file.encoding === undefined && file.format === 'parquet');
  if (base64 && !/^[A-Za-z0-9+/]*={0,2}$/.test(file.content!)) {
    throw new InvalidRequestError([{ path: `body.${field}.content`, message: 'is not base64' }]);
  }
  return Buffer.from(file.content!, base64 ? 'base64' : 'utf8');
}

/** Reads one file into records, refusing the file (400) when it cannot be read or lacks a mapped column. */
export async function rowsOf(kind: FileKind, body: CreateImport, files: Files, bad: BadRow[], now: number) {
  const file = files[kind];
  if (!file) return [];
  let parsed: Awaited<ReturnType<typeof parseFile>>;
  try {
    parsed = await parseFile(kind, file.format, file.bytes);
  } catch (err) {
    if (err instanceof UnreadableFileError)
      throw new InvalidRequestError([{ path: `body.${kind}`, message: err.message }]);
    throw err;
  }
  bad.push(...parsed.bad);
  if (parsed.records.length > 0) {
    const required = kind === 'members' ? ['externalId'] : ['externalId', 'occurredAt', 'amountMinor', 'currency'];
    const missing = missingColumns(kind, parsed.columns, body.mapping, required);
    if (missing.length > 0) {
      throw new InvalidRequestError([
        { path: `body.${kind}`, message: `the file has no column ${missing.join(', ')} (see mapping.${kind})` },
      ]);
    }
  }
  return kind === 'members'
    ? readMembers(parsed.records, body.mapping, bad, now)
    : readOrders(parsed.records, body.mapping, bad, now);
}

/** The files' bytes (fetched when given by URL). */
export async function loadFiles(body: CreateImport, settings: ImportSettings): Promise<Files> {
  if (!body.members && !body.orders) {
    throw new InvalidRequestError([{ path: 'body', message: 'give a members file, an orders file, or both' }]);
  }
  const files: Files = {};
  for (const kind of ['members', 'orders'] as const) {
    const file = body[kind];
    if (file) files[kind] = { format: file.format, bytes: await bytesOf(file, kind, settings) };
  }
  return files;
}

/** The import's identity: the files' bytes, the mapping and the options that change what is written. */
export function identityOf(body: CreateImport, files: Files): string {
  const sha = (kind: FileKind) => {
    const f = files[kind];
    return f ? { format: f.format, sha256: createHash('sha256').update(f.bytes).digest('hex') } : null;
  };
  return requestHash({
    members: sha('members'),
    orders: sha('orders'),
    mapping: body.mapping ?? {},
    programId: body.programId ?? null,
    skipBadRows: body.skipBadRows ?? false,
    sendWebhooks: body.sendWebhooks ?? false,
  });
}
