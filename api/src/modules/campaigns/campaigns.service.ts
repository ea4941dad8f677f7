import type { Campaign as CampaignRow, PrismaClient } from '@loyaltystudio/prisma';
import { workflowIds } from '@loyaltystudio/workflow-contracts';
import type { AuthContext } from '../../auth/context.ts';
import type { TimeWindow, Variant } from '../../domain/campaigns/index.ts';
import { AppError, NotFoundError, UnprocessableError } from '../../errors.ts';
import { audit } from '../../infra/audit.ts';
import { decodeCursor, page } from '../../infra/pagination.ts';
import { type Tx, withTenant } from '../../infra/tenant-tx.ts';
import { campaignsRepository as repo } from './campaigns.repository.ts';
import type { Campaign, CampaignStatus, CreateCampaign, UpdateCampaign } from './campaigns.schemas.ts';
import { check, type Settings, settingsOf, storage, withChanges } from './campaigns.settings.ts';
import type { CampaignWorkflows } from './campaigns.workflows.ts';

/** One arm, `treatment`, when a campaign names none. */
export const DEFAULT_VARIANTS: Variant[] = [{ key: 'treatment', name: 'Treatment', percent: 100 }];

/** Fields a running or paused campaign still takes; the rest were fixed when its members were assigned. */
const LIVE_FIELDS = new Set(['name', 'description', 'budgetPoints']);

class CampaignStateError extends AppError {
  constructor(type: string, detail: string, extensions: Record<string, unknown>) {
    super(409, type, 'Conflict', detail, extensions);
  }
}

export function toCampaign(row: CampaignRow, spent?: number): Campaign {
  const spentPoints = spent ?? row.pointsSpent;
  return {
    id: row.id,
    programId: row.programId,
    name: row.name,
    description: row.description,
    type: row.type,
    config: row.config as Record<string, unknown>,
    audience: { segmentVersionId: row.audienceSegmentVersionId },
    schedule: {
      startsAt: row.startsAt.toISOString(),
      endsAt: row.endsAt.toISOString(),
      windows: row.timeWindows as TimeWindow[],
    },
    budget: {
      points: row.budgetPoints,
      spentPoints,
      remainingPoints: row.budgetPoints === null ? null : Math.max(0, row.budgetPoints - spentPoints),
    },
    variants: row.variants as Variant[],
    holdoutPercent: row.holdoutPercent,
    status: row.status,
    stopReason: row.stopReason as Campaign['stopReason'],
    workflowId: workflowIds.campaign(row.tenantId, row.id),
    startedAt: row.startedAt?.toISOString() ?? null,
    completedAt: row.completedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** The window and budget a launch hands its workflow. */
const scheduleOf = (row: CampaignRow) => ({
  startsAt: row.startsAt.toISOString(),
  endsAt: row.endsAt.toISOString(),
  budgetPoints: row.budgetPoints,
});

export interface CampaignsDeps {
  prisma: PrismaClient;
  workflows: CampaignWorkflows;
  now?: () => Date;
}

/**
 * Campaigns: drafts edited freely, then a lifecycle run by one Temporal workflow per campaign. Every change is
 * recorded in Postgres and audited in one transaction, and the workflow is started or signalled inside it: when
 * Temporal does not answer, the change is refused (503) and nothing is recorded.
 */
export function createCampaignsService({ prisma, workflows, now = () => new Date() }: CampaignsDeps) {
  async function locked(tx: Tx, tenantId: string, id: string): Promise<CampaignRow> {
    const row = await repo.lock(tx, tenantId, id);
    if (!row) throw new NotFoundError(`Campaign ${id}`);
    return row;
  }

  /** The campaign as the api shows it; what its budget slices spent, once it has started (they are cut then). */
  async function present(tx: Tx, row: CampaignRow): Promise<Campaign> {
    if (row.status === 'draft' || row.status === 'scheduled') return toCampaign(row);
    const spent = (await repo.spentByCampaign(tx, row.tenantId, [row.id])).get(row.id);
    return toCampaign(row, spent);
  }

  const refused = (row: CampaignRow, action: string) =>
    new CampaignStateError(
      row.status === 'completed' || row.status === 'cancelled' ? 'campaign-ended' : 'campaign-status',
      `Campaign ${row.id} is ${row.status}; it cannot be ${action}.`,
      { campaignStatus: row.status },
    );

  /** A lifecycle change: the transition and its audit in one transaction, with the workflow's signal inside it. */
  async function lifecycle(
    auth: AuthContext,
    id: string,
    change: (tx: Tx, row: CampaignRow) => Promise<CampaignRow | null>,
  ): Promise<Campaign> {
    return withTenant(prisma, auth.tenantId, async (tx) => {
      const row = await locked(tx, auth.tenantId, id);
      return present(tx, (await change(tx, row)) ?? row);
    });
  }

  return {
    async create(auth: AuthContext, input: CreateCampaign): Promise<Campaign> {
      return withTenant(prisma, auth.tenantId, async (tx) => {
        const settings: Settings = {
          programId: input.programId,
          type: input.type,
          config: input.config,
          segmentVersionId: input.audience.segmentVersionId,
          startsAt: input.schedule.startsAt,
          endsAt: input.schedule.endsAt,
          windows: input.schedule.windows ?? [],
          variants: input.variants ?? DEFAULT_VARIANTS,
          holdoutPercent: input.holdoutPercent ?? 0,
          budgetPoints: input.budgetPoints ?? null,
        };
        await check(tx, auth.tenantId, settings);
        const row = await repo.create(tx, {
          tenantId: auth.tenantId,
          programId: settings.programId,
          name: input.name,
          description: input.description ?? null,
          ...storage(settings),
        });
        await audit(tx, auth, { action: 'campaign.create', entityType: 'campaign', entityId: row.id, after: row });
        return toCampaign(row);
      });
    },

    async get(auth: AuthContext, id: string): Promise<Campaign> {
      return withTenant(prisma, auth.tenantId, async (tx) => {
        const row = await repo.find(tx, auth.tenantId, id);
        if (!row) throw new NotFoundError(`Campaign ${id}`);
        return present(tx, row);
      });
    },

    /** Newest first, optionally of one status. */
    async list(auth: AuthContext, query: { limit?: number; cursor?: string; status?: CampaignStatus }) {
      const limit = query.limit ?? 50;
      const before = decodeCursor<{ createdAt: string; id: string }>(query.cursor, {
        createdAt: 'string',
        id: 'string',
      });
      return withTenant(prisma, auth.tenantId, async (tx) => {
        const rows = await repo.list(tx, auth.tenantId, query.status, limit + 1, before);
        const result = page(rows, limit, (r) => ({ createdAt: r.createdAt.toISOString(), id: r.id }));
        const spent = await repo.spentByCampaign(
          tx,
          auth.tenantId,
          result.items.map((r) => r.id),
        );
        return { items: result.items.map((r) => toCampaign(r, spent.get(r.id))), nextCursor: result.nextCursor };
      });
    },

    /**
     * Drafts and scheduled campaigns take any change (a scheduled one's workflow reads its schedule again). A
     * running or paused campaign takes a name, a description and a larger budget only; anything else is refused
     * with the reason: its members were assigned their arms from its audience when it started.
     */
    async update(auth: AuthContext, id: string, input: UpdateCampaign): Promise<Campaign> {
      return withTenant(prisma, auth.tenantId, async (tx) => {
        const before = await locked(tx, auth.tenantId, id);
        if (before.status === 'completed' || before.status === 'cancelled') throw refused(before, 'changed');
        const live = before.status === 'running' || before.status === 'paused';
        if (live) {
          const fixed = Object.keys(input).filter((field) => !LIVE_FIELDS.has(field));
          if (fixed.length > 0) {
            throw new CampaignStateError(
              'campaign-running',
              `Campaign ${id} is ${before.status}: its ${fixed.join(', ')} cannot change, because its audience was ` +
                'assigned to its arms when it started (members keep the arm the assignment hash gave them). Change ' +
                'its name, description or budget, or cancel it and launch a new campaign.',
              {
                campaignStatus: before.status,
                errors: fixed.map((field) => ({ path: `body.${field}`, message: 'is fixed' })),
              },
            );
          }
          if (input.budgetPoints !== undefined) {
            const increase = (input.budgetPoints ?? 0) - (before.budgetPoints ?? 0);
            if (before.budgetPoints === null || input.budgetPoints === null || increase < 0) {
              throw new CampaignStateError(
                'campaign-running',
                `The budget of a ${before.status} campaign may only grow${
                  before.budgetPoints === null ? ', and this one has none' : ` from ${before.budgetPoints} points`
                }.`,
                { campaignStatus: before.status, errors: [{ path: 'body.budgetPoints', message: 'may only grow' }] },
              );
            }
            if (increase > 0) await repo.growSlices(tx, auth.tenantId, id, increase);
          }
        }
        const settings = withChanges(settingsOf(before), input);
        if (!live) await check(tx, auth.tenantId, settings);
        const after = await repo.update(tx, auth.tenantId, id, {
          ...(input.name !== undefined && { name: input.name }),
          ...(input.description !== undefined && { description: input.description }),
          ...(live ? { budgetPoints: settings.budgetPoints } : storage(settings)),
        });
        await audit(tx, auth, { action: 'campaign.update', entityType: 'campaign', entityId: id, before, after });
        // The workflow of a scheduled campaign waits for the start it was given: it gets the new schedule (and checks
        // it against Postgres when it starts, in case this transaction did not commit).
        if (before.status === 'scheduled' && input.schedule) {
          await workflows.signal(auth.tenantId, id, 'reschedule', scheduleOf(after));
        }
        return present(tx, after);
      });
    },

    /** Draft → scheduled, and its workflow started. Launching a scheduled campaign again only makes sure it runs. */
    async launch(auth: AuthContext, id: string): Promise<Campaign> {
      return lifecycle(auth, id, async (tx, row) => {
        if (row.status === 'scheduled') {
          await workflows.start(auth.tenantId, id, scheduleOf(row));
          return null;
        }
        if (row.status !== 'draft') throw refused(row, 'launched');
        if (row.endsAt <= now()) {
          throw new UnprocessableError(
            'campaign-window-over',
            `Campaign ${id} ended at ${row.endsAt.toISOString()}; move its schedule before launching it.`,
            { endsAt: row.endsAt.toISOString() },
          );
        }
        if (row.audienceSegmentVersionId === null) {
          throw new UnprocessableError('campaign-audience-missing', `Campaign ${id} has no audience to launch to.`);
        }
        const facts = await repo.launchFacts(tx, auth.tenantId, row.programId, row.audienceSegmentVersionId);
        if (facts.programStatus !== 'active') {
          throw new UnprocessableError('program-archived', `The program of campaign ${id} is archived.`);
        }
        const after = await repo.update(tx, auth.tenantId, id, { status: 'scheduled' });
        await audit(tx, auth, {
          action: 'campaign.launch',
          entityType: 'campaign',
          entityId: id,
          before: { status: row.status },
          after: { status: after.status, workflowId: workflowIds.campaign(auth.tenantId, id) },
        });
        // The audience's size lets the workflow seat a small one in its first task (a local activity).
        await workflows.start(auth.tenantId, id, scheduleOf(after), facts.audienceMembers ?? undefined);
        return after;
      });
    },

    /** Running → paused: accruals stop crediting it at once. Pausing a paused campaign answers it as it is. */
    async pause(auth: AuthContext, id: string): Promise<Campaign> {
      return lifecycle(auth, id, async (tx, row) => {
        if (row.status === 'paused') return null;
        if (row.status !== 'running') throw refused(row, 'paused');
        const after = await repo.update(tx, auth.tenantId, id, { status: 'paused' });
        await audit(tx, auth, {
          action: 'campaign.pause',
          entityType: 'campaign',
          entityId: id,
          before: { status: row.status },
          after: { status: after.status },
        });
        await workflows.signal(auth.tenantId, id, 'pause');
        return after;
      });
    },

    /** Paused → running. Resuming a running campaign answers it as it is. */
    async resume(auth: AuthContext, id: string): Promise<Campaign> {
      return lifecycle(auth, id, async (tx, row) => {
        if (row.status === 'running') return null;
        if (row.status !== 'paused') throw refused(row, 'resumed');
        const after = await repo.update(tx, auth.tenantId, id, { status: 'running' });
        await audit(tx, auth, {
          action: 'campaign.resume',
          entityType: 'campaign',
          entityId: id,
          before: { status: row.status },
          after: { status: after.status },
        });
        await workflows.signal(auth.tenantId, id, 'resume');
        return after;
      });
    },

    /**
     * Stops the campaign for good, from any status but completed: accruals stop crediting it at once and its
     * workflow ends. Cancelling a cancelled campaign answers it as it is.
     */
    async cancel(auth: AuthContext, id: string): Promise<Campaign> {
      return lifecycle(auth, id, async (tx, row) => {
        if (row.status === 'cancelled') return null;
        if (row.status === 'completed') throw refused(row, 'cancelled');
        const after = await repo.update(tx, auth.tenantId, id, {
          status: 'cancelled',
          stopReason: 'cancelled',
          completedAt: now(),
        });
        await audit(tx, auth, {
          action: 'campaign.cancel',
          entityType: 'campaign',
          entityId: id,
          before: { status: row.status },
          after: { status: after.status, stopReason: after.stopReason },
        });
        if (row.status !== 'draft') await workflows.signal(auth.tenantId, id, 'cancel');
        return after;
      });
    },
  };
}

export type CampaignsService = ReturnType<typeof createCampaignsService>;
