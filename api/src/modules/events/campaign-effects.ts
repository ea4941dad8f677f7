import type { Prisma } from '@loyaltystudio/prisma';
import type { Rounding, RuleEvent } from '../../domain/rules/index.ts';
import type { Tx } from '../../infra/tenant-tx.ts';

/** What a campaign sees of an accrual: the stored event, the member, the program and what the rules gave. */
export interface CampaignContext {
  tenantId: string;
  programId: string;
  memberId: string;
  eventId: string;
  event: RuleEvent;
  /** Points from the program's rules, after the tier multiplier and the program cap. */
  rulePoints: number;
  /** The member as the rules saw them (a campaign's conditions are the rules engine's). */
  member: {
    tierId: string | null;
    attributes: Readonly<Record<string, unknown>>;
    tags: readonly string[];
    /** ISO 8601. */
    enrolledAt: string;
  };
  /** Purchases before this event, counted when a campaign's conditions ask (first or nth purchase). */
  priorPurchaseCount: () => Promise<number>;
  /**
   * The member's seats as the accrual's first statement read them (`seatsQuery`); absent when it read none. An
   * empty list lets the step-by-step path skip reading them again.
   */
  knownSeats?: CampaignSeat[];
  program: { rounding: Rounding; earningCurrency: string; timeZone: string };
}

/** Extra points a campaign grants for one event; credited as a `bonus` ledger entry naming the campaign. */
export interface BonusLine {
  campaignId: string;
  points: number;
  reason?: string;
}

/** The member's seat in a running campaign, as the accrual's first statement read it. */
export interface CampaignSeat {
  campaignId: string;
  variant: string;
  awards: number;
  progressMinor: number;
  /** Changes whenever the campaign does: the key of its cached definition. */
  revision: string;
}

/**
 * Bonuses decided from the seats the first statement read, written by the accrual's one write statement. `guard`
 * is CTEs ending in one named `go` (a single boolean column `go`): whether the decision still holds when the
 * statement runs (the seats unchanged, the budget taken). When it does not, the statement writes nothing and the
 * accrual takes the step-by-step path, which decides again under its own reads.
 */
export interface CampaignPlan {
  bonuses: BonusLine[];
  guard: Prisma.Sql;
  /** CTEs of the campaign rows the bonuses move (seats), run only if `onlyIf`; null when there are none. */
  writes: ((onlyIf: Prisma.Sql) => Prisma.Sql) | null;
}

/** A bonus of an accrual written by a group's write statement (`groupBonuses`). */
export interface GroupBonus extends BonusLine {
  /** Whether the campaign has a budget: the group then takes the bonus from it (`groupBudget`). */
  budgeted: boolean;
}

/**
 * The seam through which active campaigns add to an accrual, inside its transaction. The campaigns module
 * provides the implementation (`campaigns.effects.ts`); the accrual path credits whatever lines it returns.
 * `campaignEffects` is the step-by-step path. The optional pair `seatsQuery` and `plan` is the hot path: the
 * member's seats ride in the accrual's first statement, and the bonuses in its write statement.
 */
export interface CampaignEffects {
  campaignEffects(tx: Tx, ctx: CampaignContext): Promise<BonusLine[]>;
  /**
   * The body of a CTE of the accrual's first statement listing the member's seats in running campaigns, as
   * CampaignSeat columns. It may read the CTEs `m` (the member: `id`) and `chosen` (the program: `id`), and must
   * filter by tenant itself (that statement runs before row-level security applies).
   */
  seatsQuery?(tenantId: string): Prisma.Sql;
  /** Bonuses for the seats `seatsQuery` read, or null to take the step-by-step path. */
  plan?(tx: Tx, ctx: CampaignContext, seats: CampaignSeat[]): Promise<CampaignPlan | null>;
  /**
   * The group path (`events/events.group.ts`): bonuses decided in memory from the seats `seatsQuery` read, for an
   * accrual written with others in one statement; null when it must run alone (a seat to write, a reward to grant,
   * a budget a group recently could not take from).
   */
  groupBonuses?(tx: Tx, ctx: CampaignContext, seats: CampaignSeat[]): Promise<GroupBonus[] | null>;
  /**
   * A group's budget take, in its write statement: CTEs that take each campaign's share of the group's bonuses
   * (`need`: a relation of `cid` uuid, `pts` int) from its budget, all or nothing per campaign, ending in one named
   * `bud_short` listing (`cid`) the campaigns whose share could not be taken (nothing was taken from those), and
   * `short`, told those campaigns once the statement ran (their accruals then run alone for a while).
   */
  groupBudget?: {
    ctes(tenantId: string, need: Prisma.Sql): Prisma.Sql;
    short(tenantId: string, campaignIds: string[]): void;
  };
}

/** No campaign is ever active: accruals get no bonus lines. */
export const noActiveCampaigns: CampaignEffects = {
  campaignEffects: async () => [],
};
