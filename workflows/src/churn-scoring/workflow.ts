import { ApplicationFailure, patched, proxyActivities, uuid4, workflowInfo } from '@temporalio/workflow';
import type { ChurnScoringInput, ChurnScoringResult, TenantScoring } from '../contracts.ts';
import type { ChurnScoringActivities } from './activities.ts';
import type { PublishActivities } from './publish.ts';

const { listScoringTenants } = proxyActivities<ChurnScoringActivities>({
  startToCloseTimeout: '1 minute',
  retry: { maximumAttempts: 3, initialInterval: '10 seconds' },
});

// A million members take under a minute; an hour means something is stuck. The activity heartbeats after every page
// (seconds apart even on a busy machine), so a lost worker is noticed within 30 s and the next attempt, 10 s later,
// resumes after the last page written. A model whose spec does not fit the mart, or a tenant without features, is
// not tried again.
const { scoreTenant } = proxyActivities<ChurnScoringActivities>({
  startToCloseTimeout: '1 hour',
  heartbeatTimeout: '30 seconds',
  retry: {
    maximumAttempts: 3,
    initialInterval: '10 seconds',
    nonRetryableErrorTypes: ['FeatureSpecMismatch', 'NoFeatures'],
  },
});

// One Postgres transaction per run: a lost worker rolls it back whole, so the retry starts over.
const { publishScores } = proxyActivities<PublishActivities>({
  startToCloseTimeout: '30 minutes',
  heartbeatTimeout: '60 seconds',
  retry: { maximumAttempts: 3, initialInterval: '10 seconds', nonRetryableErrorTypes: ['RunNotCompleted'] },
});

/**
 * Scores every tenant with member features (or the tenants asked for), one after the other, each in a run of its own.
 * A tenant that fails keeps its previous scores and does not stop the others; the workflow fails at the end, naming
 * each tenant that failed, so Temporal shows it.
 */
export async function churnScoring(input: ChurnScoringInput = {}): Promise<ChurnScoringResult> {
  const { workflowId } = workflowInfo();
  const tenantIds = input.tenantIds ?? (await listScoringTenants());
  const tenants: TenantScoring[] = [];
  const failed: { tenantId: string; error: string }[] = [];
  for (const tenantId of tenantIds) {
    try {
      const run = await scoreTenant({ tenantId, runId: uuid4(), workflowId });
      // Runs started before scores went to Postgres replay without this step.
      if (patched('publish-scores-to-postgres')) {
        const publication = await publishScores({ tenantId, runId: run.runId });
        run.publishedMembers = publication.published ? publication.members : null;
      }
      tenants.push(run);
    } catch (err) {
      const cause = (err as { cause?: Error }).cause ?? (err as Error);
      failed.push({ tenantId, error: cause.message });
    }
  }
  if (failed.length) {
    throw ApplicationFailure.nonRetryable(
      `scoring failed for ${failed.length} of ${tenantIds.length} tenant(s): ${failed.map((f) => `${f.tenantId}: ${f.error}`).join('; ')}`,
      'ChurnScoringFailed',
      { tenants, failed },
    );
  }
  return { workflowId, tenants };
}
