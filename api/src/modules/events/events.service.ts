import { randomUUID } from 'node:crypto';
import type { PrismaClient } from '@loyaltystudio/prisma';
import { Compile } from 'typebox/compile';
import type { AuthContext } from '../../auth/context.ts';
import { evaluate, periodStart, type RuleEvent } from '../../domain/rules/index.ts';
import { ConflictError, InvalidRequestError, NotFoundError, UnprocessableError } from '../../errors.ts';
import { batchAnswer, checkItem, failedItem, type UnexpectedItemError } from '../../infra/batch.ts';
import {
  claimKey,
  type IdempotentResult,
  idempotent,
  replay,
  requestHash,
  saveResponse,
} from '../../infra/idempotency.ts';
import { type Tx, withTenant, withTenantFirst } from '../../infra/tenant-tx.ts';
import { expiresAtFor } from '../ledger/expiry-date.ts';
import { type BalanceRow, type CreditInput, credit, lockBalance, reverse } from '../ledger/ledger.core.ts';
import { membersRepository } from '../members/members.repository.ts';
import { reevaluateTier, tierMultiplierPct } from '../tiers/tiers.core.ts';
import { emit } from '../webhooks/outbox.ts';
import {
  type BonusLine,
  type CampaignContext,
  type CampaignEffects,
  type CampaignPlan,
  noActiveCampaigns,
} from './campaign-effects.ts';
import {
  type AccrualContext,
  type MemberContext,
  type NewEvent,
  type ProgramContext,
  eventsRepository as repo,
} from './events.repository.ts';
import { type BatchResult, type EventResult, RecordEvent } from './events.schemas.ts';
import { createRuleCache, type RuleCache } from './rule-cache.ts';

export interface EventsDeps {
  prisma: PrismaClient;
  campaigns?: CampaignEffects;
  ruleCache?: RuleCache;
}

const checkEvent = Compile(RecordEvent);

/** Input rules the schema cannot express, with the path of the field at fault. */
function checkShape(input: RecordEvent, at: string): void {
  const errors: { path: string; message: string }[] = [];
  if (input.memberId !== undefined && input.memberExternalId !== undefined) {
    errors.push({ path: `${at}.memberExternalId`, message: 'give memberId or memberExternalId, not both' });
  }
  if ((input.amountMinor === undefined) !== (input.currency === undefined)) {
    const missing = input.amountMinor === undefined ? 'amountMinor' : 'currency';
    errors.push({ path: `${at}.${missing}`, message: 'amountMinor and currency go together' });
  }
  if (input.type === 'custom' && input.customType === undefined) {
    errors.push({ path: `${at}.customType`, message: 'is required for a custom event' });
  }
  if (input.type !== 'custom' && input.customType !== undefined) {
    errors.push({ path: `${at}.customType`, message: 'is only for custom events' });
  }
  if (input.type === 'refund') {
    if ((input.refundOfExternalId === undefined) === (input.refundOfEventId === undefined)) {
      errors.push({
        path: `${at}.refundOfExternalId`,
        message: 'a refund names its purchase by one of refundOfExternalId or refundOfEventId',
      });
    }
    if (input.amountMinor === undefined)
      errors.push({ path: `${at}.amountMinor`, message: 'is required for a refund' });
  } else {
    if (input.refundOfExternalId !== undefined || input.refundOfEventId !== undefined) {
      errors.push({ path: `${at}.refundOfExternalId`, message: 'only a refund names a purchase' });
    }
    if (input.memberId === undefined && input.memberExternalId === undefined) {
      errors.push({ path: `${at}.memberId`, message: 'give memberId or memberExternalId' });
    }
  }
  if (errors.length) throw new InvalidRequestError(errors);
}

export function createEventsService(deps: EventsDeps) {
  const { prisma } = deps;
  const campaigns = deps.campaigns ?? noActiveCampaigns;
  const ruleCache = deps.ruleCache ?? createRuleCache();

  /** The program an event earns in, of those `accrualContext` read. */
  function programOf(rows: ProgramContext[], programId: string | undefined): ProgramContext {
    if (programId !== undefined) {
      const program = rows[0];
      if (!program) throw new NotFoundError(`Program ${programId}`);
      if (program.status !== 'active') {
        throw new UnprocessableError('program-archived', `Program ${programId} is archived and earns no points.`);
      }
      return program;
    }
    if (rows.length !== 1) {
      throw new UnprocessableError(
        'program-required',
        rows.length === 0
          ? 'The tenant has no active program.'
          : 'The tenant has several active programs: name one with programId.',
      );
    }
    return rows[0]!;
  }

  /** The event's member; a purchase or sign-up for an unknown external id enrols them (and emits member.created). */
  async function memberOf(
    tx: Tx,
    tenantId: string,
    input: RecordEvent,
  ): Promise<{ member: MemberContext; enrolled: boolean }> {
    if (input.memberId !== undefined) {
      const member = await repo.memberById(tx, tenantId, input.memberId);
      if (!member) throw new NotFoundError(`Member ${input.memberId}`);
      return { member, enrolled: false };
    }
    const externalId = input.memberExternalId as string;
    const existing = await repo.memberByExternalId(tx, tenantId, externalId);
    if (existing) return { member: existing, enrolled: false };
    if (input.type !== 'purchase' && input.type !== 'signup') {
      throw new NotFoundError(`Member with external id ${externalId}`);
    }
    // Enrolled when the event that brought them happened (never in the future), not when it was written.
    const enrolledAt = new Date(Math.min(new Date(input.occurredAt).getTime(), Date.now()));
    const created = await membersRepository.createIfAbsent(tx, { tenantId, externalId, enrolledAt });
    if (!created) {
      const raced = await repo.memberByExternalId(tx, tenantId, externalId);
      if (!raced) throw new NotFoundError(`Member with external id ${externalId}`);
      return { member: raced, enrolled: false };
    }
    await emit(tx, tenantId, 'member.created', {
      memberId: created.id,
      externalId,
      enrolledBy: 'event',
      eventExternalId: input.externalId,
    });
    return {
      member: { id: created.id, status: 'active', attributes: {}, tags: [], enrolledAt: created.enrolledAt },
      enrolled: true,
    };
  }

  async function duplicateEvent(tx: Tx, tenantId: string, externalId: string): Promise<never> {
    const existing = await repo.idOfExternal(tx, tenantId, externalId);
    throw new ConflictError(`An event with external id ${externalId} was already recorded as ${existing}.`, {
      eventId: existing,
    });
  }

  async function insertEvent(tx: Tx, args: NewEvent): Promise<string> {
    return (await repo.insert(tx, args)) ?? duplicateEvent(tx, args.tenantId, args.externalId);
  }

  /**
   * Purchases, sign-ups and custom events: evaluate the rules and campaigns, credit the points, store the response
   * under the claimed idempotency key. `ctx` is what the transaction's first statement read and locked; what it
   * could not (an unknown member to enrol, a missing balance row) is done here.
   */
  async function accrue(
    tx: Tx,
    auth: AuthContext,
    input: RecordEvent,
    ctx: AccrualContext,
    idempotencyKey: string,
  ): Promise<EventResult> {
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

  /**
   * A refund takes back the points its purchase earned, in proportion to the amount refunded so far:
   * after refunds totalling R of a purchase of amount A that earned E points, floor(E × R / A) points have been
   * reversed in all. Each partial refund reverses the difference, so several partial refunds never reverse more
   * than E, and a full refund reverses exactly E. Points already spent become the reversal's shortfall.
   */
  async function refund(tx: Tx, auth: AuthContext, input: RecordEvent): Promise<EventResult> {
    const tenantId = auth.tenantId;
    const purchase = await repo.findEvent(
      tx,
      tenantId,
      input.refundOfEventId ? { id: input.refundOfEventId } : { externalId: input.refundOfExternalId },
    );
    const named = input.refundOfEventId ?? `with external id ${input.refundOfExternalId}`;
    if (!purchase) throw new NotFoundError(`Purchase ${named}`);
    if (purchase.type !== 'purchase') {
      throw new UnprocessableError('not-a-purchase', `Event ${named} is a ${purchase.type}, not a purchase.`);
    }
    if (input.programId !== undefined && input.programId !== purchase.programId) {
      throw new InvalidRequestError([
        { path: 'body.programId', message: 'is not the program of the refunded purchase' },
      ]);
    }
    if (input.memberId !== undefined && input.memberId !== purchase.memberId) {
      throw new InvalidRequestError([{ path: 'body.memberId', message: 'is not the member of the refunded purchase' }]);
    }
    if (input.memberExternalId !== undefined) {
      const named = await repo.memberByExternalId(tx, tenantId, input.memberExternalId);
      if (named?.id !== purchase.memberId) {
        throw new InvalidRequestError([
          { path: 'body.memberExternalId', message: 'is not the member of the refunded purchase' },
        ]);
      }
    }
    if (purchase.currency !== null && input.currency !== purchase.currency) {
      throw new InvalidRequestError([
        { path: 'body.currency', message: `must be ${purchase.currency}, the purchase's` },
      ]);
    }
    const key = { tenantId, memberId: purchase.memberId, programId: purchase.programId };
    // The balance lock also serialises refunds of one purchase, so their running totals are exact.
    const balance = await lockBalance(tx, key);
    const state = await repo.refundState(tx, tenantId, purchase.id);
    const amount = input.amountMinor as number;
    const purchaseAmount = purchase.amountMinor ?? 0;
    const refundedAfter = state.refundedMinor + amount;
    if (refundedAfter > purchaseAmount) {
      throw new UnprocessableError(
        'refund-exceeds-purchase',
        `Refunds of this purchase would total ${refundedAfter}, more than its amount of ${purchaseAmount}.`,
        { purchaseAmountMinor: purchaseAmount, refundedMinor: state.refundedMinor },
      );
    }
    const target = purchaseAmount === 0 ? state.earned : Math.floor((state.earned * refundedAfter) / purchaseAmount);
    const toReverse = Math.max(0, target - state.reversed);
    const occurredAt = new Date(input.occurredAt);
    // The reversal takes effect when the refund happened, never in the future.
    const effectiveAt = new Date(Math.min(occurredAt.getTime(), Date.now()));
    const eventId = await insertEvent(tx, {
      ...key,
      id: randomUUID(),
      externalId: input.externalId,
      type: 'refund',
      customType: null,
      occurredAt,
      amountMinor: amount,
      currency: input.currency ?? null,
      channel: input.channel ?? null,
      lineItems: input.lineItems ?? [],
      attributes: input.attributes ?? {},
      refundOfEventId: purchase.id,
      pointsByRule: {},
    });
    let after = balance;
    let taken = 0;
    let shortfall = 0;
    if (toReverse > 0) {
      const write = await reverse(tx, {
        ...key,
        points: toReverse,
        eventId,
        ruleVersionIds: state.versionIds,
        reason: `refund of ${purchase.id}`,
        fromEntryIds: state.entryIds,
        effectiveAt,
      });
      after = write.balance;
      taken = -write.entry.points;
      shortfall = write.entry.shortfallPoints;
      await emit(tx, tenantId, 'points.reversed', {
        memberId: purchase.memberId,
        programId: purchase.programId,
        eventId,
        purchaseEventId: purchase.id,
        points: taken,
        shortfallPoints: shortfall,
        available: after.available,
      });
      await reevaluateTier(tx, { ...key, now: new Date(), effectiveAt });
    }
    return {
      eventId,
      memberId: purchase.memberId,
      programId: purchase.programId,
      memberEnrolled: false,
      pointsEarned: 0,
      pointsReversed: taken,
      shortfallPoints: shortfall,
      rules: [],
      bonuses: [],
      balance: { available: after.available, pending: after.pending, lifetimeEarned: after.lifetimeEarned },
      expiresAt: null,
    };
  }

  async function record(
    auth: AuthContext,
    input: RecordEvent,
    idempotencyKey: string,
  ): Promise<IdempotentResult<EventResult>> {
    checkShape(input, 'body');
    const tenantId = auth.tenantId;
    const args = { tenantId, key: idempotencyKey, operation: 'POST /v1/events', body: input };
    if (input.type === 'refund') {
      return withTenant(prisma, tenantId, (tx) =>
        idempotent(tx, args, async () => ({ status: 201, body: await refund(tx, auth, input) })),
      );
    }
    // The hot path: two statements (read and lock; write everything) between BEGIN and COMMIT.
    const hash = requestHash(input);
    return withTenantFirst(
      prisma,
      tenantId,
      (tenantCte) =>
        repo.accrualContext(tenantCte, {
          tenantId,
          programId: input.programId ?? null,
          member: input.memberId !== undefined ? { id: input.memberId } : { externalId: input.memberExternalId! },
          claim: claimKey(args, hash),
          seats: campaigns.seatsQuery?.(tenantId) ?? null,
        }),
      async (tx, row: Parameters<typeof repo.parseAccrualContext>[0]) => {
        const ctx = repo.parseAccrualContext(row);
        if (!ctx.claimed) return replay<EventResult>(tx, args, hash);
        return { status: 201, body: await accrue(tx, auth, input, ctx, idempotencyKey), replayed: false };
      },
    );
  }

  return {
    record,

    /**
     * Up to MAX_BATCH events (docs/batches.md), each checked and recorded on its own, in order, in its own
     * transaction under the key `<batch key>:<index>`: an event that fails writes nothing and answers, in its slot,
     * the status and problem it would have had alone, or 500 for an unexpected error (handed to `onUnexpected`).
     * A retry with the same key replays the events that succeeded (their keys hold their answers) and runs the
     * others again. The batch key itself is bound to the whole body: the same key with another batch is refused.
     */
    async recordBatch(
      auth: AuthContext,
      items: unknown[],
      idempotencyKey: string,
      onUnexpected?: UnexpectedItemError,
    ): Promise<{ body: BatchResult; replayed: boolean }> {
      const batch = await withTenant(prisma, auth.tenantId, (tx) =>
        idempotent(
          tx,
          { tenantId: auth.tenantId, key: idempotencyKey, operation: 'POST /v1/events:batch', body: items },
          async () => ({ status: 200, body: { items: items.length } }),
        ),
      );
      const results: BatchResult['items'] = [];
      // In order, one at a time: events of one member in a batch keep their order, and the pool stays available.
      for (const [index, item] of items.entries()) {
        const at = `body.events.${index}`;
        try {
          const input = checkItem(checkEvent, item, at);
          checkShape(input, at);
          const done = await record(auth, input, `${idempotencyKey}:${index}`);
          results.push({ index, status: done.status, result: done.body });
        } catch (err) {
          results.push(failedItem(index, err, onUnexpected));
        }
      }
      return { body: batchAnswer(results), replayed: batch.replayed };
    },
  };
}

export type EventsService = ReturnType<typeof createEventsService>;
