import type { Tx } from '../../infra/tenant-tx.ts';
import type { CreditLine } from '../ledger/ledger.core.ts';
import { type GroupBonus, noActiveCampaigns } from './campaign-effects.ts';
import type { PreparedAccrual } from './events.accrue.ts';
import type { EventsContext } from './events.context.ts';
import type { GroupWrite } from './events.group.repository.ts';
import type { AccrualContext } from './events.repository.ts';
import type { EventResult } from './events.schemas.ts';

/** An accrual as its group writes it: the row of the write statement and its answer. */
export interface GroupMember {
  write: GroupWrite;
  body: EventResult;
}

/**
 * What a prepared accrual writes in its group's one write statement, decided by what was read: the rules' credit
 * and the campaigns' bonuses (`groupBonuses`, from the seats the first statement read), the balance after being the
 * locked one plus their total. Null when its writes are more than the group statement takes: a tier to re-evaluate,
 * a seat to write, a reward to grant, a campaign (in `skip`) whose budget a group could not take the bonuses from.
 * Those run alone, each in a transaction of its own.
 */
export async function groupMember(
  { campaigns }: EventsContext,
  tx: Tx,
  a: PreparedAccrual,
  ctx: AccrualContext,
  key: string,
  skip: ReadonlySet<string>,
): Promise<GroupMember | null> {
  if (a.program.hasTiers || a.balance.tierId !== null) return null;
  let bonuses: GroupBonus[] = [];
  // Campaigns to consult: the seats read with the balance, or, for an implementation without seatsQuery, any.
  if (campaigns.seatsQuery ? ctx.seats.length > 0 : campaigns !== noActiveCampaigns) {
    if (!campaigns.seatsQuery || !campaigns.groupBonuses) return null;
    const found = await campaigns.groupBonuses(tx, a.campaignCtx, ctx.seats);
    if (!found) return null;
    if (found.some((b) => b.budgeted && (skip.has(b.campaignId) || !campaigns.groupBudget))) return null;
    bonuses = found;
  }
  const lines: CreditLine[] = [
    ...(a.ruleCredit
      ? [{ kind: 'accrual' as const, points: a.ruleCredit.points, ruleVersionIds: a.ruleCredit.ruleVersionIds }]
      : []),
    ...bonuses.map((b) => ({ kind: 'bonus' as const, points: b.points, campaignId: b.campaignId, reason: b.reason })),
  ];
  const points = lines.reduce((sum, l) => sum + l.points, 0);
  const body = a.result(
    { ...a.balance, available: a.balance.available + points, lifetimeEarned: a.balance.lifetimeEarned + points },
    bonuses,
  );
  const e = a.newEvent;
  return {
    body,
    write: {
      ...e,
      eventId: e.id,
      points,
      lines,
      budgeted: bonuses.filter((b) => b.budgeted).map((b) => ({ campaignId: b.campaignId, points: b.points })),
      earnedAt: a.earnedAt,
      expiresAt: a.expiresAt ?? null,
      outbox: a.earned(body).payload,
      key,
      response: body,
    },
  };
}

/** Thrown by a group whose budget take came up short: the group's transaction rolls back and runs again without them. */
export class GroupBudgetShort extends Error {
  constructor(readonly campaignIds: string[]) {
    super(`a group's bonuses of campaign(s) ${campaignIds.join(', ')} exceed what one budget slice holds`);
  }
}
