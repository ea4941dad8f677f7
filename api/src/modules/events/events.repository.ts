import { PREPARED, Prisma } from '@loyaltystudio/prisma';
import { type SavedResponse, saveResponse } from '../../infra/idempotency.ts';
import type { Tx } from '../../infra/tenant-tx.ts';
import type { ExpiryPolicy } from '../ledger/expiry-date.ts';
import {
  BALANCE_COLUMNS,
  type BalanceRow,
  balanceFromJson,
  type CreditInput,
  type CreditLine,
  creditCtes,
  creditLinesCtes,
} from '../ledger/ledger.core.ts';
import { type EventPayload, type EventType, emitSql } from '../webhooks/outbox.ts';
import type { CampaignPlan, CampaignSeat } from './campaign-effects.ts';

/** What the accrual path needs of a program, read in one statement. */
export interface ProgramContext {
  id: string;
  status: 'active' | 'archived';
  rounding: 'floor' | 'round' | 'ceil';
  earningCurrency: string;
  maxPointsPerEvent: number | null;
  expiryPolicy: ExpiryPolicy;
  expiryValue: number | null;
  timeZone: string;
  hasTiers: boolean;
  /** The rule versions in force, sorted: the cache key of the compiled rule set. */
  versionIds: string[];
}

export interface MemberContext {
  id: string;
  status: 'active' | 'erased';
  attributes: Record<string, unknown>;
  tags: string[];
  enrolledAt: Date;
}

export interface StoredEvent {
  id: string;
  memberId: string;
  programId: string;
  type: string;
  amountMinor: number | null;
  currency: string | null;
}

export interface NewEvent {
  /** Chosen by the caller, so later writes of the same statement can name it. */
  id: string;
  tenantId: string;
  programId: string;
  memberId: string;
  externalId: string;
  type: string;
  customType: string | null;
  occurredAt: Date;
  amountMinor: number | null;
  currency: string | null;
  channel: string | null;
  lineItems: unknown[];
  attributes: Record<string, unknown>;
  refundOfEventId: string | null;
  pointsByRule: Record<string, number>;
}

/** What the first statement of an accrual read and locked; see `accrualContext`. */
export interface AccrualContext {
  /** This request claimed its idempotency key (false: another request holds it, replay that one's response). */
  claimed: boolean;
  programs: ProgramContext[];
  member: MemberContext | null;
  /** Locked; null when the member, the program or the balance row is missing, or the key was not claimed. */
  balance: BalanceRow | null;
  /** The member's seats in running campaigns of the program (read with the balance; empty without seatsQuery). */
  seats: CampaignSeat[];
}

/** What `accrualWrites` writes. */
export interface AccrualWrites {
  event: NewEvent;
  credit: CreditInput | null;
  outbox: { type: EventType; payload: EventPayload } | null;
  response: SavedResponse;
  /**
   * Campaign bonuses: the credit's lines (the rules' accrual, if any, then the bonuses, instead of `credit`), and
   * the plan's guard and writes. The statement writes nothing at all unless the guard's `go` holds.
   */
  campaign?: {
    credit: { key: Omit<CreditInput, 'kind' | 'points'>; lines: CreditLine[] } | null;
    plan: Pick<CampaignPlan, 'guard' | 'writes'>;
  } | null;
}

export const MEMBER_COLUMNS = Prisma.sql`id, status::text AS status, attributes, tags, enrolled_at AS "enrolledAt"`;

/** The program (or, without an id, the tenant's active programs: at most two, to tell one from several). */
export const programContexts = (tenantId: string, programId: string | null) => Prisma.sql`
    SELECT p.id, p.status::text AS status, p.rounding::text AS rounding, p.earning_currency AS "earningCurrency",
      p.max_points_per_event AS "maxPointsPerEvent", p.expiry_policy::text AS "expiryPolicy",
      p.expiry_value AS "expiryValue", t.time_zone AS "timeZone",
      EXISTS (SELECT 1 FROM tiers WHERE tiers.program_id = p.id AND tiers.tenant_id = p.tenant_id) AS "hasTiers",
      ARRAY(SELECT rv.id::text FROM rules r JOIN rule_versions rv ON rv.rule_id = r.id AND rv.version = r.current_version
            WHERE r.program_id = p.id AND r.tenant_id = p.tenant_id AND r.archived_at IS NULL ORDER BY rv.id
      ) AS "versionIds"
    FROM programs p JOIN tenants t ON t.id = p.tenant_id
    WHERE p.tenant_id = ${tenantId}::uuid
      AND ${programId === null ? Prisma.sql`p.status = 'active'` : Prisma.sql`p.id = ${programId}::uuid`}
    ORDER BY p.created_at LIMIT 2`;

const eventColumns = (e: NewEvent) => Prisma.sql`${e.id}::uuid, ${e.tenantId}::uuid, ${e.programId}::uuid,
    ${e.memberId}::uuid, ${e.externalId}, ${e.type}::"EventType", ${e.customType}, ${e.occurredAt}::timestamptz,
    ${e.amountMinor}::int, ${e.currency}, ${e.channel}, ${JSON.stringify(e.lineItems)}::jsonb,
    ${JSON.stringify(e.attributes)}::jsonb, ${e.refundOfEventId}::uuid, ${JSON.stringify(e.pointsByRule)}::jsonb`;

/** Inserts the event unless its external id is taken; with `onlyIf`, only if that SQL condition also holds. */
const newEventValues = (e: NewEvent, onlyIf?: Prisma.Sql) => Prisma.sql`
  INSERT INTO events (id, tenant_id, program_id, member_id, external_id, type, custom_type, occurred_at, amount_minor,
    currency, channel, line_items, attributes, refund_of_event_id, points_by_rule)
  ${onlyIf ? Prisma.sql`SELECT ${eventColumns(e)} WHERE ${onlyIf}` : Prisma.sql`VALUES (${eventColumns(e)})`}
  ON CONFLICT (tenant_id, external_id) DO NOTHING
  RETURNING id`;

export const eventsRepository = {
  /**
   * The first statement of an accrual, around the tenant settings CTE (see `withTenantFirst`): claims the
   * idempotency key (`claim`, from `claimKey`), reads the program context and the member, and locks the balance
   * row `FOR UPDATE`, only once the key is claimed, so two requests with one key never hold the balance and the
   * key crosswise. Every table is filtered by tenant: this statement runs before row-level security applies.
   */
  accrualContext: (
    tenantCte: Prisma.Sql,
    args: {
      tenantId: string;
      programId: string | null;
      member: { id: string } | { externalId: string };
      claim: Prisma.Sql;
      /** The member's campaign seats (CampaignEffects.seatsQuery), read once the balance is locked. */
      seats?: Prisma.Sql | null;
    },
  ) => Prisma.sql`${Prisma.raw(PREPARED)}
    WITH ${tenantCte},
    claim AS (${args.claim}),
    p AS (${programContexts(args.tenantId, args.programId)}),
    chosen AS (SELECT id FROM p WHERE status = 'active' AND (SELECT count(*) FROM p) = 1),
    m AS (
      SELECT ${MEMBER_COLUMNS} FROM members WHERE tenant_id = ${args.tenantId}::uuid
        AND ${'id' in args.member ? Prisma.sql`id = ${args.member.id}::uuid` : Prisma.sql`external_id = ${args.member.externalId}`}
    ),
    bal AS (
      SELECT ${BALANCE_COLUMNS} FROM balances
      WHERE tenant_id = ${args.tenantId}::uuid AND member_id = (SELECT id FROM m) AND program_id = (SELECT id FROM chosen)
        AND EXISTS (SELECT 1 FROM claim)
      FOR UPDATE
    )${
      args.seats
        ? Prisma.sql`,
    seats AS (${args.seats})`
        : Prisma.empty
    }
    SELECT tenant."tenantSet", EXISTS (SELECT 1 FROM claim) AS claimed,
      COALESCE((SELECT json_agg(p) FROM p), '[]'::json) AS programs,
      (SELECT row_to_json(m) FROM m) AS member,
      (SELECT row_to_json(bal) FROM bal) AS balance${
        args.seats
          ? Prisma.sql`,
      COALESCE((SELECT json_agg(seats) FROM seats), '[]'::json) AS seats`
          : Prisma.empty
      }
    FROM tenant`,

  /** Restores the JSON columns of `accrualContext`'s row. */
  parseAccrualContext: (row: {
    claimed: boolean;
    programs: ProgramContext[];
    member: (Omit<MemberContext, 'enrolledAt'> & { enrolledAt: string }) | null;
    balance: unknown;
    seats?: CampaignSeat[];
  }): AccrualContext => ({
    claimed: row.claimed,
    programs: row.programs,
    member: row.member && { ...row.member, enrolledAt: new Date(row.member.enrolledAt) },
    balance: row.balance === null ? null : balanceFromJson(row.balance),
    seats: row.seats ?? [],
  }),

  /**
   * All the writes of an accrual in one statement: the event; if it is new (its external id unused), the credit
   * (ledger entry, lot, balance), the outbox event and the idempotency response. Answers whether the event was
   * new and, with a credit, the balance after it.
   */
  accrualWrites: (w: AccrualWrites) => {
    const isNew = Prisma.sql`EXISTS (SELECT 1 FROM ev)`;
    const campaign = w.campaign;
    const credits = campaign
      ? campaign.credit && creditLinesCtes(campaign.credit.key, campaign.credit.lines, isNew)
      : w.credit && creditCtes(w.credit, isNew);
    const seatWrites = campaign?.plan.writes?.(isNew);
    return Prisma.sql`${Prisma.raw(PREPARED)}
      WITH ${campaign ? Prisma.sql`${campaign.plan.guard},` : Prisma.empty}
      ev AS (${newEventValues(w.event, campaign ? Prisma.sql`(SELECT go FROM go)` : undefined)}),
      ${credits ? Prisma.sql`${credits},` : Prisma.empty}
      ${seatWrites ? Prisma.sql`${seatWrites},` : Prisma.empty}
      ${w.outbox ? Prisma.sql`ob AS (${emitSql(w.event.tenantId, w.outbox.type, w.outbox.payload, isNew)}),` : Prisma.empty}
      saved AS (${saveResponse(w.response, isNew)})
      SELECT ${isNew} AS inserted, ${campaign ? Prisma.sql`(SELECT go FROM go)` : Prisma.sql`true`} AS go,
        ${credits ? Prisma.sql`(SELECT row_to_json(b) FROM b)` : Prisma.sql`NULL::json`} AS balance`;
  },

  parseAccrualWrites: (row: { inserted: boolean; go: boolean; balance: unknown }) => ({
    inserted: row.inserted,
    go: row.go,
    balance: row.balance === null ? null : balanceFromJson(row.balance),
  }),

  /**
   * Runs `accrualWrites`. `go` is false when a campaign plan's guard failed: then nothing was written (and
   * `inserted` is false too).
   */
  recordAccrual: async (
    tx: Tx,
    w: AccrualWrites,
  ): Promise<{ inserted: boolean; go: boolean; balance: BalanceRow | null }> => {
    const [row] = await tx.$queryRaw<{ inserted: boolean; go: boolean; balance: unknown }[]>(
      eventsRepository.accrualWrites(w),
    );
    return eventsRepository.parseAccrualWrites(row!);
  },

  ruleVersions: (tx: Tx, tenantId: string, versionIds: string[]) =>
    tx.ruleVersion.findMany({ where: { tenantId, id: { in: versionIds } } }),

  memberById: async (tx: Tx, tenantId: string, id: string) =>
    (
      await tx.$queryRaw<MemberContext[]>`
        SELECT ${MEMBER_COLUMNS} FROM members WHERE tenant_id = ${tenantId}::uuid AND id = ${id}::uuid`
    )[0],

  memberByExternalId: async (tx: Tx, tenantId: string, externalId: string) =>
    (
      await tx.$queryRaw<MemberContext[]>`
        SELECT ${MEMBER_COLUMNS} FROM members WHERE tenant_id = ${tenantId}::uuid AND external_id = ${externalId}`
    )[0],

  /** Inserts the event unless the tenant already has one with this external id; null then. */
  insert: async (tx: Tx, e: NewEvent): Promise<string | null> =>
    (await tx.$queryRaw<{ id: string }[]>(newEventValues(e)))[0]?.id ?? null,

  idOfExternal: async (tx: Tx, tenantId: string, externalId: string) =>
    (
      await tx.$queryRaw<{ id: string }[]>`
        SELECT id FROM events WHERE tenant_id = ${tenantId}::uuid AND external_id = ${externalId}`
    )[0]?.id,

  findEvent: async (tx: Tx, tenantId: string, where: { id?: string; externalId?: string }) =>
    (
      await tx.$queryRaw<StoredEvent[]>`
        SELECT id, member_id AS "memberId", program_id AS "programId", type::text AS type,
          amount_minor AS "amountMinor", currency
        FROM events WHERE tenant_id = ${tenantId}::uuid
          AND ${where.id ? Prisma.sql`id = ${where.id}::uuid` : Prisma.sql`external_id = ${where.externalId}`}`
    )[0],

  /** Purchases of the member before this one, for first- and nth-purchase conditions. */
  priorPurchaseCount: async (tx: Tx, tenantId: string, memberId: string) =>
    Number(
      (
        await tx.$queryRaw<{ n: number }[]>`
          SELECT count(*)::int AS n FROM events
          WHERE tenant_id = ${tenantId}::uuid AND member_id = ${memberId}::uuid AND type = 'purchase'`
      )[0]?.n ?? 0,
    ),

  /** Points each rule gave the member for events since each period start (day, week, month, year). */
  pointsByRuleSince: (
    tx: Tx,
    args: {
      tenantId: string;
      memberId: string;
      programId: string;
      starts: Record<'day' | 'week' | 'month' | 'year', Date>;
    },
  ) => tx.$queryRaw<{ ruleId: string; day: number; week: number; month: number; year: number }[]>`
    SELECT r.key AS "ruleId",
      COALESCE(sum(r.value::int) FILTER (WHERE e.occurred_at >= ${args.starts.day}), 0)::int AS day,
      COALESCE(sum(r.value::int) FILTER (WHERE e.occurred_at >= ${args.starts.week}), 0)::int AS week,
      COALESCE(sum(r.value::int) FILTER (WHERE e.occurred_at >= ${args.starts.month}), 0)::int AS month,
      sum(r.value::int)::int AS year
    FROM events e, jsonb_each_text(e.points_by_rule) r
    WHERE e.tenant_id = ${args.tenantId}::uuid AND e.member_id = ${args.memberId}::uuid
      AND e.program_id = ${args.programId}::uuid AND e.occurred_at >= ${args.starts.year}
    GROUP BY r.key`,

  /** A purchase's credits (accrual and bonus entries) and what its refunds already took back. */
  refundState: async (tx: Tx, tenantId: string, purchaseId: string) =>
    (
      await tx.$queryRaw<
        { earned: number; reversed: number; refundedMinor: number; entryIds: string[]; versionIds: string[] }[]
      >`
        SELECT
          (SELECT COALESCE(sum(points), 0)::int FROM ledger_entries
            WHERE tenant_id = ${tenantId}::uuid AND event_id = ${purchaseId}::uuid AND kind IN ('accrual', 'bonus')) AS earned,
          (SELECT COALESCE(sum(shortfall_points - points), 0)::int FROM ledger_entries le JOIN events r ON r.id = le.event_id
            WHERE r.tenant_id = ${tenantId}::uuid AND r.refund_of_event_id = ${purchaseId}::uuid
              AND le.kind = 'reversal') AS reversed,
          (SELECT COALESCE(sum(amount_minor), 0)::int FROM events
            WHERE tenant_id = ${tenantId}::uuid AND refund_of_event_id = ${purchaseId}::uuid) AS "refundedMinor",
          ARRAY(SELECT id::text FROM ledger_entries
            WHERE tenant_id = ${tenantId}::uuid AND event_id = ${purchaseId}::uuid AND kind IN ('accrual', 'bonus')
            ) AS "entryIds",
          ARRAY(SELECT DISTINCT unnest(rule_version_ids)::text FROM ledger_entries
            WHERE tenant_id = ${tenantId}::uuid AND event_id = ${purchaseId}::uuid AND kind = 'accrual') AS "versionIds"`
    )[0]!,
};
