import { PREPARED, Prisma } from '@loyaltystudio/prisma';
import { claimKeys } from '../../infra/idempotency.ts';
import type { Tx } from '../../infra/tenant-tx.ts';
import { BALANCE_COLUMNS, type BalanceRow, balanceFromJson, type CreditLine } from '../ledger/ledger.core.ts';
import type { CampaignSeat } from './campaign-effects.ts';
import {
  type AccrualContext,
  MEMBER_COLUMNS,
  type MemberContext,
  type NewEvent,
  type ProgramContext,
  programContexts,
} from './events.repository.ts';

// The two statements of a group of accruals (events.group.ts): the set-based forms of `accrualContext` and
// `accrualWrites`, one row per accrual, passed as one JSON parameter so that every group size shares one prepared
// statement.

/** One accrual of a group, as the first statement reads it. */
export interface GroupRequest {
  key: string;
  hash: string;
  memberId: string | null;
  memberExternalId: string | null;
}

/**
 * One accrual of a group (`events.group.member.ts`): its event, its credit lines (the rules' accrual, then each
 * campaign's bonus) and its answer.
 */
export interface GroupWrite extends Omit<NewEvent, 'id' | 'tenantId' | 'programId' | 'refundOfEventId'> {
  eventId: string;
  /** The lines' total; 0: no credit, no outbox event. */
  points: number;
  /** Each line one entry and one lot, numbered in this order. */
  lines: CreditLine[];
  /** The bonuses of campaigns with a budget, taken from it with the group's others (`groupBudget`). */
  budgeted: { campaignId: string; points: number }[];
  earnedAt: Date;
  expiresAt: Date | null;
  outbox: unknown;
  key: string;
  response: unknown;
}

type Row = { tenantSet: string; claimed: string[]; programs: ProgramContext[]; members: unknown; balances: unknown };

/** A group's write: tenant, program, the writes, the keys to release, and each campaign's budget update. */
type GroupWriteArgs = [
  tenantId: string,
  programId: string | null,
  rows: GroupWrite[],
  release: string[],
  budget: ((tenantId: string, need: Prisma.Sql) => Prisma.Sql) | null,
];

export const groupRepository = {
  /**
   * `accrualContext` for many accruals of one tenant and program choice: claims their keys, reads the program and
   * their members, and locks the balances of the claimed ones in member order (so groups that share members lock
   * them in one order), with each member's campaign seats.
   */
  context: (
    tenantCte: Prisma.Sql,
    args: { tenantId: string; programId: string | null; requests: GroupRequest[]; seats?: Prisma.Sql | null },
  ) => {
    const t = Prisma.sql`${args.tenantId}::uuid`;
    const requests = args.requests.map((r, i) => ({
      i,
      key: r.key,
      hash: r.hash,
      mid: r.memberId,
      ext: r.memberExternalId,
    }));
    return Prisma.sql`${Prisma.raw(PREPARED)}
    WITH ${tenantCte},
    r AS (SELECT * FROM jsonb_to_recordset(${JSON.stringify(requests)}::jsonb) AS r(i int, key text, hash text, mid uuid, ext text)),
    claim AS (${claimKeys(args.tenantId, 'POST /v1/events', Prisma.sql`r`)}),
    p AS (${programContexts(args.tenantId, args.programId)}),
    chosen AS (SELECT id FROM p WHERE status = 'active' AND (SELECT count(*) FROM p) = 1),
    m AS (
      SELECT r.i, r.key, mb.* FROM r
      CROSS JOIN LATERAL (
        SELECT ${MEMBER_COLUMNS} FROM members
        WHERE tenant_id = ${t} AND ((r.mid IS NOT NULL AND id = r.mid) OR (r.mid IS NULL AND external_id = r.ext))
      ) mb
    ),
    bal AS (
      SELECT m.i, ${BALANCE_COLUMNS} FROM balances JOIN m ON balances.member_id = m.id
      WHERE balances.member_id = ANY (ARRAY(SELECT id FROM m)) AND balances.program_id = (SELECT id FROM chosen)
        AND balances.tenant_id = ${t} AND m.key IN (SELECT key FROM claim)
      ORDER BY balances.member_id
      FOR UPDATE OF balances
    )${
      args.seats
        ? Prisma.sql`,
    seats AS (
      SELECT mm.i, s.list FROM m mm
      CROSS JOIN LATERAL (
        WITH m AS (SELECT mm.id AS id) SELECT COALESCE(json_agg(x), '[]'::json) AS list FROM (${args.seats}) x
      ) s
    )`
        : Prisma.empty
    }
    SELECT tenant."tenantSet", ARRAY(SELECT key FROM claim) AS claimed,
      COALESCE((SELECT json_agg(p) FROM p), '[]'::json) AS programs,
      COALESCE((SELECT json_agg(m) FROM m), '[]'::json) AS members,
      COALESCE((SELECT json_agg(bal) FROM bal), '[]'::json) AS balances${
        args.seats
          ? Prisma.sql`,
      COALESCE((SELECT json_agg(seats) FROM seats), '[]'::json) AS seats`
          : Prisma.empty
      }
    FROM tenant`;
  },

  /** Splits `context`'s row into one AccrualContext per request, in the order given. */
  parseContext: (row: Row & { seats?: unknown }, requests: GroupRequest[]): AccrualContext[] => {
    const claimed = new Set(row.claimed);
    const members = new Map<number, MemberContext>();
    for (const m of row.members as (MemberContext & { i: number; key: string; enrolledAt: string })[]) {
      const { i, key: _key, ...member } = m;
      members.set(i, { ...member, enrolledAt: new Date(m.enrolledAt) });
    }
    const balances = new Map<number, BalanceRow>();
    for (const b of row.balances as { i: number }[]) balances.set(b.i, balanceFromJson(b));
    const seats = new Map<number, CampaignSeat[]>();
    for (const s of (row.seats ?? []) as { i: number; list: CampaignSeat[] }[]) seats.set(s.i, s.list);
    return requests.map((r, i) => ({
      claimed: claimed.has(r.key),
      programs: row.programs,
      member: members.get(i) ?? null,
      balance: balances.get(i) ?? null,
      seats: seats.get(i) ?? [],
    }));
  },

  /**
   * `accrualWrites` for many accruals: the events; for each new one (its external id unused), the credit (entry,
   * lot, balance), the outbox event and the stored response; for each not new, and for each key in `release` (an
   * accrual of the group that failed), the key's claim is deleted so that a retry runs again. Answers, per write,
   * whether its event was new and the balance after its credit.
   */
  writes: (...[tenantId, programId, rows, release, budget]: GroupWriteArgs) => {
    const t = Prisma.sql`${tenantId}::uuid`;
    const p = Prisma.sql`${programId}::uuid`;
    const data = rows.map((w) => ({
      eid: w.eventId,
      mid: w.memberId,
      ext: w.externalId,
      etype: w.type,
      ctype: w.customType,
      at: w.occurredAt,
      amt: w.amountMinor,
      cur: w.currency,
      chan: w.channel,
      items: w.lineItems,
      attrs: w.attributes,
      by_rule: w.pointsByRule,
      pts: w.points,
      n: w.lines.length,
      lines: w.lines.map((l, i) => ({
        ord: i + 1,
        kind: l.kind,
        pts: l.points,
        versions: l.ruleVersionIds ?? [],
        cid: l.campaignId ?? null,
        reason: l.reason ?? null,
      })),
      bud: w.budgeted.map((b) => ({ cid: b.campaignId, pts: b.points })),
      earned: w.earnedAt,
      expires: w.expiresAt,
      payload: w.outbox,
      ikey: w.key,
      resp: w.response,
    }));
    // Members and keys also as arrays: each table is then reached by its index, whatever plan the join gets.
    const members = rows.filter((w) => w.points > 0).map((w) => w.memberId);
    const keys = rows.map((w) => w.key);
    return Prisma.sql`${Prisma.raw(PREPARED)}
    WITH w AS (
      SELECT * FROM jsonb_to_recordset(${JSON.stringify(data)}::jsonb) AS w(eid uuid, mid uuid, ext text, etype text,
        ctype text, at timestamptz, amt int, cur text, chan text, items jsonb, attrs jsonb, by_rule jsonb, pts int,
        n int, lines jsonb, bud jsonb, earned timestamptz, expires timestamptz, payload jsonb, ikey text, resp jsonb)
    ), ev AS (
      INSERT INTO events (id, tenant_id, program_id, member_id, external_id, type, custom_type, occurred_at,
        amount_minor, currency, channel, line_items, attributes, refund_of_event_id, points_by_rule)
      SELECT eid, ${t}, ${p}, mid, ext, etype::"EventType", ctype, at, amt, cur, chan, items, attrs, NULL, by_rule
      FROM w ORDER BY ext
      ON CONFLICT (tenant_id, external_id) DO NOTHING
      RETURNING id
    ), cw AS (
      SELECT w.* FROM w WHERE w.pts > 0 AND w.eid IN (SELECT id FROM ev)
    ), b AS (
      UPDATE balances SET available = available + cw.pts, lifetime_earned = lifetime_earned + cw.pts,
        seq = seq + cw.n, updated_at = now()
      FROM cw
      WHERE balances.member_id = ANY (${members}::uuid[]) AND balances.member_id = cw.mid
        AND balances.program_id = ${p} AND balances.tenant_id = ${t}
      RETURNING ${BALANCE_COLUMNS}, cw.eid
    ), e AS (
      INSERT INTO ledger_entries (tenant_id, member_id, program_id, seq, kind, points, event_id, rule_version_ids,
        campaign_id, reason, effective_at)
      SELECT b."tenantId", b."memberId", b."programId", b.seq - cw.n + l.ord, l.kind::"LedgerKind", l.pts, cw.eid,
        l.versions, l.cid, l.reason, cw.earned
      FROM b JOIN cw ON cw.eid = b.eid
      CROSS JOIN LATERAL jsonb_to_recordset(cw.lines) AS l(ord int, kind text, pts int, versions uuid[], cid uuid,
        reason text)
      RETURNING id, event_id, points
    ), lot AS (
      INSERT INTO point_lots (tenant_id, member_id, program_id, ledger_entry_id, earned_at, expires_at, points, remaining)
      SELECT ${t}, cw.mid, ${p}, e.id, cw.earned, cw.expires, e.points, e.points FROM e JOIN cw ON cw.eid = e.event_id
    ), ob AS (
      INSERT INTO outbox_events (tenant_id, type, payload) SELECT ${t}, 'points.earned', cw.payload FROM cw
    ), saved AS (
      UPDATE idempotency_keys k SET response_status = 201, response_body = w.resp
      FROM w WHERE k.tenant_id = ${t} AND k.key = ANY (${keys}::text[]) AND k.key = w.ikey
        AND w.eid IN (SELECT id FROM ev)
    ), released AS (
      DELETE FROM idempotency_keys
      WHERE tenant_id = ${t} AND key = ANY (${release}::text[] || ARRAY(SELECT ikey FROM w WHERE eid NOT IN (SELECT id FROM ev)))
    ), need AS (
      SELECT x.cid, sum(x.pts)::int AS pts
      FROM cw CROSS JOIN LATERAL jsonb_to_recordset(cw.bud) AS x(cid uuid, pts int)
      GROUP BY x.cid
    ), ${budget ? budget(tenantId, Prisma.sql`need`) : Prisma.sql`bud_short AS (SELECT cid FROM need)`}
    SELECT COALESCE(json_agg(json_build_object('eventId', w.eid, 'inserted', w.eid IN (SELECT id FROM ev),
      'balance', (SELECT row_to_json(b) FROM b WHERE b.eid = w.eid))), '[]'::json) AS written,
      ARRAY(SELECT cid::text FROM bud_short) AS short
    FROM w`;
  },

  /**
   * Runs `writes`: per write, in the order given, whether it was new and the balance after; and the campaigns whose
   * share of the bonuses the budget could not cover.
   */
  write: async (tx: Tx, ...args: GroupWriteArgs) => {
    const rows = args[2];
    const [row] = await tx.$queryRaw<
      { written: { eventId: string; inserted: boolean; balance: unknown }[]; short: string[] }[]
    >(groupRepository.writes(...args));
    const byEvent = new Map(row!.written.map((w) => [w.eventId, w]));
    const written = rows.map((w) => {
      const done = byEvent.get(w.eventId)!;
      return { inserted: done.inserted, balance: done.balance ? balanceFromJson(done.balance) : null };
    });
    return { written, short: row!.short };
  },
};
