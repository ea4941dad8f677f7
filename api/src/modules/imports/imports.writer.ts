// Writes planned members by COPY, a chunk of members per transaction together with the import's cursor, so an
// interrupted import has written whole members only and resumes after the last chunk it committed.
import { randomUUID } from 'node:crypto';
import { setImmediate } from 'node:timers/promises';
import pg from 'pg';
import { CsvRows, copyRows } from '../../infra/copy-rows.ts';
import { type ReplayProgram, type ReplayResult, replayMember } from '../ledger/replay/member-replay.ts';
import { pushReplay, replayTables } from '../ledger/replay/replay-rows.ts';
import type { PlannedMember } from './imports.plan.ts';
import type { ImportSummary } from './imports.schemas.ts';
import { addMember, type SummaryContext } from './imports.summary.ts';

export interface WriteJob {
  tenantId: string;
  importId: string;
  programId: string;
  program: ReplayProgram;
  summaryContext: SummaryContext;
  /** Members still to write, in order; `position[i]`: the cursor once member i is written. */
  members: PlannedMember[];
  positions: number[];
  /** The import's cursor and figures when this run started. */
  membersDone: number;
  eventsDone: number;
  summary: ImportSummary;
  sendWebhooks: boolean;
  /** When the import runs: rows are recorded at this time, and lots due by it expire. */
  now: Date;
  /** Members per transaction. */
  chunkMembers: number;
}

/** The import was taken over (its cursor moved under this run): this run stops, writing nothing more. */
export class CursorMovedError extends Error {}

/** One member's replay, as the dry run and the writer both compute it. */
export function replayPlanned(program: ReplayProgram, m: PlannedMember, now: Date): ReplayResult {
  return replayMember(program, { enrolledAt: m.enrolledAt, attributes: m.attributes, tags: m.tags }, m.activities, {
    until: now,
  });
}

function outboxRows(out: CsvRows, job: WriteJob, memberId: string, m: PlannedMember, r: ReplayResult): void {
  const emit = (type: string, payload: Record<string, unknown>) =>
    out.push(job.tenantId, type, JSON.stringify(payload));
  const { programId } = job;
  if (!m.existingId) emit('member.created', { memberId, externalId: m.externalId, enrolledBy: 'import' });
  const byEvent = new Map(r.events.map((e) => [e.id, e]));
  for (const e of r.entries) {
    const event = e.eventId ? byEvent.get(e.eventId) : undefined;
    if (e.kind === 'accrual' || e.kind === 'bonus') {
      emit('points.earned', {
        memberId,
        programId,
        eventId: e.eventId,
        eventExternalId: event?.externalId ?? null,
        points: e.points,
        effectiveAt: e.effectiveAt.toISOString(),
      });
    } else if (e.kind === 'reversal') {
      emit('points.reversed', {
        memberId,
        programId,
        eventId: e.eventId,
        purchaseEventId: event?.refundOfEventId ?? null,
        points: -e.points,
        shortfallPoints: e.shortfallPoints,
        effectiveAt: e.effectiveAt.toISOString(),
      });
    } else if (e.kind === 'expiry') {
      emit('points.expired', { memberId, programId, points: -e.points, effectiveAt: e.effectiveAt.toISOString() });
    }
  }
  for (const c of r.tierChanges) {
    emit('tier.changed', {
      memberId,
      programId,
      fromTierId: c.fromTierId,
      toTierId: c.toTierId,
      direction: c.reason,
      changedAt: c.effectiveAt.toISOString(),
    });
  }
}

interface Chunk {
  tables: ReturnType<typeof replayTables>;
  outbox: CsvRows;
  merged: string[];
  membersDone: number;
  eventsDone: number;
  summary: ImportSummary;
}

/** Replays members [from, to) of the job into one chunk's buffers, yielding now and then to the COPY in flight. */
async function buildChunk(
  job: WriteJob,
  from: number,
  to: number,
  before: { eventsDone: number; summary: ImportSummary },
): Promise<Chunk> {
  const chunk: Chunk = {
    tables: replayTables(),
    outbox: new CsvRows('outbox_events', ['tenant_id', 'type', 'payload']),
    merged: [],
    membersDone: job.positions[to - 1]!,
    eventsDone: before.eventsDone,
    summary: structuredClone(before.summary),
  };
  const { tenantId, programId, now } = job;
  for (let i = from; i < to; i++) {
    // Let the socket drain the chunk being copied.
    if ((i - from) % 100 === 99) await setImmediate();
    const m = job.members[i]!;
    const r = replayPlanned(job.program, m, now);
    const memberId = m.existingId ?? randomUUID();
    if (m.existingId) chunk.merged.push(m.existingId);
    else {
      const p = m.profile;
      chunk.tables.members.push(
        memberId,
        tenantId,
        m.externalId,
        p?.email ?? null,
        p?.firstName ?? null,
        p?.lastName ?? null,
        m.enrolledAt,
        now,
        now,
      );
    }
    // A member without events has no balance row, as live (the first event creates it).
    pushReplay(chunk.tables, { tenantId, memberId, programId }, r, {
      recordedAt: now,
      updatedAt: now,
      skipBalance: r.events.length === 0,
    });
    if (job.sendWebhooks) outboxRows(chunk.outbox, job, memberId, m, r);
    chunk.eventsDone += r.events.length;
    addMember(chunk.summary, r, m.existingId !== null, job.summaryContext);
  }
  return chunk;
}

async function commitChunk(client: pg.Client, job: WriteJob, chunk: Chunk, cursorBefore: number): Promise<void> {
  await client.query('BEGIN');
  try {
    // The cursor moves only from where this run left it: a second runner of the same import stops here.
    const moved = await client.query(
      `UPDATE imports SET members_done = $1, events_done = $2, summary = $3::jsonb, updated_at = now()
       WHERE id = $4 AND tenant_id = $5 AND members_done = $6 AND status = 'running'`,
      [chunk.membersDone, chunk.eventsDone, JSON.stringify(chunk.summary), job.importId, job.tenantId, cursorBefore],
    );
    if (moved.rowCount !== 1) throw new CursorMovedError(`import ${job.importId} moved on without this run`);
    if (chunk.merged.length > 0) {
      // Members already in Monet without history may hold an empty balance row; the replayed one replaces it.
      await client.query(
        'DELETE FROM balances WHERE tenant_id = $1 AND program_id = $2 AND member_id = ANY($3::uuid[]) AND seq = 0',
        [job.tenantId, job.programId, chunk.merged],
      );
    }
    const t = chunk.tables;
    await copyRows(client, [
      t.members,
      t.events,
      t.ledger,
      t.lots,
      t.allocations,
      t.balances,
      t.tierChanges,
      chunk.outbox,
    ]);
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  }
}

/**
 * Writes the job's members, a chunk per transaction; while one chunk streams into Postgres the next is replayed.
 * COPY runs on the connection's own role (row-level security does not take COPY FROM): every row carries the
 * tenant the service read the import under. `onChunk` hears the cursor after each commit; `signal` stops between
 * chunks.
 */
export async function writeImport(
  databaseUrl: string,
  job: WriteJob,
  opts: { signal?: AbortSignal; onChunk?: (membersDone: number, eventsDone: number) => unknown } = {},
): Promise<ImportSummary> {
  const client = new pg.Client({ connectionString: databaseUrl, application_name: 'monet-import' });
  // A dropped connection fails the statement in flight, which fails the run; the client's own event adds nothing.
  client.on('error', () => {});
  await client.connect();
  let state = { eventsDone: job.eventsDone, summary: job.summary };
  let cursor = job.membersDone;
  let committing: Promise<unknown> = Promise.resolve();
  try {
    for (let from = 0; from < job.members.length; from += job.chunkMembers) {
      opts.signal?.throwIfAborted();
      const chunk = await buildChunk(job, from, Math.min(from + job.chunkMembers, job.members.length), state);
      state = chunk;
      await committing;
      const before = cursor;
      cursor = chunk.membersDone;
      committing = commitChunk(client, job, chunk, before).then(() =>
        opts.onChunk?.(chunk.membersDone, chunk.eventsDone),
      );
      // Awaited before the next commit; marked handled meanwhile so a failure is not reported as unhandled first.
      committing.catch(() => {});
    }
    await committing;
  } finally {
    await client.end().catch(() => {});
  }
  return state.summary;
}
