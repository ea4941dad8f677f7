import {
  Prisma,
  type PrismaClient,
  type TierChange as TierChangeRow,
  type Tier as TierRow,
} from '@loyaltystudio/prisma';
import type { AuthContext } from '../../auth/context.ts';
import { ConflictError, NotFoundError } from '../../errors.ts';
import { audit } from '../../infra/audit.ts';
import { decodeCursor, page } from '../../infra/pagination.ts';
import { type Tx, withTenant } from '../../infra/tenant-tx.ts';
import { tiersRepository as repo } from './tiers.repository.ts';
import type { CreateTier, Tier, TierChange, UpdateTier } from './tiers.schemas.ts';

export function toTier(row: TierRow): Tier {
  return {
    id: row.id,
    programId: row.programId,
    name: row.name,
    rank: row.rank,
    qualification: row.qualification,
    threshold: row.threshold,
    earnMultiplierPct: row.earnMultiplierPct,
    graceDays: row.graceDays,
    benefits: row.benefits as string[],
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

function toTierChange(row: TierChangeRow): TierChange {
  return {
    id: row.id,
    programId: row.programId,
    fromTierId: row.fromTierId,
    toTierId: row.toTierId,
    reason: row.reason,
    effectiveAt: row.effectiveAt.toISOString(),
    createdAt: row.createdAt.toISOString(),
  };
}

async function requireProgram(tx: Tx, tenantId: string, programId: string): Promise<void> {
  if (!(await repo.findProgram(tx, tenantId, programId))) throw new NotFoundError(`Program ${programId}`);
}

/** Ranks order the tiers, so two tiers of a program never share one. */
async function requireFreeRank(tx: Tx, tenantId: string, programId: string, rank: number, exceptId?: string) {
  if (await repo.rankTaken(tx, tenantId, programId, rank, exceptId)) {
    throw new ConflictError(`Another tier of this program already has rank ${rank}.`, { rank });
  }
}

/** Two concurrent writes may both find a rank free; the unique index then refuses the second. */
function rankConflict(err: unknown): never {
  if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002') {
    throw new ConflictError('Another tier of this program already has this rank.');
  }
  throw err;
}

export function createTiersService(prisma: PrismaClient) {
  return {
    async list(auth: AuthContext, programId: string): Promise<{ items: Tier[] }> {
      return withTenant(prisma, auth.tenantId, async (tx) => {
        await requireProgram(tx, auth.tenantId, programId);
        return { items: (await repo.list(tx, auth.tenantId, programId)).map(toTier) };
      });
    },

    async create(auth: AuthContext, programId: string, input: CreateTier): Promise<Tier> {
      return withTenant(prisma, auth.tenantId, async (tx) => {
        await requireProgram(tx, auth.tenantId, programId);
        await requireFreeRank(tx, auth.tenantId, programId, input.rank);
        const row = await repo.create(tx, { ...input, tenantId: auth.tenantId, programId });
        await audit(tx, auth, { action: 'tier.create', entityType: 'tier', entityId: row.id, after: row });
        return toTier(row);
      }).catch(rankConflict);
    },

    async update(auth: AuthContext, programId: string, id: string, input: UpdateTier): Promise<Tier> {
      return withTenant(prisma, auth.tenantId, async (tx) => {
        const before = await repo.find(tx, auth.tenantId, programId, id);
        if (!before) throw new NotFoundError(`Tier ${id}`);
        if (input.rank !== undefined) await requireFreeRank(tx, auth.tenantId, programId, input.rank, id);
        const after = await repo.update(tx, auth.tenantId, id, input);
        await audit(tx, auth, { action: 'tier.update', entityType: 'tier', entityId: id, before, after });
        return toTier(after);
      }).catch(rankConflict);
    },

    /** Refused while members hold the tier or rewards are restricted to it: neither may lose it silently. */
    async delete(auth: AuthContext, programId: string, id: string): Promise<void> {
      await withTenant(prisma, auth.tenantId, async (tx) => {
        const before = await repo.find(tx, auth.tenantId, programId, id);
        if (!before) throw new NotFoundError(`Tier ${id}`);
        const [members, rewards] = await Promise.all([
          repo.membersHolding(tx, auth.tenantId, id),
          repo.rewardsRestrictedTo(tx, auth.tenantId, id),
        ]);
        if (members > 0 || rewards > 0) {
          throw new ConflictError(
            `The tier is held by ${members} member(s) and restricts ${rewards} reward(s); move them off it first.`,
            { members, rewards },
          );
        }
        await repo.delete(tx, auth.tenantId, id);
        await audit(tx, auth, { action: 'tier.delete', entityType: 'tier', entityId: id, before });
      });
    },

    async history(
      auth: AuthContext,
      memberId: string,
      query: { limit?: number; cursor?: string; programId?: string },
    ): Promise<{ items: TierChange[]; nextCursor: string | null }> {
      const limit = query.limit ?? 50;
      const before = decodeCursor<{ effectiveAt: string; id: string }>(query.cursor, {
        effectiveAt: 'string',
        id: 'string',
      });
      const rows = await withTenant(prisma, auth.tenantId, async (tx) => {
        if (!(await repo.findMember(tx, auth.tenantId, memberId))) throw new NotFoundError(`Member ${memberId}`);
        return repo.history(tx, auth.tenantId, memberId, query.programId, limit + 1, before);
      });
      const result = page(rows, limit, (r) => ({ effectiveAt: r.effectiveAt.toISOString(), id: r.id }));
      return { items: result.items.map(toTierChange), nextCursor: result.nextCursor };
    },
  };
}

export type TiersService = ReturnType<typeof createTiersService>;
