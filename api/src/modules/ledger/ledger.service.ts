import type { Balance as BalanceRow, LedgerEntry as EntryRow, PrismaClient } from '@loyaltystudio/prisma';
import type { AuthContext } from '../../auth/context.ts';
import { NotFoundError, UnprocessableError } from '../../errors.ts';
import { audit } from '../../infra/audit.ts';
import { type IdempotentResult, idempotent } from '../../infra/idempotency.ts';
import { decodeCursor, page } from '../../infra/pagination.ts';
import { type Tx, withTenant } from '../../infra/tenant-tx.ts';
import { emit } from '../webhooks/outbox.ts';
import { expiresAtFor } from './expiry-date.ts';
import { type BalanceRow as CoreBalance, credit, debit, type LedgerEntryRow, lockBalance } from './ledger.core.ts';
import { ledgerRepository as repo } from './ledger.repository.ts';
import type { Adjustment, AdjustmentResult, Balance, LedgerEntry, LedgerQuery } from './ledger.schemas.ts';

export function toEntry(row: EntryRow | LedgerEntryRow): LedgerEntry {
  return {
    id: row.id,
    programId: row.programId,
    seq: row.seq,
    kind: row.kind,
    points: row.points,
    eventId: row.eventId,
    redemptionId: row.redemptionId,
    ruleVersionIds: row.ruleVersionIds,
    campaignId: row.campaignId,
    reason: row.reason,
    actorId: row.actorId,
    shortfallPoints: row.shortfallPoints,
    effectiveAt: row.effectiveAt.toISOString(),
    createdAt: row.createdAt.toISOString(),
  };
}

export function toBalance(row: BalanceRow | CoreBalance): Balance {
  return {
    programId: row.programId,
    available: row.available,
    pending: row.pending,
    lifetimeEarned: row.lifetimeEarned,
    redeemed: row.redeemed,
    expired: row.expired,
    tierId: row.tierId,
    tierSince: row.tierSince?.toISOString() ?? null,
    updatedAt: row.updatedAt.toISOString(),
  };
}

async function requireMember(tx: Tx, tenantId: string, memberId: string): Promise<void> {
  if (!(await repo.memberExists(tx, tenantId, memberId))) throw new NotFoundError(`Member ${memberId}`);
}

export function createLedgerService(prisma: PrismaClient) {
  return {
    async entries(auth: AuthContext, memberId: string, query: LedgerQuery) {
      const limit = query.limit ?? 50;
      const before = decodeCursor<{ seq: number; id: string }>(query.cursor, { seq: 'number', id: 'string' });
      const rows = await withTenant(prisma, auth.tenantId, async (tx) => {
        await requireMember(tx, auth.tenantId, memberId);
        return repo.entries(tx, {
          tenantId: auth.tenantId,
          memberId,
          programId: query.programId,
          limit: limit + 1,
          before,
        });
      });
      const result = page(rows, limit, (r) => ({ seq: r.seq, id: r.id }));
      return { items: result.items.map(toEntry), nextCursor: result.nextCursor };
    },

    async balances(auth: AuthContext, memberId: string) {
      const rows = await withTenant(prisma, auth.tenantId, async (tx) => {
        await requireMember(tx, auth.tenantId, memberId);
        return repo.balances(tx, auth.tenantId, memberId);
      });
      return { items: rows.map(toBalance) };
    },

    /**
     * A manual correction by an administrator or a merchant's server: a signed number of points with a reason,
     * audited with the balance before and after. A debit never goes below the available balance. A credit forms
     * a lot like earned points, dated now, with the program's expiry.
     */
    async adjust(
      auth: AuthContext,
      memberId: string,
      input: Adjustment,
      idempotencyKey: string,
    ): Promise<IdempotentResult<AdjustmentResult>> {
      const tenantId = auth.tenantId;
      return withTenant(prisma, tenantId, (tx) =>
        idempotent(
          tx,
          { tenantId, key: idempotencyKey, operation: `POST /v1/members/${memberId}/adjustments`, body: input },
          async () => {
            await requireMember(tx, tenantId, memberId);
            const programs = await repo.activePrograms(tx, tenantId, input.programId);
            const program = programs[0];
            if (input.programId !== undefined && !program) throw new NotFoundError(`Program ${input.programId}`);
            if (!program || (input.programId === undefined && programs.length > 1)) {
              throw new UnprocessableError(
                'program-required',
                program
                  ? 'The tenant has several active programs: name one with programId.'
                  : 'The tenant has no active program.',
              );
            }
            const key = { tenantId, memberId, programId: program.id };
            const before = await lockBalance(tx, key);
            const now = new Date();
            const write =
              input.points > 0
                ? await credit(tx, {
                    ...key,
                    kind: 'adjustment',
                    points: input.points,
                    reason: input.reason,
                    actorId: auth.actor.id,
                    earnedAt: now,
                    expiresAt: expiresAtFor(program.expiryPolicy, program.expiryValue, now, program.tenant.timeZone),
                  })
                : await debit(tx, {
                    ...key,
                    kind: 'adjustment',
                    points: -input.points,
                    reason: input.reason,
                    actorId: auth.actor.id,
                  });
            await audit(tx, auth, {
              action: 'ledger.adjust',
              entityType: 'balance',
              entityId: `${memberId}:${program.id}`,
              before: toBalance(before),
              after: {
                ...toBalance(write.balance),
                adjustment: { points: input.points, reason: input.reason, entryId: write.entry.id },
              },
            });
            await emit(tx, tenantId, 'points.adjusted', {
              memberId,
              programId: program.id,
              entryId: write.entry.id,
              points: input.points,
              reason: input.reason,
              available: write.balance.available,
            });
            return { status: 201, body: { entry: toEntry(write.entry), balance: toBalance(write.balance) } };
          },
        ),
      );
    },
  };
}

export type LedgerService = ReturnType<typeof createLedgerService>;
