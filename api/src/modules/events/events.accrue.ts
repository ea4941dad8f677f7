import { randomUUID } from 'node:crypto';
import type { AuthContext } from '../../auth/context.ts';
import { evaluate, periodStart, type RuleEvent } from '../../domain/rules/index.ts';
import { UnprocessableError } from '../../errors.ts';
import { saveResponse } from '../../infra/idempotency.ts';
import type { Tx } from '../../infra/tenant-tx.ts';
import { expiresAtFor } from '../ledger/expiry-date.ts';
import { type BalanceRow, type CreditInput, credit, lockBalance } from '../ledger/ledger.core.ts';
import { reevaluateTier, tierMultiplierPct } from '../tiers/tiers.core.ts';
import { emit } from '../webhooks/outbox.ts';
import { type BonusLine, type CampaignContext, type CampaignPlan, noActiveCampaigns } from './campaign-effects.ts';
import { duplicateEvent, type EventsContext, insertEvent, memberOf, programOf } from './events.context.ts';
import { type AccrualContext, type NewEvent, eventsRepository as repo } from './events.repository.ts';
import type { EventResult, RecordEvent } from './events.schemas.ts';

/**
 * What an accrual decides before it writes: the program, the member (enrolled if unknown), the locked balance, the
 * rules' evaluation, the event row, the rules' credit and the response, as functions of the balance after.
 */
export async function prepareAccrual(
  { campaigns, ruleCache }: EventsContext,
  tx: Tx,
  auth: AuthContext,
  input: RecordEvent,
  ctx: AccrualContext,
  idempotencyKey: string,
) {
  const tenantId = auth.tenantId;
  const program = programOf(ctx.programs, input.programId);
  const { member, enrolled } = ctx.member
    ? { member: ctx.member, enrolled: false }
    : await memberOf(tx, tenantId, input);
  if (member.status === 'erased') {
    throw new UnprocessableError('member-erased', `Member ${member.id} was erased and earns no points.`);
  }
  const key = { tenantId, memberId: member.id, programId: program.id };
  const balance = ctx.balance ?? (await lockBalance(tx, key));
  const rules = await ruleCache.get(program.id, program.versionIds, () =>
    repo.ruleVersions(tx, tenantId, program.versionIds),
  );
  const occurredAt = new Date(input.occurredAt);
  const event: RuleEvent = {
    type: input.type,
    customType: input.customType ?? null,
    occurredAt: input.occurredAt,
    amountMinor: input.amountMinor ?? null,
    currency: input.currency ?? null,
    channel: input.channel ?? null,
    lineItems: (input.lineItems ?? []).map((l) => ({ ...l, amountMinor: l.quantity * l.unitAmountMinor })),
    attributes: input.attributes ?? {},
  };
  let purchasesBefore: Promise<number> | undefined;
  const priorPurchases = () => {
    purchasesBefore ??= repo.priorPurchaseCount(tx, tenantId, member.id);
    return purchasesBefore;
  };
  const earnedThisPeriodByRule: Record<string, { day: number; week: number; month: number; year: number }> = {};
  if (rules.periods.length) {
    const at = occurredAt.getTime();
    const start = (p: 'day' | 'week' | 'month' | 'year') => new Date(periodStart(program.timeZone, p, at));
    const sums = await repo.pointsByRuleSince(tx, {
      ...key,
      starts: { day: start('day'), week: start('week'), month: start('month'), year: start('year') },
    });
    for (const { ruleId, ...points } of sums) earnedThisPeriodByRule[ruleId] = points;
  }
  const evaluation = evaluate(rules.compiled, {
    program: program,
    event,
    member: {
      tierId: balance.tierId,
      tierMultiplierPct: await tierMultiplierPct(tx, balance),
      attributes: member.attributes,
      tags: member.tags,
      enrolledAt: member.enrolledAt.toISOString(),
      priorPurchaseCount: rules.needsPurchaseCount ? await priorPurchases() : 0,
      earnedThisPeriodByRule,
    },
    timeZone: program.timeZone,
  });

  const pointsByRule: Record<string, number> = {};
  for (const line of evaluation.lines) pointsByRule[line.ruleId] = (pointsByRule[line.ruleId] ?? 0) + line.points;
  const newEvent: NewEvent = {
    ...key,
    id: randomUUID(),
    externalId: input.externalId,
    type: input.type,
    customType: input.customType ?? null,
    occurredAt,
    amountMinor: input.amountMinor ?? null,
    currency: input.currency ?? null,
    channel: input.channel ?? null,
    lineItems: input.lineItems ?? [],
    attributes: input.attributes ?? {},
    refundOfEventId: null,
    pointsByRule,
  };
  const eventId = newEvent.id;

  // Points are earned when the event happened (never in the future), which orders lots and dates their expiry.
  const earnedAt = new Date(Math.min(occurredAt.getTime(), Date.now()));
  const expiresAt = expiresAtFor(program.expiryPolicy, program.expiryValue, earnedAt, program.timeZone);
  const ruleCredit: CreditInput | null =
    evaluation.totalPoints > 0
      ? {
          ...key,
          kind: 'accrual',
          points: evaluation.totalPoints,
          eventId,
          ruleVersionIds: evaluation.lines.filter((l) => l.points > 0).map((l) => l.versionId),
          earnedAt,
          expiresAt,
        }
      : null;
  const result = (after: BalanceRow, bonuses: BonusLine[]): EventResult => {
    const pointsEarned = evaluation.totalPoints + bonuses.reduce((s, b) => s + b.points, 0);
    return {
      eventId,
      memberId: member.id,
      programId: program.id,
      memberEnrolled: enrolled,
      pointsEarned,
      pointsReversed: 0,
      shortfallPoints: 0,
      rules: evaluation.lines.map((l) => ({ ruleId: l.ruleId, versionId: l.versionId, points: l.points })),
      bonuses: bonuses.map((b) => ({ campaignId: b.campaignId, points: b.points })),
      balance: { available: after.available, pending: after.pending, lifetimeEarned: after.lifetimeEarned },
      expiresAt: pointsEarned > 0 ? (expiresAt?.toISOString() ?? null) : null,
    };
  };
  const earned = (body: EventResult) => ({
    type: 'points.earned' as const,
    payload: {
      memberId: member.id,
      programId: program.id,
      eventId,
      eventExternalId: input.externalId,
      points: body.pointsEarned,
      available: body.balance.available,
      expiresAt: body.expiresAt,
    },
  });
  const response = (body: EventResult) => ({ tenantId, key: idempotencyKey, status: 201, body });

  const campaignCtx: CampaignContext = {
    ...key,
    eventId,
    event,
    rulePoints: evaluation.totalPoints,
    member: {
      tierId: balance.tierId,
      attributes: member.attributes,
      tags: member.tags,
      enrolledAt: member.enrolledAt.toISOString(),
    },
    priorPurchaseCount: priorPurchases,
    program: { rounding: program.rounding, earningCurrency: program.earningCurrency, timeZone: program.timeZone },
    knownSeats: campaigns.seatsQuery ? ctx.seats : undefined,
  };

  return {
    tenantId,
    program,
    member,
    enrolled,
    key,
    balance,
    evaluation,
    newEvent,
    eventId,
    ruleCredit,
    earnedAt,
    expiresAt,
    result,
    earned,
    response,
    campaignCtx,
  };
}

export type PreparedAccrual = Awaited<ReturnType<typeof prepareAccrual>>;

/**
 * Purchases, sign-ups and custom events: evaluate the rules and campaigns, credit the points, store the response
 * under the claimed idempotency key. `ctx` is what the transaction's first statement read and locked; what it
 * could not (an unknown member to enrol, a missing balance row) is done here.
 */
export async function accrue(
  events: EventsContext,
  tx: Tx,
  auth: AuthContext,
  input: RecordEvent,
  ctx: AccrualContext,
  idempotencyKey: string,
): Promise<EventResult> {
  const prepared = await prepareAccrual(events, tx, auth, input, ctx, idempotencyKey);
  const { campaigns } = events;
  const { tenantId, program, member, key, balance, evaluation, newEvent, ruleCredit, campaignCtx } = prepared;
  const { eventId, earnedAt, expiresAt, result, earned, response } = prepared;

  // Without tiers to consult after the credit, the balance after it is known now (its row is locked), so the
  // response is too: every write goes in one statement, campaign bonuses included when the seats read with the
  // balance decide them (a plan). Otherwise, or when the plan's guard fails, the step-by-step path below.
  if (!program.hasTiers && balance.tierId === null) {
    // Campaigns to consult: the seats read with the balance, or, for an implementation without seatsQuery, any.
    const consult = campaigns.seatsQuery ? ctx.seats.length > 0 : campaigns !== noActiveCampaigns;
    const plan: CampaignPlan | null | undefined = consult
      ? ((await campaigns.plan?.(tx, campaignCtx, ctx.seats)) ?? null)
      : undefined;
    if (plan !== null) {
      const bonuses = plan?.bonuses ?? [];
      const points = evaluation.totalPoints + bonuses.reduce((sum, b) => sum + b.points, 0);
      const body = result(
        { ...balance, available: balance.available + points, lifetimeEarned: balance.lifetimeEarned + points },
        bonuses,
      );
      const written = await repo.recordAccrual(tx, {
        event: newEvent,
        credit: ruleCredit,
        outbox: points > 0 ? earned(body) : null,
        response: response(body),
        campaign: plan && {
          credit:
            points > 0
              ? {
                  key: { ...key, eventId, earnedAt, expiresAt },
                  lines: [
                    ...(ruleCredit
                      ? [
                          {
                            kind: 'accrual' as const,
                            points: ruleCredit.points,
                            ruleVersionIds: ruleCredit.ruleVersionIds,
                          },
                        ]
                      : []),
                    ...bonuses.map((b) => ({
                      kind: 'bonus' as const,
                      points: b.points,
                      campaignId: b.campaignId,
                      reason: b.reason,
                    })),
                  ],
                }
              : null,
          plan,
        },
      });
      if (written.go) {
        if (!written.inserted) return duplicateEvent(tx, tenantId, input.externalId);
        if (written.balance && written.balance.available !== body.balance.available) {
          throw new Error(`balance of member ${member.id} moved under its lock`);
        }
        return body;
      }
      // The plan no longer held (a seat changed since it was read, or the budget's slice ran short): nothing was
      // written, and the step-by-step path decides again.
    }
  }

  await insertEvent(tx, newEvent);
  let after: BalanceRow = ruleCredit ? (await credit(tx, ruleCredit)).balance : balance;
  const bonuses = (await campaigns.campaignEffects(tx, campaignCtx)).filter((b) => b.points > 0);
  for (const bonus of bonuses) {
    after = (
      await credit(tx, {
        ...key,
        kind: 'bonus',
        points: bonus.points,
        eventId,
        campaignId: bonus.campaignId,
        reason: bonus.reason,
        earnedAt,
        expiresAt,
      })
    ).balance;
  }
  if (program.hasTiers || balance.tierId !== null) {
    await reevaluateTier(tx, { ...key, now: new Date(), effectiveAt: earnedAt });
  }
  const body = result(after, bonuses);
  if (body.pointsEarned > 0) {
    const { type, payload } = earned(body);
    await emit(tx, tenantId, type, payload);
  }
  await tx.$executeRaw(saveResponse(response(body)));
  return body;
}
