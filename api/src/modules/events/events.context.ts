import type { PrismaClient } from '@loyaltystudio/prisma';
import { ConflictError, NotFoundError, UnprocessableError } from '../../errors.ts';
import type { Tx } from '../../infra/tenant-tx.ts';
import { membersRepository } from '../members/members.repository.ts';
import { emit } from '../webhooks/outbox.ts';
import type { CampaignEffects } from './campaign-effects.ts';
import type { AccrualGroups } from './events.group.ts';
import {
  type MemberContext,
  type NewEvent,
  type ProgramContext,
  eventsRepository as repo,
} from './events.repository.ts';
import type { RecordEvent } from './events.schemas.ts';
import type { RuleCache } from './rule-cache.ts';

// What every operation on events shares: its dependencies, the program and member an event belongs to (enrolling an
// unknown member), and storing the event once per external id.

/** The events operations' dependencies. */
export interface EventsContext {
  prisma: PrismaClient;
  campaigns: CampaignEffects;
  ruleCache: RuleCache;
  /** Group commit for accruals (events.group.ts); absent: each accrual in a transaction of its own. */
  groups?: AccrualGroups;
}

/** The program an event earns in, of those `accrualContext` read. */
export function programOf(rows: ProgramContext[], programId: string | undefined): ProgramContext {
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
export async function memberOf(
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

export async function duplicateEvent(tx: Tx, tenantId: string, externalId: string): Promise<never> {
  const existing = await repo.idOfExternal(tx, tenantId, externalId);
  throw new ConflictError(`An event with external id ${externalId} was already recorded as ${existing}.`, {
    eventId: existing,
  });
}

export async function insertEvent(tx: Tx, args: NewEvent): Promise<string> {
  return (await repo.insert(tx, args)) ?? duplicateEvent(tx, args.tenantId, args.externalId);
}
