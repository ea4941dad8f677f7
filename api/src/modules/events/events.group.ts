import type { AuthContext } from '../../auth/context.ts';
import { ServiceUnavailableError } from '../../errors.ts';
import { type IdempotentResult, replay, requestHash } from '../../infra/idempotency.ts';
import { type Tx, withTenantFirst } from '../../infra/tenant-tx.ts';
import { prepareAccrual } from './events.accrue.ts';
import { duplicateEvent, type EventsContext } from './events.context.ts';
import { GroupBudgetShort, type GroupMember, groupMember } from './events.group.member.ts';
import { type GroupRequest, groupRepository as repo } from './events.group.repository.ts';
import type { AccrualContext } from './events.repository.ts';
import type { EventResult, RecordEvent } from './events.schemas.ts';

/**
 * Group commit for accruals. Accruals that arrive while earlier groups hold the connections wait in a queue; the
 * next free slot takes up to `maxSize` of them (one tenant, one program choice) and runs them in one transaction:
 * one statement claims their keys, reads their members and locks their balances, one statement writes every
 * accrual whose writes are the rules' credit alone, and one COMMIT makes them durable together. Each caller is
 * answered once that transaction commits. When the api is idle a request waits for nothing: it forms a group of
 * one at once.
 *
 * Campaign bonuses join the group: decided in memory from the seats the first statement read, written by the write
 * statement with the rules' credits, and taken from each campaign's budget once per group, by the same statement,
 * the transaction's last (`groupBudget`). A budget that cannot cover the group's share rolls the transaction back,
 * and it runs again with that campaign's accruals alone, on the exact path.
 *
 * Each accrual keeps its own answer: one that fails (a problem of its own, even an unexpected error) writes nothing
 * and frees its key, and the others commit. Accruals that write more (enrolment, tiers, a campaign seat to write, a
 * reward to grant) run alone, each in a transaction of its own, once the group committed. A member, key or event
 * external id appears at most once in a group, so a member's accruals stay serialised (later ones wait for the next
 * group). If the group's transaction itself fails, each of its accruals runs again alone.
 */

export interface GroupCommitOptions {
  /** Accruals per group at most. */
  maxSize?: number;
  /** Groups in flight at once: connections the accrual path may hold. */
  maxInFlight?: number;
  /**
   * How long an accrual may wait in the queue before it is answered 503 (nothing written, its key free, safe to
   * retry): an overloaded api says so instead of letting the queue, and every caller's wait, grow without end.
   */
  maxWaitMs?: number;
}

interface Pending {
  auth: AuthContext;
  input: RecordEvent;
  key: string;
  /** Tenant and program choice: accruals of one group share them. */
  group: string;
  queuedAt: number;
  resolve: (r: IdempotentResult<EventResult>) => void;
  reject: (err: unknown) => void;
}

/** 'again': in the next group; 'alone': in a transaction of its own once this group committed. */
type Outcome = { ok: IdempotentResult<EventResult> } | { err: unknown } | 'again' | 'alone';

/** `alone`: one accrual in its own transaction (the fallback of a group that failed). */
export function createAccrualGroups(
  events: EventsContext,
  alone: (auth: AuthContext, input: RecordEvent, key: string) => Promise<IdempotentResult<EventResult>>,
  opts: GroupCommitOptions = {},
) {
  const maxSize = opts.maxSize ?? 64;
  const maxInFlight = opts.maxInFlight ?? 2;
  const maxWaitMs = opts.maxWaitMs ?? 5_000;
  let queue: Pending[] = [];
  let inFlight = 0;
  let scheduled = false;

  /** The next group: the oldest accrual and those after it that may join it, in arrival order. */
  function take(): Pending[] {
    const first = queue[0]!;
    const taken: Pending[] = [];
    const rest: Pending[] = [];
    const seen = new Set<string>();
    for (const p of queue) {
      const marks = [
        `k:${p.key}`,
        `m:${p.input.memberId ?? `x:${p.input.memberExternalId}`}`,
        `e:${p.input.externalId}`,
      ];
      if (taken.length < maxSize && p.group === first.group && !marks.some((m) => seen.has(m))) {
        for (const m of marks) seen.add(m);
        taken.push(p);
      } else rest.push(p);
    }
    queue = rest;
    return taken;
  }

  /** Answers 503 to the accruals that waited longer than maxWaitMs; they were never claimed, so nothing to undo. */
  function expire() {
    const oldest = performance.now() - maxWaitMs;
    if (queue.length === 0 || queue[0]!.queuedAt >= oldest) return;
    const waited = queue.filter((p) => p.queuedAt < oldest);
    queue = queue.filter((p) => p.queuedAt >= oldest);
    const busy = new ServiceUnavailableError(
      `The api is writing accruals more slowly than they arrive: this one waited over ${maxWaitMs} ms and was not ` +
        'written. Send it again with the same Idempotency-Key.',
    );
    for (const p of waited) p.reject(busy);
  }

  function pump() {
    scheduled = false;
    expire();
    while (inFlight < maxInFlight && queue.length > 0) {
      const group = take();
      inFlight += 1;
      run(group).finally(() => {
        inFlight -= 1;
        schedule();
      });
    }
  }

  function schedule() {
    if (scheduled || queue.length === 0) return;
    scheduled = true;
    // After the current turn: requests parsed in the same turn of the event loop join one group.
    setImmediate(pump);
  }

  async function run(group: Pending[]) {
    let outcomes: Outcome[];
    const skip = new Set<string>();
    for (;;) {
      try {
        outcomes = await commit(group, skip);
        break;
      } catch (err) {
        // A campaign's budget could not cover the group's bonuses: nothing was written; the group again, with that
        // campaign's accruals alone, on the exact path (which gives the budget's last points and reports it spent).
        if (err instanceof GroupBudgetShort && err.campaignIds.some((id) => !skip.has(id))) {
          for (const id of err.campaignIds) skip.add(id);
          continue;
        }
        // The transaction failed as a whole (a deadlock, a lost connection): each accrual again, alone.
        await Promise.all(group.map((p) => alone(p.auth, p.input, p.key).then(p.resolve, p.reject)));
        return;
      }
    }
    for (const [i, p] of group.entries()) {
      const outcome = outcomes[i]!;
      if (outcome === 'again') submitPending(p);
      else if (outcome === 'alone') void alone(p.auth, p.input, p.key).then(p.resolve, p.reject);
      else if ('ok' in outcome) p.resolve(outcome.ok);
      else p.reject(outcome.err);
    }
  }

  /** The group's transaction; an outcome per accrual, known once it committed. */
  function commit(group: Pending[], skip: ReadonlySet<string>): Promise<Outcome[]> {
    const { tenantId } = group[0]!.auth;
    const programId = group[0]!.input.programId ?? null;
    const requests: GroupRequest[] = group.map((p) => ({
      key: p.key,
      hash: requestHash(p.input),
      memberId: p.input.memberId ?? null,
      memberExternalId: p.input.memberId === undefined ? p.input.memberExternalId! : null,
    }));
    const seats = events.campaigns.seatsQuery?.(tenantId) ?? null;
    return withTenantFirst(
      events.prisma,
      tenantId,
      (tenantCte) => repo.context(tenantCte, { tenantId, programId, requests, seats }),
      async (tx, row: Parameters<typeof repo.parseContext>[0]) => {
        const contexts = repo.parseContext(row, requests);
        return decide(tx, group, requests, contexts, skip);
      },
    );
  }

  async function decide(
    tx: Tx,
    group: Pending[],
    requests: GroupRequest[],
    contexts: AccrualContext[],
    skip: ReadonlySet<string>,
  ) {
    const outcomes: Outcome[] = [];
    const writes: (GroupMember & { at: number })[] = [];
    const release: string[] = [];
    const members = new Set<string>();
    let programId: string | null = null;
    for (const [i, p] of group.entries()) {
      const ctx = contexts[i]!;
      const args = { tenantId: p.auth.tenantId, key: p.key, operation: 'POST /v1/events', body: p.input };
      try {
        if (!ctx.claimed) {
          outcomes.push({ ok: await replay<EventResult>(tx, args, requests[i]!.hash) });
          continue;
        }
        // One member by id and by external id in one group: the later waits for the next group.
        if (ctx.member && members.has(ctx.member.id)) {
          release.push(p.key);
          outcomes.push('again');
          continue;
        }
        if (ctx.member) members.add(ctx.member.id);
        if (ctx.member && ctx.balance) {
          const a = await prepareAccrual(events, tx, p.auth, p.input, ctx, p.key);
          const member = await groupMember(events, tx, a, ctx, p.key, skip);
          if (member) {
            programId = a.program.id;
            writes.push({ ...member, at: i });
            outcomes.push({ ok: { status: 201, body: member.body, replayed: false } });
            continue;
          }
        }
        // Enrolment, a missing balance row, tiers, a seat to write or a reward to grant: these run alone, in a
        // transaction of their own, once this group committed (their claim is freed here).
        release.push(p.key);
        outcomes.push('alone');
      } catch (err) {
        release.push(p.key);
        outcomes.push({ err });
      }
    }
    if (writes.length || release.length) {
      const tenantId = group[0]!.auth.tenantId;
      const budget = events.campaigns.groupBudget ?? null;
      const { written, short } = await repo.write(
        tx,
        tenantId,
        programId,
        writes.map((w) => w.write),
        release,
        budget?.ctes ?? null,
      );
      // A campaign's budget could not cover the group's share of its bonuses: the whole transaction rolls back, and
      // `run` runs it again with that campaign's accruals alone.
      if (short.length) {
        budget?.short(tenantId, short);
        throw new GroupBudgetShort(short);
      }
      for (const [n, w] of writes.entries()) {
        const done = written[n]!;
        if (!done.inserted) {
          outcomes[w.at] = await duplicateEvent(tx, tenantId, w.write.externalId).catch((err) => ({ err }));
        } else if (done.balance && done.balance.available !== w.body.balance.available) {
          throw new Error(`balance of member ${w.write.memberId} moved under its lock`);
        }
      }
    }
    return outcomes;
  }

  function submitPending(p: Pending) {
    queue.push(p);
    schedule();
  }

  return {
    /** Records an accrual (any event but a refund) in the next group; settles once its group committed. */
    submit: (auth: AuthContext, input: RecordEvent, key: string) =>
      new Promise<IdempotentResult<EventResult>>((resolve, reject) => {
        const group = `${auth.tenantId}:${input.programId ?? ''}`;
        submitPending({ auth, input, key, group, queuedAt: performance.now(), resolve, reject });
      }),
  };
}

export type AccrualGroups = ReturnType<typeof createAccrualGroups>;
