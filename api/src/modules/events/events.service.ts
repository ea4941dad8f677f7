import type { PrismaClient } from '@loyaltystudio/prisma';
import type { AuthContext } from '../../auth/context.ts';
import type { UnexpectedItemError } from '../../infra/batch.ts';
import { type CampaignEffects, noActiveCampaigns } from './campaign-effects.ts';
import { recordBatch } from './events.batch.ts';
import type { EventsContext } from './events.context.ts';
import { createAccrualGroups, type GroupCommitOptions } from './events.group.ts';
import { accrueAlone, recordEvent } from './events.record.ts';
import type { RecordEvent } from './events.schemas.ts';
import { createRuleCache, type RuleCache } from './rule-cache.ts';

export interface EventsDeps {
  prisma: PrismaClient;
  campaigns?: CampaignEffects;
  ruleCache?: RuleCache;
  /** Group commit of concurrent accruals (events.group.ts); false: each accrual in a transaction of its own. */
  groupCommit?: GroupCommitOptions | false;
}

/**
 * Events: one operation per file. `record` (events.record.ts) stores an event once per Idempotency-Key and either
 * accrues (events.accrue.ts) or refunds (events.refund.ts); `recordBatch` (events.batch.ts) records each event of a
 * batch on its own.
 */
export function createEventsService(deps: EventsDeps) {
  const events: EventsContext = {
    prisma: deps.prisma,
    campaigns: deps.campaigns ?? noActiveCampaigns,
    ruleCache: deps.ruleCache ?? createRuleCache(),
  };
  if (deps.groupCommit !== false) {
    events.groups = createAccrualGroups(
      events,
      (auth, input, key) => accrueAlone(events, auth, input, key),
      deps.groupCommit,
    );
  }
  return {
    record: (auth: AuthContext, input: RecordEvent, idempotencyKey: string) =>
      recordEvent(events, auth, input, idempotencyKey),
    recordBatch: (auth: AuthContext, items: unknown[], idempotencyKey: string, onUnexpected?: UnexpectedItemError) =>
      recordBatch(events, auth, items, idempotencyKey, onUnexpected),
  };
}

export type EventsService = ReturnType<typeof createEventsService>;
