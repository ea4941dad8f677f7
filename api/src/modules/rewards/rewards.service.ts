import type { PrismaClient, Reward as RewardRow } from '@loyaltystudio/prisma';
import type { AuthContext } from '../../auth/context.ts';
import { InvalidRequestError, NotFoundError, UnprocessableError } from '../../errors.ts';
import { audit } from '../../infra/audit.ts';
import { decodeCursor, page } from '../../infra/pagination.ts';
import { type Tx, withTenant } from '../../infra/tenant-tx.ts';
import { rewardsRepository as repo } from './rewards.repository.ts';
import type { CreateReward, Reward, UpdateReward } from './rewards.schemas.ts';

export function toReward(row: RewardRow, currency: string): Reward {
  return {
    id: row.id,
    programId: row.programId,
    name: row.name,
    description: row.description,
    kind: row.kind,
    costPoints: row.costPoints,
    discountAmountMinor: row.discountAmountMinor,
    discountPercent: row.discountPercent,
    sku: row.sku,
    currency,
    inventory: row.inventory,
    perMemberLimit: row.perMemberLimit,
    tierIds: row.tierIds,
    availableFrom: row.availableFrom?.toISOString() ?? null,
    availableTo: row.availableTo?.toISOString() ?? null,
    costMinor: row.costMinor,
    status: row.status,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

type RewardFields = Pick<
  RewardRow,
  'kind' | 'discountAmountMinor' | 'discountPercent' | 'sku' | 'tierIds' | 'availableFrom' | 'availableTo'
>;

/** Which kind-specific field each kind requires; every other one of them must be absent. */
const KIND_FIELD = {
  discount_amount: 'discountAmountMinor',
  discount_percent: 'discountPercent',
  free_item: 'sku',
  voucher: null,
  custom: null,
} as const;

/**
 * The checks the schema cannot express: the field a kind needs (and no other kind's), the program's currency
 * (stated when a discount_amount reward is created, so the amount's unit is never assumed),
 * a window that ends after it starts, and tier restrictions naming tiers of the program.
 */
async function checkReward(
  tx: Tx,
  tenantId: string,
  program: { id: string; earningCurrency: string },
  reward: RewardFields,
  currency: string | null | undefined,
  creating: boolean,
): Promise<void> {
  const errors: { path: string; message: string }[] = [];
  const needed = KIND_FIELD[reward.kind];
  for (const field of ['discountAmountMinor', 'discountPercent', 'sku'] as const) {
    if (field === needed && reward[field] === null) {
      errors.push({ path: `body.${field}`, message: `is required for a ${reward.kind} reward` });
    } else if (field !== needed && reward[field] !== null) {
      errors.push({ path: `body.${field}`, message: `must be absent for a ${reward.kind} reward` });
    }
  }
  if (creating && reward.kind === 'discount_amount' && currency == null) {
    errors.push({ path: 'body.currency', message: 'is required for a discount_amount reward' });
  }
  if (currency != null && currency !== program.earningCurrency) {
    errors.push({
      path: 'body.currency',
      message: `must be the program's earning currency, ${program.earningCurrency}`,
    });
  }
  if (reward.availableFrom && reward.availableTo && reward.availableTo <= reward.availableFrom) {
    errors.push({ path: 'body.availableTo', message: 'must be after availableFrom' });
  }
  if (reward.tierIds.length > 0) {
    const tiers = new Set(await repo.tierIdsOf(tx, tenantId, program.id));
    reward.tierIds.forEach((id, i) => {
      if (!tiers.has(id)) errors.push({ path: `body.tierIds.${i}`, message: 'is not a tier of this program' });
    });
  }
  if (errors.length > 0) throw new InvalidRequestError(errors);
}

const date = (value: string | null | undefined) => (value == null ? value : new Date(value));

/** Splits an upload into trimmed, non-empty codes; a CSV body keeps its first column and drops a `code` header. */
export function parseCodesCsv(body: string): string[] {
  const codes = body
    .split(/\r?\n/)
    .map((line) =>
      line
        .split(',')[0]!
        .trim()
        .replace(/^"(.*)"$/, '$1'),
    )
    .filter((code) => code.length > 0);
  return codes[0]?.toLowerCase() === 'code' ? codes.slice(1) : codes;
}

export function createRewardsService(prisma: PrismaClient) {
  async function requireProgram(tx: Tx, tenantId: string, programId: string) {
    const program = await repo.findProgram(tx, tenantId, programId);
    if (!program) throw new NotFoundError(`Program ${programId}`);
    return program;
  }

  return {
    async create(auth: AuthContext, programId: string, input: CreateReward): Promise<Reward> {
      return withTenant(prisma, auth.tenantId, async (tx) => {
        const program = await requireProgram(tx, auth.tenantId, programId);
        const { currency, ...fields } = input;
        const data = {
          ...fields,
          description: fields.description ?? null,
          discountAmountMinor: fields.discountAmountMinor ?? null,
          discountPercent: fields.discountPercent ?? null,
          sku: fields.sku ?? null,
          inventory: fields.inventory ?? null,
          perMemberLimit: fields.perMemberLimit ?? null,
          tierIds: fields.tierIds ?? [],
          availableFrom: date(fields.availableFrom) ?? null,
          availableTo: date(fields.availableTo) ?? null,
        };
        await checkReward(tx, auth.tenantId, program, data, currency, true);
        const row = await repo.create(tx, { ...data, tenantId: auth.tenantId, programId });
        await audit(tx, auth, { action: 'reward.create', entityType: 'reward', entityId: row.id, after: row });
        return toReward(row, program.earningCurrency);
      });
    },

    async get(auth: AuthContext, programId: string, id: string): Promise<Reward> {
      return withTenant(prisma, auth.tenantId, async (tx) => {
        const program = await requireProgram(tx, auth.tenantId, programId);
        const row = await repo.find(tx, auth.tenantId, programId, id);
        if (!row) throw new NotFoundError(`Reward ${id}`);
        return toReward(row, program.earningCurrency);
      });
    },

    async list(
      auth: AuthContext,
      programId: string,
      query: { limit?: number; cursor?: string; status?: 'active' | 'archived' },
    ) {
      const limit = query.limit ?? 50;
      const after = decodeCursor<{ createdAt: string; id: string }>(query.cursor, {
        createdAt: 'string',
        id: 'string',
      });
      const { program, rows } = await withTenant(prisma, auth.tenantId, async (tx) => ({
        program: await requireProgram(tx, auth.tenantId, programId),
        rows: await repo.list(tx, auth.tenantId, programId, query.status, limit + 1, after),
      }));
      const result = page(rows, limit, (r) => ({ createdAt: r.createdAt.toISOString(), id: r.id }));
      return {
        items: result.items.map((r) => toReward(r, program.earningCurrency)),
        nextCursor: result.nextCursor,
      };
    },

    async update(auth: AuthContext, programId: string, id: string, input: UpdateReward): Promise<Reward> {
      return withTenant(prisma, auth.tenantId, async (tx) => {
        const program = await requireProgram(tx, auth.tenantId, programId);
        const before = await repo.find(tx, auth.tenantId, programId, id);
        if (!before) throw new NotFoundError(`Reward ${id}`);
        const { currency, availableFrom, availableTo, ...fields } = input;
        const changes = { ...fields, availableFrom: date(availableFrom), availableTo: date(availableTo) };
        const merged = { ...before, ...Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) };
        await checkReward(tx, auth.tenantId, program, merged as RewardFields, currency, false);
        const after = await repo.update(tx, auth.tenantId, id, changes);
        await audit(tx, auth, { action: 'reward.update', entityType: 'reward', entityId: id, before, after });
        return toReward(after, program.earningCurrency);
      });
    },

    /** Adds voucher codes to a voucher reward's pool; repeats (in the upload or the pool) are counted, not added. */
    async uploadCodes(auth: AuthContext, rewardId: string, codes: string[]) {
      return withTenant(prisma, auth.tenantId, async (tx) => {
        const reward = await repo.findById(tx, auth.tenantId, rewardId);
        if (!reward) throw new NotFoundError(`Reward ${rewardId}`);
        if (reward.kind !== 'voucher') {
          throw new UnprocessableError('not-a-voucher-reward', `Reward ${rewardId} is a ${reward.kind} reward.`);
        }
        const unique = [...new Set(codes)];
        const accepted = await repo.addCodes(tx, auth.tenantId, rewardId, unique);
        const result = { received: codes.length, accepted, duplicates: codes.length - accepted };
        await audit(tx, auth, {
          action: 'reward.codes_upload',
          entityType: 'reward',
          entityId: rewardId,
          after: result,
        });
        return result;
      });
    },

    async codeCounts(auth: AuthContext, rewardId: string) {
      return withTenant(prisma, auth.tenantId, async (tx) => {
        const reward = await repo.findById(tx, auth.tenantId, rewardId);
        if (!reward) throw new NotFoundError(`Reward ${rewardId}`);
        const counts = await repo.countCodes(tx, auth.tenantId, rewardId);
        return { ...counts, total: counts.available + counts.reserved + counts.issued };
      });
    },
  };
}

export type RewardsService = ReturnType<typeof createRewardsService>;
