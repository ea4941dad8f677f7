import { setImmediate } from 'node:timers/promises';
import type { PrismaClient } from '@loyaltystudio/prisma';
import { type AuthContext, actorRef } from '../../auth/context.ts';
import { NotFoundError, ServiceUnavailableError, UnprocessableError } from '../../errors.ts';
import { claimKey, replay, requestHash, saveResponse } from '../../infra/idempotency.ts';
import { type CreatedKey, createdOrderPage, decodeCursor, page } from '../../infra/pagination.ts';
import { withTenant } from '../../infra/tenant-tx.ts';
import { prepareRules } from '../events/rule-cache.ts';
import type { ReplayProgram } from '../ledger/replay/member-replay.ts';
import { toRuleDefinition } from '../rules/rules.repository.ts';
import type { FileKind } from './imports.files.ts';
import { type Files, identityOf, loadFiles, rowsOf, toImport } from './imports.input.ts';
import { planImport } from './imports.plan.ts';
import { importsRepository as repo } from './imports.repository.ts';
import type { MemberRow, OrderRow } from './imports.rows.ts';
import type { BadRow, CreateImport, Import, ListImportsQuery } from './imports.schemas.ts';
import type { ImportSettings } from './imports.settings.ts';
import { addMember, emptySummary, type SummaryContext } from './imports.summary.ts';
import { replayPlanned, writeImport } from './imports.writer.ts';

/** Bad rows kept in an answer or on an import. */
const BAD_ROWS_SHOWN = 500;
/** A running import whose cursor has not moved for this long was interrupted (its api instance stopped). */
const STALE_MS = 60_000;
const OPERATION = 'POST /v1/imports';

export interface ImportsDeps {
  prisma: PrismaClient;
  settings: ImportSettings;
  log: { error(obj: unknown, msg: string): void };
}

/**
 * Imports of a merchant's history. A request is read whole (files parsed, every row checked through the mapping,
 * members and events looked up in Monet under the tenant) before anything is written: bad rows refuse it (422
 * with each row's file, line and column) unless `skipBadRows`. A dry run replays every member and answers the
 * figures. A real run records the import (one per tenant and file hash), answers 202 and writes in the background
 * (imports.writer.ts); sending the same files again answers the import as it stands, or resumes it from its cursor
 * when it was interrupted.
 */
export function createImportsService({ prisma, settings, log }: ImportsDeps) {
  const running = new Map<string, { abort: AbortController; done: Promise<void> }>();

  /** The program, its rules compiled and its tiers, as the replay needs them. */
  async function programOf(auth: AuthContext, programId: string | undefined) {
    return withTenant(prisma, auth.tenantId, async (tx) => {
      const rows = await repo.programs(tx, auth.tenantId, programId ?? null);
      const p = rows[0];
      if (programId !== undefined && !p) throw new NotFoundError(`Program ${programId}`);
      if (programId === undefined && rows.length !== 1) {
        throw new UnprocessableError(
          'program-required',
          rows.length === 0
            ? 'The tenant has no active program.'
            : 'The tenant has several active programs: name one with programId.',
        );
      }
      if (p!.status !== 'active') {
        throw new UnprocessableError('program-archived', `Program ${p!.id} is archived and earns no points.`);
      }
      const [versions, tiers] = await Promise.all([
        repo.ruleVersions(tx, auth.tenantId, p!.versionIds),
        repo.tiers(tx, auth.tenantId, p!.id),
      ]);
      const rules = prepareRules(versions.map(toRuleDefinition));
      const program: ReplayProgram = {
        settings: {
          rounding: p!.rounding,
          earningCurrency: p!.earningCurrency,
          maxPointsPerEvent: p!.maxPointsPerEvent,
        },
        timeZone: p!.timeZone,
        expiry: { policy: p!.expiryPolicy, value: p!.expiryValue },
        rules: rules.compiled,
        periods: rules.periods,
        tiers,
      };
      const summaryContext: SummaryContext = {
        currency: p!.earningCurrency,
        moneyValuePer1000Points: p!.moneyValuePer1000Points,
        tiers,
      };
      return { id: p!.id, program, summaryContext };
    });
  }

  /** Everything the request asks, checked: the plan of what to write and the import's identity. */
  async function prepare(auth: AuthContext, body: CreateImport, files: Files, membersDone: number) {
    const now = Date.now();
    const bad: BadRow[] = [];
    const memberRows = (await rowsOf('members', body, files, bad, now)) as MemberRow[];
    const orderRows = (await rowsOf('orders', body, files, bad, now)) as OrderRow[];
    const { id: programId, program, summaryContext } = await programOf(auth, body.programId);
    // Every member of the file in order: the cursor counts positions in this list.
    const purchaseMember = new Map(
      orderRows.filter((o) => o.type === 'purchase').map((o) => [o.externalId, o.memberExternalId]),
    );
    const memberOfOrder = (o: OrderRow) =>
      o.type === 'purchase' ? o.memberExternalId : (o.memberExternalId ?? purchaseMember.get(o.refundOf!) ?? null);
    const all = [
      ...new Set([
        ...memberRows.map((m) => m.externalId),
        ...orderRows.map(memberOfOrder).filter((m): m is string => m !== null),
      ]),
    ].sort();
    const boundary = membersDone > 0 ? all[membersDone - 1]! : null;
    const pending = <T>(rows: T[], memberOf: (r: T) => string | null) =>
      boundary === null ? rows : rows.filter((r) => (memberOf(r) ?? '\uffff') > boundary);
    const members = pending(memberRows, (m) => m.externalId);
    const orders = pending(orderRows, memberOfOrder);
    const known = await withTenant(prisma, auth.tenantId, (tx) =>
      repo.known(tx, auth.tenantId, {
        memberIds: [
          ...new Set([
            ...members.map((m) => m.externalId),
            ...orders.map((o) => o.memberExternalId).filter((m): m is string => m !== null),
          ]),
        ],
        emails: members.map((m) => m.email).filter((e): e is string => e !== null),
        eventIds: orders.map((o) => o.externalId),
      }),
    );
    const column = (kind: FileKind) => (field: string) =>
      ((body.mapping?.[kind] ?? {}) as Record<string, string | undefined>)[field] ?? field;
    const plan = planImport(members, orders, known, { members: column('members'), orders: column('orders') });
    plan.bad.push(...bad);
    plan.bad.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
    if (plan.bad.length > 0 && !body.skipBadRows) {
      throw new UnprocessableError(
        'import-bad-rows',
        `${plan.bad.length} rows of the files cannot be imported; nothing was written. Fix them, or send ` +
          'skipBadRows: true to leave them out.',
        { badRows: plan.bad.slice(0, BAD_ROWS_SHOWN), badRowCount: plan.bad.length },
      );
    }
    const index = new Map(all.map((id, i) => [id, i + 1]));
    return {
      programId,
      program,
      summaryContext,
      plan,
      positions: plan.members.map((m) => index.get(m.externalId)!),
      membersTotal: all.length,
    };
  }

  function start(tenantId: string, importId: string, work: (signal: AbortSignal) => Promise<void>): void {
    if (running.has(importId)) return;
    const abort = new AbortController();
    const done = work(abort.signal)
      .catch(async (err) => {
        const stopped = abort.signal.aborted;
        if (!stopped) log.error({ err, importId }, 'import failed');
        await withTenant(prisma, tenantId, (tx) =>
          repo.finish(
            tx,
            tenantId,
            importId,
            {
              error: stopped
                ? 'Interrupted: the api stopped; send the same files again to resume.'
                : `Failed: ${(err as Error).message}`,
            },
            new Date(),
          ),
        ).catch(() => {});
      })
      .finally(() => running.delete(importId));
    running.set(importId, { abort, done });
  }

  async function create(auth: AuthContext, body: CreateImport, key: string) {
    const tenantId = auth.tenantId;
    const files = await loadFiles(body, settings);
    const identity = identityOf(body, files);
    const args = { tenantId, key, operation: OPERATION, body: { identity, dryRun: body.dryRun ?? false } };
    const hash = requestHash(args.body);
    const stored = await withTenant(prisma, tenantId, (tx) =>
      tx.idempotencyKey.findUnique({ where: { tenantId_key: { tenantId, key } } }),
    );
    if (stored) return withTenant(prisma, tenantId, (tx) => replay<Import>(tx, args, hash));

    const existing = await withTenant(prisma, tenantId, (tx) => repo.byHash(tx, tenantId, identity));
    if (!body.dryRun && existing) {
      const fresh = existing.status === 'running' && Date.now() - existing.updatedAt.getTime() < STALE_MS;
      if (existing.status === 'succeeded' || fresh || running.has(existing.id)) {
        return answer(args, hash, 200, toImport(existing));
      }
    }
    const prepared = await prepare(auth, body, files, existing?.membersDone ?? 0);
    const now = new Date();
    if (body.dryRun) {
      const summary = emptySummary(prepared.summaryContext);
      for (const [i, m] of prepared.plan.members.entries()) {
        addMember(summary, replayPlanned(prepared.program, m, now), m.existingId !== null, prepared.summaryContext);
        // Other requests get their turn during a long dry run.
        if (i % 500 === 499) await setImmediate();
      }
      return answer(args, hash, 200, {
        id: null,
        programId: prepared.programId,
        status: 'dry_run',
        dryRun: true,
        sendWebhooks: body.sendWebhooks ?? false,
        fileHash: identity,
        progress: {
          membersTotal: prepared.membersTotal,
          membersDone: 0,
          eventsTotal: prepared.plan.events,
          eventsDone: 0,
        },
        summary,
        skipped: prepared.plan.bad.slice(0, BAD_ROWS_SHOWN),
        skippedCount: prepared.plan.bad.length,
        error: null,
        createdAt: now.toISOString(),
        updatedAt: now.toISOString(),
        finishedAt: null,
      } satisfies Import);
    }
    if (!settings.databaseUrl) {
      throw new ServiceUnavailableError('Imports are not available: the api was started without its database URL.');
    }
    const row = await withTenant(prisma, tenantId, async (tx) => {
      if (existing) {
        const taken = await repo.resume(tx, tenantId, existing.id, existing.updatedAt, now);
        if (taken.count !== 1)
          throw new UnprocessableError('import-in-progress', 'This import was resumed by another request.');
        return { ...existing, status: 'running' as const, error: null, finishedAt: null, updatedAt: now };
      }
      return repo.createOnce(tx, {
        tenantId,
        programId: prepared.programId,
        fileHash: identity,
        sendWebhooks: body.sendWebhooks ?? false,
        skipBadRows: body.skipBadRows ?? false,
        membersTotal: prepared.membersTotal,
        eventsTotal: prepared.plan.events,
        summary: emptySummary(prepared.summaryContext),
        skipped: prepared.plan.bad.slice(0, BAD_ROWS_SHOWN),
        skippedCount: prepared.plan.bad.length,
        ...actorRef(auth),
      });
    });
    const databaseUrl = settings.databaseUrl;
    start(tenantId, row.id, async (signal) => {
      await writeImport(
        databaseUrl,
        {
          tenantId,
          importId: row.id,
          programId: prepared.programId,
          program: prepared.program,
          summaryContext: prepared.summaryContext,
          members: prepared.plan.members,
          positions: prepared.positions,
          membersDone: row.membersDone,
          eventsDone: row.eventsDone,
          summary: existing ? (row.summary as unknown as Import['summary']) : emptySummary(prepared.summaryContext),
          sendWebhooks: row.sendWebhooks,
          now,
          chunkMembers: settings.chunkMembers,
        },
        { signal, onChunk: settings.onChunk && ((done) => settings.onChunk!(row.id, done)) },
      );
      await withTenant(prisma, tenantId, (tx) => repo.finish(tx, tenantId, row.id, { error: null }, new Date()));
    });
    return answer(args, hash, 202, toImport(row));
  }

  /** Stores the answer under the Idempotency-Key (a concurrent request with the key gets the stored one). */
  async function answer(args: Parameters<typeof replay>[1], hash: string, status: number, body: Import) {
    return withTenant(prisma, args.tenantId, async (tx) => {
      const [claimed] = await tx.$queryRaw<{ claimed: boolean }[]>(claimKey(args, hash));
      if (!claimed) return replay<Import>(tx, args, hash);
      await tx.$executeRaw(saveResponse({ tenantId: args.tenantId, key: args.key, status, body }));
      return { status, body, replayed: false };
    });
  }

  return {
    create,

    async get(auth: AuthContext, id: string): Promise<Import> {
      const row = await withTenant(prisma, auth.tenantId, (tx) => repo.find(tx, auth.tenantId, id));
      if (!row) throw new NotFoundError(`Import ${id}`);
      return toImport(row);
    },

    async list(auth: AuthContext, query: ListImportsQuery) {
      const limit = query.limit ?? 50;
      const after = decodeCursor<CreatedKey & Record<string, string>>(query.cursor, {
        createdAt: 'string',
        id: 'string',
      });
      const rows = await withTenant(prisma, auth.tenantId, (tx) =>
        tx.import.findMany(createdOrderPage(after, limit + 1, { tenantId: auth.tenantId }, 'desc')),
      );
      const { items, nextCursor } = page(rows, limit, (r) => ({ createdAt: r.createdAt.toISOString(), id: r.id }));
      return { data: items.map(toImport), nextCursor };
    },

    /** Waits for an import written by this process (tests, and the server's shutdown). */
    async settled(id: string): Promise<void> {
      await running.get(id)?.done;
    },

    /** Stops the imports this process is writing, between chunks: each resumes when its files are sent again. */
    async close(): Promise<void> {
      for (const job of running.values()) job.abort.abort();
      await Promise.allSettled([...running.values()].map((j) => j.done));
    },
  };
}

export type ImportsService = ReturnType<typeof createImportsService>;
