import { randomBytes, randomUUID } from 'node:crypto';
import type { PrismaClient, Redemption as RedemptionRow } from '@loyaltystudio/prisma';
import type { AuthContext } from '../../auth/context.ts';
import { ConflictError, NotFoundError, UnprocessableError } from '../../errors.ts';
import { type IdempotentResult, idempotent } from '../../infra/idempotency.ts';
import { decodeCursor, page } from '../../infra/pagination.ts';
import { type Tx, withTenant } from '../../infra/tenant-tx.ts';
import { debit, lockBalance, releaseHold, restore } from '../ledger/ledger.core.ts';
import { assertActive, findById as findMember } from '../members/members.service.ts';
import { emit } from '../webhooks/outbox.ts';
import { redemptionsRepository as repo } from './redemptions.repository.ts';
import { type CreateRedemption, HOLD_MINUTES, type Redemption } from './redemptions.schemas.ts';

export function toRedemption(row: RedemptionRow): Redemption {
  return {
    id: row.id,
    memberId: row.memberId,
    programId: row.programId,
    rewardId: row.rewardId,
    points: row.points,
    status: row.status,
    holdExpiresAt: row.holdExpiresAt.toISOString(),
    code: row.code,
    createdAt: row.createdAt.toISOString(),
    fulfilledAt: row.fulfilledAt?.toISOString() ?? null,
    cancelledAt: row.cancelledAt?.toISOString() ?? null,
  };
}

// Crockford base32: no I, L, O or U, so a code read aloud or typed is not mistaken.
const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A code for a reward without a voucher pool: 12 random base32 characters (60 bits), never reused in practice. */
export function generateRedemptionCode(): string {
  const bytes = randomBytes(12);
  let code = '';
  for (const byte of bytes) code += CODE_ALPHABET[byte & 31];
  return `RDM-${code}`;
}

const unavailable = (detail: string, extensions: Record<string, unknown> = {}) =>
  new UnprocessableError('reward-unavailable', detail, extensions);

/**
 * Reserves a reward for a member: every check, then the points held by a `redemption` debit (FIFO lots, balance
 * pending += points), one unit of a limited inventory and, for a voucher reward, one code of its pool.
 * Lock order, shared with release(): the member's balance, then the reward row, then a voucher code.
 */
async function reserve(tx: Tx, auth: AuthContext, input: CreateRedemption, now: Date): Promise<RedemptionRow> {
  const { tenantId } = auth;
  const reward = await repo.findReward(tx, tenantId, input.rewardId);
  if (!reward) throw new NotFoundError(`Reward ${input.rewardId}`);
  const member = await findMember(tx, tenantId, input.memberId);
  if (!member) throw new NotFoundError(`Member ${input.memberId}`);
  assertActive(member);
  const program = await repo.findProgram(tx, tenantId, reward.programId);
  if (program?.status !== 'active') throw unavailable(`The program of reward ${reward.id} is archived.`);
  if (reward.status !== 'active') throw unavailable(`Reward ${reward.id} is archived.`);
  if ((reward.availableFrom && now < reward.availableFrom) || (reward.availableTo && now >= reward.availableTo)) {
    throw unavailable(`Reward ${reward.id} is not available now.`, {
      availableFrom: reward.availableFrom?.toISOString() ?? null,
      availableTo: reward.availableTo?.toISOString() ?? null,
    });
  }
  if (reward.costPoints < program.minRedemption) {
    throw new UnprocessableError(
      'below-minimum-redemption',
      `The program redeems at least ${program.minRedemption} points at once; this reward costs ${reward.costPoints}.`,
      { minRedemption: program.minRedemption, costPoints: reward.costPoints },
    );
  }

  const key = { tenantId, memberId: member.id, programId: reward.programId };
  // From here the member's redemptions queue on the balance row, so the limit below counts every earlier one.
  const balance = await lockBalance(tx, key);
  if (reward.tierIds.length > 0 && !(balance.tierId && reward.tierIds.includes(balance.tierId))) {
    throw new UnprocessableError('tier-not-eligible', `Reward ${reward.id} is reserved to some tiers only.`, {
      tierIds: reward.tierIds,
      memberTierId: balance.tierId,
    });
  }
  if (reward.perMemberLimit !== null) {
    const held = await repo.countHeld(tx, tenantId, member.id, reward.id);
    if (held >= reward.perMemberLimit) {
      throw new UnprocessableError(
        'per-member-limit-reached',
        `Member ${member.id} already holds ${held} of the ${reward.perMemberLimit} redemptions of this reward allowed.`,
        { perMemberLimit: reward.perMemberLimit },
      );
    }
  }

  const id = randomUUID();
  await debit(tx, {
    ...key,
    kind: 'redemption',
    points: reward.costPoints,
    redemptionId: id,
    hold: true,
    actorId: auth.actor.id,
  });
  const outOfStock = () =>
    new UnprocessableError('out-of-stock', `Reward ${reward.id} has no units left.`, { rewardId: reward.id });
  if (reward.inventory !== null && !(await repo.takeUnit(tx, tenantId, reward.id))) throw outOfStock();
  if (reward.kind === 'voucher' && !(await repo.reserveCode(tx, tenantId, reward.id, id))) throw outOfStock();

  const row = await repo.create(tx, {
    id,
    ...key,
    rewardId: reward.id,
    points: reward.costPoints,
    status: 'reserved',
    holdExpiresAt: new Date(now.getTime() + (input.holdMinutes ?? HOLD_MINUTES.default) * 60_000),
    createdAt: now,
  });
  await emit(tx, tenantId, 'reward.redeemed', {
    redemptionId: id,
    memberId: member.id,
    programId: reward.programId,
    rewardId: reward.id,
    points: reward.costPoints,
    holdExpiresAt: row.holdExpiresAt.toISOString(),
  });
  return row;
}

/**
 * Gives a held redemption's points back to the very lots they came from (a `reversal` restoring the debit),
 * releases the hold, the inventory unit and the voucher code. The caller holds the redemption's row lock and has
 * checked it is still reserved, so this runs at most once per redemption.
 */
async function release(
  tx: Tx,
  r: RedemptionRow,
  outcome: 'cancelled' | 'expired',
  now: Date,
  actorId?: string,
): Promise<RedemptionRow> {
  const held = await repo.debitEntry(tx, r.tenantId, r);
  await restore(tx, {
    tenantId: r.tenantId,
    debitEntryId: held.id,
    kind: 'reversal',
    releaseHold: true,
    redemptionId: r.id,
    reason: outcome === 'expired' ? 'redemption hold expired' : 'redemption cancelled',
    actorId,
  });
  await repo.returnUnit(tx, r.tenantId, r.rewardId);
  await repo.releaseCode(tx, r.tenantId, r.id);
  const after = await repo.update(tx, r.tenantId, r.id, { status: outcome, cancelledAt: now });
  await emit(tx, r.tenantId, 'redemption.cancelled', {
    redemptionId: r.id,
    memberId: r.memberId,
    programId: r.programId,
    rewardId: r.rewardId,
    points: r.points,
    reason: outcome,
  });
  return after;
}

/**
 * A reward a campaign grants the member: a redemption of 0 points, fulfilled at once with its code (a voucher of
 * the pool, or a generated one), taking a unit of a limited inventory, and naming the campaign. No ledger entry:
 * the member spends nothing. Null when the reward is not active or available now, or out of stock; nothing is
 * written then. Runs in the caller's transaction (an accrual, under the member's balance lock).
 */
export async function grantReward(
  tx: Tx,
  args: { tenantId: string; memberId: string; programId: string; rewardId: string; campaignId: string; now: Date },
): Promise<RedemptionRow | null> {
  const { tenantId, now } = args;
  const reward = await repo.findReward(tx, tenantId, args.rewardId);
  if (!reward || reward.programId !== args.programId || reward.status !== 'active') return null;
  if ((reward.availableFrom && now < reward.availableFrom) || (reward.availableTo && now >= reward.availableTo)) {
    return null;
  }
  const id = randomUUID();
  if (reward.inventory !== null && !(await repo.takeUnit(tx, tenantId, reward.id))) return null;
  let code: string | null = generateRedemptionCode();
  if (reward.kind === 'voucher') {
    code = (await repo.reserveCode(tx, tenantId, reward.id, id)) ? await repo.issueCode(tx, tenantId, id) : null;
    if (code === null) {
      if (reward.inventory !== null) await repo.returnUnit(tx, tenantId, reward.id);
      return null;
    }
  }
  const row = await repo.create(tx, {
    id,
    tenantId,
    memberId: args.memberId,
    programId: args.programId,
    rewardId: reward.id,
    points: 0,
    status: 'fulfilled',
    holdExpiresAt: now,
    code,
    createdAt: now,
    fulfilledAt: now,
    campaignId: args.campaignId,
  });
  await emit(tx, tenantId, 'redemption.fulfilled', {
    redemptionId: id,
    memberId: args.memberId,
    programId: args.programId,
    rewardId: reward.id,
    points: 0,
    code,
    campaignId: args.campaignId,
  });
  return row;
}

export function createRedemptionsService(prisma: PrismaClient) {
  return {
    /** Reserves at most once per Idempotency-Key: a retry replays the first answer. */
    async create(auth: AuthContext, key: string, input: CreateRedemption): Promise<IdempotentResult<Redemption>> {
      return withTenant(prisma, auth.tenantId, (tx) =>
        idempotent(tx, { tenantId: auth.tenantId, key, operation: 'POST /v1/redemptions', body: input }, async () => ({
          status: 201,
          body: toRedemption(await reserve(tx, auth, input, new Date())),
        })),
      );
    },

    /** Issues the code. Fulfilling a fulfilled redemption answers it again; a released one cannot be fulfilled. */
    async fulfil(auth: AuthContext, id: string): Promise<Redemption> {
      return withTenant(prisma, auth.tenantId, async (tx) => {
        const now = new Date();
        const r = await repo.lock(tx, auth.tenantId, id);
        if (!r) throw new NotFoundError(`Redemption ${id}`);
        if (r.status === 'fulfilled') return toRedemption(r);
        if (r.status !== 'reserved') {
          throw new ConflictError(`Redemption ${id} was ${r.status}; it can no longer be fulfilled.`, {
            redemptionStatus: r.status,
          });
        }
        if (r.holdExpiresAt <= now) {
          throw new ConflictError(`The hold of redemption ${id} expired at ${r.holdExpiresAt.toISOString()}.`, {
            redemptionStatus: r.status,
          });
        }
        const reward = await repo.findReward(tx, auth.tenantId, r.rewardId);
        const code =
          reward?.kind === 'voucher' ? await repo.issueCode(tx, auth.tenantId, r.id) : generateRedemptionCode();
        if (!code) throw new Error(`voucher redemption ${id} has no reserved code`);
        await releaseHold(tx, r, r.points);
        const after = await repo.update(tx, auth.tenantId, id, { status: 'fulfilled', code, fulfilledAt: now });
        await emit(tx, auth.tenantId, 'redemption.fulfilled', {
          redemptionId: id,
          memberId: r.memberId,
          programId: r.programId,
          rewardId: r.rewardId,
          points: r.points,
          code,
        });
        return toRedemption(after);
      });
    },

    /** Gives the points back. Cancelling a released redemption answers it again; a fulfilled one cannot be. */
    async cancel(auth: AuthContext, id: string): Promise<Redemption> {
      return withTenant(prisma, auth.tenantId, async (tx) => {
        const r = await repo.lock(tx, auth.tenantId, id);
        if (!r) throw new NotFoundError(`Redemption ${id}`);
        if (r.status === 'cancelled' || r.status === 'expired') return toRedemption(r);
        if (r.status === 'fulfilled') {
          throw new ConflictError(`Redemption ${id} was fulfilled; its code is issued and cannot be taken back.`, {
            redemptionStatus: r.status,
          });
        }
        return toRedemption(await release(tx, r, 'cancelled', new Date(), auth.actor.id));
      });
    },

    async get(auth: AuthContext, id: string): Promise<Redemption> {
      const row = await withTenant(prisma, auth.tenantId, (tx) => repo.find(tx, auth.tenantId, id));
      if (!row) throw new NotFoundError(`Redemption ${id}`);
      return toRedemption(row);
    },

    async listForMember(
      auth: AuthContext,
      memberId: string,
      query: { limit?: number; cursor?: string; status?: RedemptionRow['status'] },
    ) {
      const limit = query.limit ?? 50;
      const before = decodeCursor<{ createdAt: string; id: string }>(query.cursor, {
        createdAt: 'string',
        id: 'string',
      });
      const rows = await withTenant(prisma, auth.tenantId, async (tx) => {
        if (!(await findMember(tx, auth.tenantId, memberId))) throw new NotFoundError(`Member ${memberId}`);
        return repo.listForMember(tx, auth.tenantId, memberId, query.status, limit + 1, before);
      });
      const result = page(rows, limit, (r) => ({ createdAt: r.createdAt.toISOString(), id: r.id }));
      return { items: result.items.map(toRedemption), nextCursor: result.nextCursor };
    },
  };
}

export type RedemptionsService = ReturnType<typeof createRedemptionsService>;

/** Redemptions released per transaction by the expiry pass. */
const EXPIRY_BATCH = 100;

/**
 * Expires every held redemption whose hold ran out by `now`, exactly as a cancel would (points back to their
 * lots, hold, unit and code released), with status `expired`. Safe to run concurrently with fulfils and cancels:
 * each redemption is re-read under its row lock and skipped if it is no longer reserved.
 */
export async function expireRedemptionHolds(prisma: PrismaClient, opts: { now: Date }): Promise<{ expired: number }> {
  let expired = 0;
  for (;;) {
    const due = await repo.expiredHolds(prisma, opts.now, EXPIRY_BATCH);
    for (const [tenantId, ids] of groupByTenant(due)) {
      expired += await withTenant(prisma, tenantId, async (tx) => {
        let count = 0;
        for (const id of ids) {
          const r = await repo.lock(tx, tenantId, id);
          if (r?.status !== 'reserved' || r.holdExpiresAt > opts.now) continue;
          await release(tx, r, 'expired', opts.now);
          count++;
        }
        return count;
      });
    }
    if (due.length < EXPIRY_BATCH) return { expired };
  }
}

function groupByTenant(rows: { id: string; tenantId: string }[]): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const row of rows) groups.set(row.tenantId, [...(groups.get(row.tenantId) ?? []), row.id]);
  return groups;
}
