import type { AuthContext } from '../../auth/context.ts';
import { claimKey, type IdempotentResult, idempotent, replay, requestHash } from '../../infra/idempotency.ts';
import { withTenant, withTenantFirst } from '../../infra/tenant-tx.ts';
import { accrue } from './events.accrue.ts';
import { checkShape } from './events.checks.ts';
import type { EventsContext } from './events.context.ts';
import { refund } from './events.refund.ts';
import { eventsRepository as repo } from './events.repository.ts';
import type { EventResult, RecordEvent } from './events.schemas.ts';

/**
 * One event, recorded once per Idempotency-Key: a refund takes back its purchase's points (events.refund.ts); any
 * other event earns by the rules and campaigns (events.accrue.ts).
 */
export async function recordEvent(
  events: EventsContext,
  auth: AuthContext,
  input: RecordEvent,
  idempotencyKey: string,
): Promise<IdempotentResult<EventResult>> {
  checkShape(input, 'body');
  const tenantId = auth.tenantId;
  const args = { tenantId, key: idempotencyKey, operation: 'POST /v1/events', body: input };
  if (input.type === 'refund') {
    return withTenant(events.prisma, tenantId, (tx) =>
      idempotent(tx, args, async () => ({ status: 201, body: await refund(tx, auth, input) })),
    );
  }
  if (events.groups) return events.groups.submit(auth, input, idempotencyKey);
  return accrueAlone(events, auth, input, idempotencyKey);
}

/** Postgres broke a deadlock by failing this transaction (SQLSTATE 40P01): it wrote nothing. */
const isDeadlock = (err: unknown) =>
  err instanceof Error &&
  ((err as { meta?: { code?: string } }).meta?.code === '40P01' || /\b40P01\b/.test(err.message));

/**
 * An accrual in a transaction of its own: two statements (read and lock; write everything) between BEGIN and
 * COMMIT. Without group commit, and for the accruals of a group whose transaction failed. A transaction Postgres
 * chose as a deadlock's victim wrote nothing (its key's claim included) and runs again, up to three times: takers
 * of a campaign's last budget points may lock its slices crosswise.
 */
export async function accrueAlone(
  events: EventsContext,
  auth: AuthContext,
  input: RecordEvent,
  idempotencyKey: string,
): Promise<IdempotentResult<EventResult>> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await accrueOnce(events, auth, input, idempotencyKey);
    } catch (err) {
      if (attempt >= 3 || !isDeadlock(err)) throw err;
    }
  }
}

function accrueOnce(
  events: EventsContext,
  auth: AuthContext,
  input: RecordEvent,
  idempotencyKey: string,
): Promise<IdempotentResult<EventResult>> {
  const tenantId = auth.tenantId;
  const args = { tenantId, key: idempotencyKey, operation: 'POST /v1/events', body: input };
  const hash = requestHash(input);
  return withTenantFirst(
    events.prisma,
    tenantId,
    (tenantCte) =>
      repo.accrualContext(tenantCte, {
        tenantId,
        programId: input.programId ?? null,
        member: input.memberId !== undefined ? { id: input.memberId } : { externalId: input.memberExternalId! },
        claim: claimKey(args, hash),
        seats: events.campaigns.seatsQuery?.(tenantId) ?? null,
      }),
    async (tx, row: Parameters<typeof repo.parseAccrualContext>[0]) => {
      const ctx = repo.parseAccrualContext(row);
      if (!ctx.claimed) return replay<EventResult>(tx, args, hash);
      return { status: 201, body: await accrue(events, tx, auth, input, ctx, idempotencyKey), replayed: false };
    },
  );
}
