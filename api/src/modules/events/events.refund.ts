import { randomUUID } from 'node:crypto';
import type { AuthContext } from '../../auth/context.ts';
import { InvalidRequestError, NotFoundError, UnprocessableError } from '../../errors.ts';
import type { Tx } from '../../infra/tenant-tx.ts';
import { lockBalance, reverse } from '../ledger/ledger.core.ts';
import { reevaluateTier } from '../tiers/tiers.core.ts';
import { emit } from '../webhooks/outbox.ts';
import { insertEvent } from './events.context.ts';
import { eventsRepository as repo } from './events.repository.ts';
import type { EventResult, RecordEvent } from './events.schemas.ts';

/**
 * A refund takes back the points its purchase earned, in proportion to the amount refunded so far:
 * after refunds totalling R of a purchase of amount A that earned E points, floor(E × R / A) points have been
 * reversed in all. Each partial refund reverses the difference, so several partial refunds never reverse more
 * than E, and a full refund reverses exactly E. Points already spent become the reversal's shortfall.
 */
export async function refund(tx: Tx, auth: AuthContext, input: RecordEvent): Promise<EventResult> {
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
    throw new InvalidRequestError([{ path: 'body.programId', message: 'is not the program of the refunded purchase' }]);
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
    throw new InvalidRequestError([{ path: 'body.currency', message: `must be ${purchase.currency}, the purchase's` }]);
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
