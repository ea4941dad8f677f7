import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { ClickHouseClient } from '@clickhouse/client';
import type { Export as ExportRow, PrismaClient } from '@loyaltystudio/prisma';
import type { AuthContext } from '../../auth/context.ts';
import { AppError, ConflictError, NotFoundError, UnprocessableError } from '../../errors.ts';
import { audit } from '../../infra/audit.ts';
import { type IdempotentResult, idempotent } from '../../infra/idempotency.ts';
import { createdOrderList } from '../../infra/pagination.ts';
import { type Tx, withTenant } from '../../infra/tenant-tx.ts';
import { warehouseError } from '../../infra/warehouse.ts';
import { checkLink, signLink } from './exports.links.ts';
import type { ExportFormat } from './exports.marts.ts';
import { type ExportSelection, exportCountQuery, exportQuery, SEGMENT_MEMBERS_TABLE } from './exports.query.ts';
import { exportsRepository as repo } from './exports.repository.ts';
import type { CreateExport, DownloadQuery, Export, ExportsQuery } from './exports.schemas.ts';
import type { ExportSettings } from './exports.settings.ts';
import { type BuiltColumn, checkSelection, exportsWarehouse } from './exports.warehouse.ts';
import { type Progress, writeExport, XLSX_MAX_ROWS } from './exports.writer.ts';

export interface ExportsDeps {
  prisma: PrismaClient;
  clickhouse: ClickHouseClient;
  settings: ExportSettings;
  /** Failures of background jobs that are not the warehouse's (bugs, a full disk). */
  log: { error(obj: unknown, msg: string): void };
  /** Resolves a segment of the request to its version and members (the segments module); without it, none. */
  segments?: SegmentSource;
}

/** How an export selects a segment version's members: a dynamic one's condition, or a static one's snapshot. */
export type SegmentSelection =
  | { segmentVersionId: string; kind: 'dynamic'; condition: string; params: Record<string, unknown> }
  | { segmentVersionId: string; kind: 'static'; memberIds: () => AsyncIterable<string[]> };

export interface SegmentSource {
  /** The segment's version (the current one by default); NotFoundError for another tenant's. */
  exportSource(auth: AuthContext, segmentId: string, version?: number): Promise<SegmentSelection>;
}

/** How often a job writes its progress, which is also its heartbeat. */
const HEARTBEAT_MS = 2_000;
/** An unfinished export whose heartbeat stopped this long ago was interrupted (its api instance stopped). */
const STALE_MS = 60_000;

const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  parquet: 'application/vnd.apache.parquet',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

const INTERRUPTED = 'Interrupted: the api stopped while writing the file; create the export again.';

interface Job {
  tenantId: string;
  id: string;
  format: ExportFormat;
  selection: ExportSelection;
  columns: BuiltColumn[];
  rowsTotal: number;
  /** A static segment's snapshot, loaded into the job's ClickHouse session before the export query. */
  memberIds?: () => AsyncIterable<string[]>;
}

const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);

/** The file of an export, named for a person who downloads it. */
function downloadName(row: ExportRow): string {
  return `${row.mart}-${row.createdAt.toISOString().slice(0, 10)}-${row.id.slice(0, 8)}.${row.format}`;
}

/**
 * Exports of the marts. A request is checked against the allow-list (mart, columns, format, range) before any query
 * runs; then the built table is checked in `system.columns` (503 while dbt has not built it) and the rows counted.
 * The export is recorded in Postgres and written in the background by this process: ClickHouse streams CSV and
 * Parquet in its own formats straight to a file, XLSX goes through exceljs's streaming writer. Every query binds the
 * caller's tenant; another tenant's export is not found.
 */
export function createExportsService({ prisma, clickhouse, settings, log, segments }: ExportsDeps) {
  const running = new Map<string, { abort: AbortController; done: Promise<void> }>();
  const waiting: Array<() => void> = [];
  let active = 0;

  const pathOf = (tenantId: string, id: string, format: string) => join(settings.dir, tenantId, `${id}.${format}`);
  const checkInput = (body: CreateExport) => checkSelection(body, settings.maxRangeDays);
  const { loadSegmentMembers, rows, builtColumns } = exportsWarehouse(clickhouse);

  /** `names`: the creators' names by actor id (repo.actorNames). */
  function view(row: ExportRow, now: Date, names: Map<string, string>): Export {
    let download: Export['download'] = null;
    if (row.status === 'succeeded') {
      const expires = Math.floor(now.getTime() / 1000) + settings.linkTtlSeconds;
      const signature = signLink(settings.linkSecret, { tenantId: row.tenantId, exportId: row.id, expires });
      download = {
        url: `/v1/exports/${row.id}/download?expires=${expires}&signature=${signature}`,
        expiresAt: new Date(expires * 1000).toISOString(),
      };
    }
    const from = day(row.fromDate);
    const to = day(row.toDate);
    return {
      id: row.id,
      mart: row.mart,
      format: row.format,
      columns: row.columns,
      filters: from && to ? { from, to } : null,
      segmentVersionId: row.segmentVersionId,
      status: row.status,
      rowsTotal: row.rowsTotal === null ? null : Number(row.rowsTotal),
      rowsWritten: Number(row.rowsWritten),
      bytesWritten: Number(row.bytesWritten),
      error: row.error,
      createdBy: {
        type: row.actorType === 'api_key' ? 'api_key' : 'user',
        id: row.actorId,
        name: names.get(row.actorId) ?? null,
      },
      createdAt: row.createdAt.toISOString(),
      startedAt: row.startedAt?.toISOString() ?? null,
      finishedAt: row.finishedAt?.toISOString() ?? null,
      download,
    };
  }

  /** Waits for one of the `concurrency` places; an abort while waiting gives up the place in the line. */
  async function slot(signal: AbortSignal): Promise<void> {
    if (active < settings.concurrency) {
      active += 1;
      return;
    }
    await new Promise<void>((resolve, reject) => {
      const turn = () => {
        signal.removeEventListener('abort', leave);
        resolve();
      };
      const leave = () => {
        waiting.splice(waiting.indexOf(turn), 1);
        reject(signal.reason);
      };
      waiting.push(turn);
      signal.addEventListener('abort', leave, { once: true });
    });
  }

  function release(): void {
    const next = waiting.shift();
    if (next) next();
    else active -= 1;
  }

  /** Writes one export's file, recording progress as it goes and the outcome at the end; never throws. */
  async function run(job: Job, abort: AbortController): Promise<void> {
    const { tenantId, id } = job;
    const path = pathOf(tenantId, id, job.format);
    const partial = `${path}.partial`;
    let progress: Progress = { rows: 0, bytes: 0 };
    const inTenant = <T>(fn: (tx: Tx) => Promise<T>) => withTenant(prisma, tenantId, fn);
    const beat = () =>
      inTenant((tx) =>
        repo.progress(tx, tenantId, id, { rowsWritten: progress.rows, bytesWritten: progress.bytes }, new Date()),
      ).catch((err: unknown) => log.error({ err, exportId: id }, 'export progress not recorded'));
    const heartbeat = setInterval(() => void beat(), HEARTBEAT_MS);
    heartbeat.unref();
    let acquired = false;
    try {
      await slot(abort.signal);
      acquired = true;
      abort.signal.throwIfAborted();
      await inTenant((tx) => repo.start(tx, tenantId, id, new Date()));
      await mkdir(dirname(path), { recursive: true });
      const sessionId = job.memberIds ? await loadSegmentMembers(job.memberIds(), abort.signal) : undefined;
      const written = await writeExport(
        {
          client: clickhouse,
          query: exportQuery(tenantId, job.selection),
          format: job.format,
          columns: job.columns,
          path: partial,
          timeoutSeconds: settings.timeoutSeconds,
          signal: abort.signal,
          sessionId,
          onProgress: (p) => {
            progress = p;
          },
        },
        () => job.rowsTotal,
      );
      await rename(partial, path);
      clearInterval(heartbeat);
      await inTenant((tx) =>
        repo.succeed(tx, tenantId, id, { rowsWritten: written.rows, bytesWritten: written.bytes }, new Date()),
      );
    } catch (err) {
      clearInterval(heartbeat);
      await rm(partial, { force: true });
      const known = abort.signal.aborted ? undefined : warehouseError(err);
      if (!abort.signal.aborted && !known) log.error({ err, exportId: id }, 'export failed');
      const message = abort.signal.aborted
        ? INTERRUPTED
        : (known?.message ?? 'The export failed on an internal error; it is logged. Try again.');
      await inTenant((tx) => repo.fail(tx, tenantId, id, message, new Date())).catch((e: unknown) =>
        log.error({ err: e, exportId: id }, 'export failure not recorded'),
      );
    } finally {
      clearInterval(heartbeat);
      if (acquired) release();
    }
  }

  function start(job: Job): void {
    const abort = new AbortController();
    const done = run(job, abort).finally(() => running.delete(job.id));
    running.set(job.id, { abort, done });
  }

  async function find(auth: AuthContext, id: string): Promise<ExportRow> {
    const row = await withTenant(prisma, auth.tenantId, (tx) => repo.find(tx, auth.tenantId, id));
    if (!row) throw new NotFoundError(`Export ${id}`);
    return row;
  }

  /** The row as it stands: an unfinished export whose heartbeat stopped (its instance went away) is failed first. */
  async function settled(auth: AuthContext, row: ExportRow, now: Date): Promise<ExportRow> {
    const unfinished = row.status === 'queued' || row.status === 'running';
    if (!unfinished || running.has(row.id) || row.updatedAt.getTime() >= now.getTime() - STALE_MS) return row;
    await withTenant(prisma, auth.tenantId, (tx) =>
      repo.fail(tx, auth.tenantId, row.id, INTERRUPTED, now, new Date(now.getTime() - STALE_MS)),
    );
    return find(auth, row.id);
  }

  const namesOf = (tenantId: string, rows: ExportRow[]) =>
    withTenant(prisma, tenantId, (tx) => repo.actorNames(tx, tenantId, rows));

  return {
    /** Checks the request, counts the rows, records the export (202) and starts writing it in the background. */
    async create(auth: AuthContext, body: CreateExport, key: string): Promise<IdempotentResult<Export>> {
      const checked = checkInput(body);
      let source: SegmentSelection | undefined;
      if (body.segment) {
        if (!segments) throw new NotFoundError(`Segment ${body.segment.id}`);
        source = await segments.exportSource(auth, body.segment.id, body.segment.version);
      }
      const selection: ExportSelection = {
        ...checked,
        ...(source && {
          segment:
            source.kind === 'dynamic'
              ? { condition: source.condition, params: source.params }
              : { table: SEGMENT_MEMBERS_TABLE },
        }),
      };
      const memberIds = source?.kind === 'static' ? source.memberIds : undefined;
      const columns = await builtColumns(selection);
      const countSession = memberIds ? await loadSegmentMembers(memberIds()) : undefined;
      const [counted] = await rows<{ rows: number }>(exportCountQuery(auth.tenantId, selection), countSession);
      const rowsTotal = Number(counted?.rows ?? 0);
      if (body.format === 'xlsx' && rowsTotal > XLSX_MAX_ROWS) {
        throw new UnprocessableError(
          'too-many-rows-for-xlsx',
          `The export holds ${rowsTotal} rows and an XLSX sheet at most ${XLSX_MAX_ROWS}: ` +
            'use csv or parquet, or a narrower date range.',
          { rowsTotal, maxRows: XLSX_MAX_ROWS },
        );
      }
      const done = await withTenant(prisma, auth.tenantId, (tx) =>
        idempotent(tx, { tenantId: auth.tenantId, key, operation: 'POST /v1/exports', body }, async () => {
          const row = await repo.create(tx, {
            tenantId: auth.tenantId,
            mart: selection.mart,
            format: body.format,
            columns: [...selection.columns],
            fromDate: selection.range ? new Date(`${selection.range.from}T00:00:00Z`) : null,
            toDate: selection.range ? new Date(`${selection.range.to}T00:00:00Z`) : null,
            rowsTotal,
            actorType: auth.actor.type,
            actorId: auth.actor.id,
            segmentVersionId: source?.segmentVersionId ?? null,
          });
          await audit(tx, auth, {
            action: 'export.create',
            entityType: 'export',
            entityId: row.id,
            after: {
              mart: row.mart,
              format: row.format,
              columns: row.columns,
              filters: selection.range ?? null,
              segmentVersionId: row.segmentVersionId,
            },
          });
          return { status: 202, body: view(row, new Date(), await repo.actorNames(tx, auth.tenantId, [row])) };
        }),
      );
      if (!done.replayed) {
        start({
          tenantId: auth.tenantId,
          id: done.body.id,
          format: body.format,
          selection,
          columns,
          rowsTotal,
          memberIds,
        });
      }
      return done;
    },

    /** The export's status and progress; when it succeeded, a fresh signed download link. */
    async get(auth: AuthContext, id: string): Promise<Export> {
      const now = new Date();
      const row = await settled(auth, await find(auth, id), now);
      return view(row, now, await namesOf(auth.tenantId, [row]));
    },

    /** The tenant's exports, newest first (a status filter is applied before the stale check), as `get` gives them. */
    async list(auth: AuthContext, query: ExportsQuery): Promise<{ items: Export[]; nextCursor: string | null }> {
      const { tenantId } = auth;
      const now = new Date();
      const rows = await createdOrderList(
        query,
        (take, after) => withTenant(prisma, tenantId, (tx) => repo.list(tx, tenantId, take, after, query.status)),
        (row) => row,
      );
      const items = await Promise.all(rows.items.map((row) => settled(auth, row, now)));
      const names = await namesOf(tenantId, items);
      return { items: items.map((row) => view(row, now, names)), nextCursor: rows.nextCursor };
    },

    /** The file behind a signed link of the caller's tenant: 404 for another tenant's, 403 for a bad or old link. */
    async download(auth: AuthContext, id: string, link: DownloadQuery) {
      const row = await find(auth, id);
      const check = checkLink(
        settings.linkSecret,
        { tenantId: auth.tenantId, exportId: id, expires: link.expires },
        link.signature,
        new Date(),
      );
      if (check === 'bad-signature') {
        throw new AppError(
          403,
          'download-link-invalid',
          'Forbidden',
          `The signature does not match this link; GET /v1/exports/${id} gives a fresh one.`,
        );
      }
      if (check === 'expired') {
        throw new AppError(
          403,
          'download-link-expired',
          'Forbidden',
          `The link expired; GET /v1/exports/${id} gives a fresh one.`,
        );
      }
      if (row.status !== 'succeeded') throw new ConflictError(`Export ${id} is ${row.status}, not succeeded.`);
      const path = pathOf(row.tenantId, row.id, row.format);
      const size = await stat(path).then(
        (s) => s.size,
        () => {
          throw new AppError(410, 'export-file-gone', 'Gone', `The file of export ${id} is no longer kept.`);
        },
      );
      return { path, size, contentType: CONTENT_TYPES[row.format], fileName: downloadName(row) };
    },

    /** Stops the exports being written (they are recorded as interrupted) and waits for them to settle. */
    async close(): Promise<void> {
      for (const job of running.values()) job.abort.abort();
      await Promise.allSettled([...running.values()].map((job) => job.done));
    },
  };
}

export type ExportsService = ReturnType<typeof createExportsService>;
