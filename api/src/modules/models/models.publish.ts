import type { PrismaClient } from '@loyaltystudio/prisma';
import { withTenant } from '../../infra/tenant-tx.ts';
import { type RunRecord, modelsRepository as repo, type ScoreColumns } from './models.repository.ts';

export type { RunRecord, ScoreColumns };

export interface Publication {
  /** False when a run scored later was published already: this one is older and changes nothing. */
  published: boolean;
  members: number;
  /** Members that held scores of an earlier run and are not in this one (they lose them). */
  removed: number;
}

/**
 * Makes a completed scoring run's scores the tenant's current ones in Postgres, in one transaction: every batch
 * upserted under the run's id, the members the run did not score cleared, and the run recorded. A publication that
 * fails anywhere rolls back whole, so Postgres keeps the previous run's scores; publishing the same run again
 * writes the same rows. Row-level security binds the tenant throughout.
 */
export async function publishMemberScores(
  prisma: PrismaClient,
  run: RunRecord,
  batches: AsyncIterable<ScoreColumns>,
  opts: { timeoutMs?: number } = {},
): Promise<Publication> {
  return withTenant(
    prisma,
    run.tenantId,
    async (tx) => {
      await repo.lockTenant(tx, run.tenantId);
      const latest = await repo.latestScoredAt(tx, run.tenantId);
      if (latest && latest.getTime() > run.scoredAt.getTime()) return { published: false, members: 0, removed: 0 };
      let members = 0;
      for await (const batch of batches) {
        if (batch.memberIds.length === 0) continue;
        await repo.upsertScores(tx, run.tenantId, run.runId, batch);
        members += batch.memberIds.length;
      }
      const removed = await repo.deleteOtherRuns(tx, run.tenantId, run.runId);
      await repo.recordRun(tx, run);
      return { published: true, members, removed };
    },
    // A million members take a while; the previous scores stay readable until the commit.
    { timeoutMs: opts.timeoutMs ?? 30 * 60_000 },
  );
}
