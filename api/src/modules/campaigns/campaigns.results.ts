import type { ClickHouseClient } from '@clickhouse/client';
import type { PrismaClient } from '@loyaltystudio/prisma';
import { type CampaignArmRow, type ReadLimits, readCampaignResults } from '@loyaltystudio/warehouse';
import type { AuthContext } from '../../auth/context.ts';
import { type ArmFigures, analyseExperiment, type Effect } from '../../domain/experiments/index.ts';
import { AppError, NotFoundError } from '../../errors.ts';
import { withTenant } from '../../infra/tenant-tx.ts';
import { apiMartReader } from '../../infra/warehouse.ts';
import { campaignsRepository as repo } from './campaigns.repository.ts';
import type { CampaignResults } from './campaigns.results.schemas.ts';

// A campaign's results: its arms' sums from the `campaign_results` mart, run through the experiments module with the
// campaign's configured weights. The mart defines every figure; this only divides and compares.

const HOLDOUT = 'holdout';

export class CampaignResultsUnavailableError extends AppError {
  constructor(type: string, detail: string, extensions: Record<string, unknown>) {
    super(409, type, 'Conflict', detail, extensions);
  }
}

export interface CampaignResultsDeps {
  prisma: PrismaClient;
  clickhouse: ClickHouseClient;
  settings: ReadLimits;
}

interface Variant {
  key: string;
  percent: number;
}

/** Each arm's configured share: `percent × (100 − h)` per variant, `100 × h` for the holdout (docs/experiments.md). */
export function armWeights(variants: readonly Variant[], holdoutPercent: number): Map<string, number> {
  const weights = new Map(variants.map((v) => [v.key, v.percent * (100 - holdoutPercent)] as const));
  weights.set(HOLDOUT, 100 * holdoutPercent);
  return weights;
}

const ZERO_ROW = {
  members: 0,
  participants: 0,
  redeemers: 0,
  redemptions: 0,
  sumRevenue: 0,
  sumRevenueSquared: '0',
  sumRevenueTimesPre: '0',
  sumPre: 0,
  sumPreSquared: '0',
  sumPoints: 0,
  sumPointsSquared: '0',
  sumPointsTimesPre: '0',
  bonusPoints: 0,
  rewardPoints: 0,
};
type Sums = typeof ZERO_ROW;

const ratio = (part: number, whole: number) => (whole > 0 ? part / whole : null);

const money = (minor: number, currency: string) =>
  `${(Math.abs(minor) / 100).toLocaleString('en', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} ${currency}`;

/** What the always-valid interval of incremental revenue says, for a marketer. */
export function revenueSummary(arm: string, revenue: Effect, currency: string): string {
  const s = revenue.sequential;
  if (!s) return `Too few members in ${arm} or the holdout to tell yet.`;
  const range = `between ${s.lower < 0 ? '−' : ''}${money(s.lower, currency)} and ${s.upper < 0 ? '−' : ''}${money(
    s.upper,
    currency,
  )} per member`;
  if (s.excludesZero && s.estimate > 0) {
    return `Established: ${arm} brings more revenue than the holdout, ${range} (an interval safe to read at every look).`;
  }
  if (s.excludesZero) {
    return `Established: ${arm} brings less revenue than the holdout, ${range} (an interval safe to read at every look).`;
  }
  return `Not established: the difference in revenue per member is ${range} and could still be zero; keep the campaign running, or read it as no measurable effect.`;
}

function sampleRatioSummary(mismatch: boolean, pValue: number): string {
  return mismatch
    ? `The arms did not receive their configured shares (p = ${pValue.toPrecision(2)}): assignment or data lost members unevenly, so every other figure is suspect.`
    : 'The arms received their configured shares.';
}

export function createCampaignResultsService({ prisma, clickhouse, settings }: CampaignResultsDeps) {
  const reader = apiMartReader(clickhouse, settings);

  return {
    async results(auth: AuthContext, campaignId: string): Promise<CampaignResults> {
      const found = await withTenant(prisma, auth.tenantId, async (tx) => {
        const row = await repo.find(tx, auth.tenantId, campaignId);
        if (!row) return undefined;
        const program = await tx.program.findFirst({
          where: { tenantId: auth.tenantId, id: row.programId },
          select: { earningCurrency: true, moneyValuePer1000Points: true },
        });
        return { row, program };
      });
      if (!found) throw new NotFoundError(`Campaign ${campaignId}`);
      const { row, program } = found;
      const context = { campaignStatus: row.status };
      if (row.startedAt === null) {
        throw new CampaignResultsUnavailableError(
          'campaign-not-started',
          `Campaign ${campaignId} is ${row.status} and has no audience yet: results begin when it starts.`,
          context,
        );
      }
      if (row.holdoutPercent === 0) {
        throw new CampaignResultsUnavailableError(
          'campaign-without-holdout',
          `Campaign ${campaignId} holds no one out, so there is nothing to compare its arms with.`,
          context,
        );
      }

      const rows = await readCampaignResults(reader, { tenantId: auth.tenantId, campaignId });
      const first = rows[0];
      if (!first) {
        throw new CampaignResultsUnavailableError(
          'campaign-results-not-built',
          `Campaign ${campaignId} started after the marts were last built: its results appear after the next build.`,
          context,
        );
      }
      const byArm = new Map(rows.map((r) => [r.arm, r] as const));
      // The audience was seated once, at the start, so the mart's members are the planned size, fixed before any look.
      const plannedMembers = rows.reduce((sum, r) => sum + r.members, 0);
      const weights = armWeights(row.variants as unknown as Variant[], row.holdoutPercent);
      const sumsOf = (arm: string): Sums => byArm.get(arm) ?? ZERO_ROW;
      const currency = program?.earningCurrency ?? '';
      const pointValueMinor =
        program && program.moneyValuePer1000Points > 0 ? program.moneyValuePer1000Points / 1000 : undefined;

      const analysis = analyseExperiment({
        arms: [...weights].map(([arm, weight]) => {
          const s = sumsOf(arm);
          return {
            arm,
            weight,
            sums: {
              n: s.members,
              sumPre: s.sumPre,
              sumPreSquared: s.sumPreSquared,
              sumRevenue: s.sumRevenue,
              sumRevenueSquared: s.sumRevenueSquared,
              sumRevenueTimesPre: s.sumRevenueTimesPre,
              sumPoints: s.sumPoints,
              sumPointsSquared: s.sumPointsSquared,
              sumPointsTimesPre: s.sumPointsTimesPre,
            },
          };
        }),
        holdout: HOLDOUT,
        plannedMembers,
        pointValueMinor,
      });

      const described = (figures: ArmFigures) => {
        const s = sumsOf(figures.arm);
        return {
          arm: figures.arm,
          weight: weights.get(figures.arm)!,
          members: figures.members,
          participants: s.participants,
          participation: ratio(s.participants, s.members),
          revenuePerMember: figures.revenuePerMember,
          preRevenuePerMember: figures.preRevenuePerMember,
          pointsCostPerMember: figures.pointsCostPerMember,
          redemptions: s.redemptions,
          redeemers: s.redeemers,
          redemptionRate: ratio(s.redeemers, s.members),
          bonusPoints: s.bonusPoints,
          rewardPoints: s.rewardPoints,
        };
      };

      const { sampleRatio } = analysis;
      return {
        campaignId,
        status: row.status,
        currency,
        asOf: first.builtAt,
        asOfDate: first.asOfDate,
        window: {
          startsAt: first.startsAt,
          endsAt: first.endsAt,
          measuredUntil: first.windowEnd,
          preStartsAt: first.preStartsAt,
        },
        plannedMembers,
        confidence: analysis.confidence,
        pointValueMinor: pointValueMinor ?? null,
        holdout: described(analysis.holdout),
        outsideAudience: {
          members: first.outsideAudienceMembers,
          bonusPoints: first.outsideAudienceBonusPoints,
          rewardPoints: first.outsideAudienceRewardPoints,
        },
        comparisons: analysis.comparisons.map((c) => ({
          ...described(c),
          incrementalRevenue: c.incrementalRevenue,
          incrementalPointsCost: c.incrementalPointsCost,
          revenuePerPoint: c.revenuePerPoint,
          returnOnPointsSpent: c.returnOnPointsSpent,
          established: c.incrementalRevenue.sequential?.excludesZero ?? false,
          summary: revenueSummary(c.arm, c.incrementalRevenue, currency),
        })),
        sampleRatio: {
          chiSquared: sampleRatio.chiSquared,
          degreesOfFreedom: sampleRatio.degreesOfFreedom,
          pValue: sampleRatio.pValue,
          threshold: sampleRatio.threshold,
          mismatch: sampleRatio.mismatch,
          arms: sampleRatio.arms,
          summary: sampleRatioSummary(sampleRatio.mismatch, sampleRatio.pValue),
        },
      };
    },
  };
}

export type CampaignResultsService = ReturnType<typeof createCampaignResultsService>;
export type { CampaignArmRow };
