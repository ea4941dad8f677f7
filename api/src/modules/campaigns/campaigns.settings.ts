import type { Campaign as CampaignRow } from '@loyaltystudio/prisma';
import { type CampaignType, type TimeWindow, type Variant, validateCampaign } from '../../domain/campaigns/index.ts';
import { InvalidRequestError } from '../../errors.ts';
import type { Tx } from '../../infra/tenant-tx.ts';
import { campaignsRepository as repo } from './campaigns.repository.ts';
import type { UpdateCampaign } from './campaigns.schemas.ts';

// A campaign's settings between the api and Postgres: read from a row, changed by an update, checked against the
// domain's rules and the tenant's objects, and written back. The service (campaigns.service.ts) runs them in its
// transactions.

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A campaign's settings as validation and storage see them, from a stored row with changes on top. */
export interface Settings {
  programId: string;
  type: CampaignType;
  config: Record<string, unknown>;
  segmentVersionId: string | null;
  startsAt: string;
  endsAt: string;
  windows: TimeWindow[];
  variants: Variant[];
  holdoutPercent: number;
  budgetPoints: number | null;
}

export function settingsOf(row: CampaignRow): Settings {
  return {
    programId: row.programId,
    type: row.type,
    config: row.config as Record<string, unknown>,
    segmentVersionId: row.audienceSegmentVersionId,
    startsAt: row.startsAt.toISOString(),
    endsAt: row.endsAt.toISOString(),
    windows: row.timeWindows as TimeWindow[],
    variants: row.variants as Variant[],
    holdoutPercent: row.holdoutPercent,
    budgetPoints: row.budgetPoints,
  };
}

export function withChanges(base: Settings, input: UpdateCampaign): Settings {
  return {
    ...base,
    type: input.type ?? base.type,
    config: input.config ?? base.config,
    segmentVersionId: input.audience?.segmentVersionId ?? base.segmentVersionId,
    startsAt: input.schedule?.startsAt ?? base.startsAt,
    endsAt: input.schedule?.endsAt ?? base.endsAt,
    windows: input.schedule ? (input.schedule.windows ?? []) : base.windows,
    variants: input.variants ?? base.variants,
    holdoutPercent: input.holdoutPercent ?? base.holdoutPercent,
    budgetPoints: input.budgetPoints !== undefined ? input.budgetPoints : base.budgetPoints,
  };
}

/**
 * Everything about the settings the schema cannot say, with the path of each problem: the domain's checks (config
 * of the type, arms adding up to 100, a window that ends after it starts), and references that must be the
 * tenant's: the program, the audience's segment version, a granted reward of the program.
 */
export async function check(tx: Tx, tenantId: string, s: Settings): Promise<void> {
  const errors = validateCampaign({
    type: s.type,
    config: s.config,
    schedule: { startsAt: s.startsAt, endsAt: s.endsAt, windows: s.windows },
    variants: s.variants,
    holdoutPercent: s.holdoutPercent,
  });
  const program = await repo.findProgram(tx, tenantId, s.programId);
  if (!program) errors.push({ path: 'body.programId', message: 'is not a program of the tenant' });
  if (s.segmentVersionId !== null && !(await repo.findSegmentVersion(tx, tenantId, s.segmentVersionId))) {
    errors.push({ path: 'body.audience.segmentVersionId', message: 'is not a segment version of the tenant' });
  }
  if (program && s.type === 'reward_grant') {
    const named = [
      { path: 'body.config.rewardId', id: s.config.rewardId },
      ...s.variants.map((v, i) => ({ path: `body.variants[${i}].config.rewardId`, id: v.config?.rewardId })),
    ];
    for (const { path, id } of named) {
      if (typeof id !== 'string' || !UUID.test(id)) continue; // absent, or already reported by the domain's checks
      if (!(await repo.findReward(tx, tenantId, program.id, id))) {
        errors.push({ path, message: 'is not a reward of the campaign’s program' });
      }
    }
  }
  if (errors.length) throw new InvalidRequestError(errors);
}

export const storage = (s: Settings) => ({
  type: s.type,
  config: s.config as object,
  audienceSegmentVersionId: s.segmentVersionId,
  startsAt: new Date(s.startsAt),
  endsAt: new Date(s.endsAt),
  timeWindows: s.windows as object[],
  variants: s.variants as object[],
  holdoutPercent: s.holdoutPercent,
  budgetPoints: s.budgetPoints,
});
