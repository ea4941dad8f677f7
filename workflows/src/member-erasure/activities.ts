import { erasureState, recordWarehouseErasure, removeExportFilesOfMember } from '@loyaltystudio/api/housekeeping';
import type { PrismaClient } from '@loyaltystudio/prisma';
import {
  type createClickHouseClient,
  ErasureNotStreamedError,
  eraseMemberHistory,
  eraseMemberMarts,
} from '@loyaltystudio/warehouse';
import { ApplicationFailure, Context } from '@temporalio/activity';
import { type MemberErasureInput, workflowTypes } from '../contracts.ts';

type ClickHouseClient = ReturnType<typeof createClickHouseClient>;

export interface MemberErasureDeps {
  /** The owner connection: the member is read and recorded as its tenant; the slot is read across tenants. */
  prisma: PrismaClient;
  /** ClickHouse as Monet's read/write user, which may run mutations on `raw` and `marts`. */
  clickhouse: ClickHouseClient;
  /** The change stream's replication slot (CDC_SLOT), whose confirmed position says what ClickHouse holds. */
  cdcSlot: string;
  /** Where the api writes export files (EXPORTS_DIR). */
  exportsDir: string;
  /** How often a wait looks again, in ms. */
  pollMs?: number;
  /** How long one attempt of a wait lasts before it fails and is retried (its reason shows in Temporal), in ms. */
  waitMs?: number;
  now?: () => Date;
}

/** The member is not erased in Postgres (or does not exist): nothing of theirs may be deleted. */
export const MEMBER_NOT_ERASED = 'MemberNotErased';
/** A wait that did not end within one attempt; the workflow tries again. */
export const STILL_WAITING = 'StillWaiting';

export function createActivities({
  prisma,
  clickhouse,
  cdcSlot,
  exportsDir,
  pollMs = 500,
  waitMs = 10 * 60_000,
  now = () => new Date(),
}: MemberErasureDeps) {
  /** Polls `check` until it answers something, heartbeating, for at most one attempt's `waitMs`. */
  async function waitUntil<T>(what: string, check: () => Promise<T | undefined>): Promise<T> {
    const context = Context.current();
    const deadline = performance.now() + waitMs;
    for (;;) {
      const done = await check();
      if (done !== undefined) return done;
      if (performance.now() > deadline) throw ApplicationFailure.retryable(`still waiting: ${what}`, STILL_WAITING);
      context.heartbeat(what);
      await context.sleep(pollMs);
    }
  }

  return {
    /**
     * Checks that the member is erased in Postgres and answers Postgres's current WAL position: the erasure
     * committed before it, so once the change stream has confirmed this position, ClickHouse holds the erased rows.
     */
    async checkErased({ tenantId, memberId }: MemberErasureInput): Promise<{ position: string }> {
      const state = await erasureState(prisma, { tenantId, memberId });
      if (state?.status !== 'erased') {
        throw ApplicationFailure.nonRetryable(
          `member ${memberId} of tenant ${tenantId} is ${state ? 'not erased' : 'not found'}: nothing is deleted`,
          MEMBER_NOT_ERASED,
        );
      }
      const [row] = await prisma.$queryRaw<{ position: string }[]>`SELECT pg_current_wal_lsn()::text AS position`;
      return { position: row!.position };
    },

    /**
     * Waits until the change stream's slot has confirmed `position`: the stream confirms a commit only once
     * ClickHouse acknowledged every row up to it. Answers when that was seen (ISO 8601).
     */
    async awaitChangeStream({ position }: { position: string }): Promise<{ caughtUpAt: string }> {
      return waitUntil(`the change stream (slot ${cdcSlot}) to confirm ${position}`, async () => {
        const [slot] = await prisma.$queryRaw<{ caughtUp: boolean | null }[]>`
          SELECT confirmed_flush_lsn >= ${position}::pg_lsn AS "caughtUp"
            FROM pg_replication_slots WHERE slot_name = ${cdcSlot}`;
        return slot?.caughtUp ? { caughtUpAt: now().toISOString() } : undefined;
      });
    },

    /** Deletes every version of the member's rows written before the erasure from the raw tables. */
    async eraseRawHistory(ref: MemberErasureInput): Promise<Record<string, number>> {
      try {
        return await eraseMemberHistory(clickhouse, ref, { onPoll: () => Context.current().heartbeat() });
      } catch (err) {
        if (err instanceof ErasureNotStreamedError) throw ApplicationFailure.retryable(err.message, err.name);
        throw err;
      }
    },

    /**
     * Waits for the dbt builds that started before the change stream caught up: they may have read the member
     * before the erasure and would write the old values back into the marts. Builds started later read the erased
     * rows. Answers how many builds it waited for.
     */
    async awaitMartBuilds({ startedBefore }: { startedBefore: string }): Promise<{ builds: number }> {
      const { client } = Context.current();
      const running = client.workflow.list({
        query: `WorkflowType = '${workflowTypes.dbtBuild}' AND ExecutionStatus = 'Running'`,
      });
      let builds = 0;
      for await (const build of running) {
        if (build.startTime.getTime() >= new Date(startedBefore).getTime()) continue;
        builds += 1;
        const done = client.workflow.getHandle(build.workflowId, build.runId).result();
        await waitUntil(`dbt build ${build.workflowId} to finish`, () =>
          Promise.race([
            done.then(
              () => true,
              () => true,
            ),
            new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), pollMs)),
          ]),
        );
      }
      return { builds };
    },

    /** Overwrites the member's personal columns in the marts; answers the rows changed and when. */
    async eraseMartRows(ref: MemberErasureInput): Promise<{ rows: Record<string, number>; erasedAt: string }> {
      const rows = await eraseMemberMarts(clickhouse, ref, { onPoll: () => Context.current().heartbeat() });
      return { rows, erasedAt: now().toISOString() };
    },

    /** Deletes the export files created before `createdBefore` that may hold the member's personal data. */
    async removeExportFiles({
      tenantId,
      memberId,
      createdBefore,
    }: MemberErasureInput & { createdBefore: string }): Promise<{ removed: number }> {
      const result = await removeExportFilesOfMember(prisma, {
        dir: exportsDir,
        tenantId,
        memberId,
        createdBefore: new Date(createdBefore),
        now: now(),
      });
      if (result.writing > 0) {
        throw ApplicationFailure.retryable(
          `${result.writing} export(s) that may hold the member are still being written; their files go once done`,
          STILL_WAITING,
        );
      }
      return { removed: result.removed };
    },

    /** Records on the member when the erasure reached the warehouse (the first time, if recorded already). */
    async recordWarehouseErasure({ tenantId, memberId }: MemberErasureInput): Promise<{ warehouseErasedAt: string }> {
      const at = await recordWarehouseErasure(prisma, { tenantId, memberId, at: now() });
      if (!at) {
        throw ApplicationFailure.nonRetryable(
          `member ${memberId} of tenant ${tenantId} is not erased`,
          MEMBER_NOT_ERASED,
        );
      }
      return { warehouseErasedAt: at.toISOString() };
    },
  };
}

export type MemberErasureActivities = ReturnType<typeof createActivities>;
