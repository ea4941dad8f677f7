import type { PrismaClient, Program as ProgramRow } from '@loyaltystudio/prisma';
import type { AuthContext } from '../../auth/context.ts';
import { InvalidRequestError, NotFoundError } from '../../errors.ts';
import { audit } from '../../infra/audit.ts';
import { createdOrderList } from '../../infra/pagination.ts';
import { withTenant } from '../../infra/tenant-tx.ts';
import { programsRepository as repo } from './programs.repository.ts';
import type { CreateProgram, Program, UpdateProgram } from './programs.schemas.ts';

export function toProgram(row: ProgramRow): Program {
  return {
    id: row.id,
    name: row.name,
    pointsName: row.pointsName,
    earningCurrency: row.earningCurrency,
    rounding: row.rounding,
    expiryPolicy: row.expiryPolicy,
    expiryValue: row.expiryValue,
    minRedemption: row.minRedemption,
    maxPointsPerEvent: row.maxPointsPerEvent,
    moneyValuePer1000Points: row.moneyValuePer1000Points,
    status: row.status,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** An expiry policy other than `never` needs its N; `never` takes none. */
function checkExpiry(policy: string | undefined, value: number | null | undefined): void {
  if (policy === undefined) return;
  if (policy === 'never' && value != null) {
    throw new InvalidRequestError([{ path: 'body.expiryValue', message: 'must be null when expiryPolicy is never' }]);
  }
  if (policy !== 'never' && value == null) {
    throw new InvalidRequestError([
      { path: 'body.expiryValue', message: `is required when expiryPolicy is ${policy}` },
    ]);
  }
}

export function createProgramsService(prisma: PrismaClient) {
  return {
    async create(auth: AuthContext, input: CreateProgram): Promise<Program> {
      checkExpiry(input.expiryPolicy ?? 'never', input.expiryValue);
      return withTenant(prisma, auth.tenantId, async (tx) => {
        const row = await repo.create(tx, { ...input, tenantId: auth.tenantId });
        await audit(tx, auth, { action: 'program.create', entityType: 'program', entityId: row.id, after: row });
        return toProgram(row);
      });
    },

    async get(auth: AuthContext, id: string): Promise<Program> {
      const row = await withTenant(prisma, auth.tenantId, (tx) => repo.find(tx, auth.tenantId, id));
      if (!row) throw new NotFoundError(`Program ${id}`);
      return toProgram(row);
    },

    async list(auth: AuthContext, query: { limit?: number; cursor?: string }) {
      return createdOrderList(
        query,
        (take, after) => withTenant(prisma, auth.tenantId, (tx) => repo.list(tx, auth.tenantId, take, after)),
        toProgram,
      );
    },

    async update(auth: AuthContext, id: string, input: UpdateProgram): Promise<Program> {
      return withTenant(prisma, auth.tenantId, async (tx) => {
        const before = await repo.find(tx, auth.tenantId, id);
        if (!before) throw new NotFoundError(`Program ${id}`);
        checkExpiry(
          input.expiryPolicy ?? before.expiryPolicy,
          input.expiryValue !== undefined ? input.expiryValue : before.expiryValue,
        );
        const after = await repo.update(tx, auth.tenantId, id, input);
        await audit(tx, auth, { action: 'program.update', entityType: 'program', entityId: id, before, after });
        return toProgram(after);
      });
    },
  };
}

export type ProgramsService = ReturnType<typeof createProgramsService>;
