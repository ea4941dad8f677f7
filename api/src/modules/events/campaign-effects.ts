import type { RuleEvent } from '../../domain/rules/index.ts';
import type { Tx } from '../../infra/tenant-tx.ts';

/** What a campaign sees of an accrual: the stored event, the member and what the rules gave. */
export interface CampaignContext {
  tenantId: string;
  programId: string;
  memberId: string;
  eventId: string;
  event: RuleEvent;
  /** Points from the program's rules, after the tier multiplier and the program cap. */
  rulePoints: number;
}

/** Extra points a campaign grants for one event; credited as a `bonus` ledger entry naming the campaign. */
export interface BonusLine {
  campaignId: string;
  points: number;
  reason?: string;
}

/**
 * The seam through which active campaigns add to an accrual, inside its transaction. The campaigns feature
 * provides the implementation that reads the campaigns active for the member; the accrual path credits whatever
 * lines it returns.
 */
export interface CampaignEffects {
  campaignEffects(tx: Tx, ctx: CampaignContext): Promise<BonusLine[]>;
}

/** Until campaigns can be created, no campaign is ever active: accruals get no bonus lines. */
export const noActiveCampaigns: CampaignEffects = {
  campaignEffects: async () => [],
};
