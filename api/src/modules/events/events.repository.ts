import { Prisma } from '@loyaltystudio/prisma';
import type { Tx } from '../../infra/tenant-tx.ts';
import type { ExpiryPolicy } from '../ledger/expiry-date.ts';

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

const MEMBER_COLUMNS = Prisma.sql`id, status::text AS status, attributes, tags, enrolled_at AS "enrolledAt"`;

export const eventsRepository = {
  /** The program (or, without an id, the tenant's active programs: at most two, to tell one from several). */
  programContexts: (tx: Tx, tenantId: string, programId: string | null) => tx.$queryRaw<ProgramContext[]>`
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
    ORDER BY p.created_at LIMIT 2`,

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
  insert: async (tx: Tx, e: NewEvent): Promise<string | null> => {
    const rows = await tx.$queryRaw<{ id: string }[]>`
      INSERT INTO events (tenant_id, program_id, member_id, external_id, type, custom_type, occurred_at, amount_minor,
        currency, channel, line_items, attributes, refund_of_event_id, points_by_rule)
      VALUES (${e.tenantId}::uuid, ${e.programId}::uuid, ${e.memberId}::uuid, ${e.externalId}, ${e.type}::"EventType",
        ${e.customType}, ${e.occurredAt}::timestamptz, ${e.amountMinor}::int, ${e.currency}, ${e.channel},
        ${JSON.stringify(e.lineItems)}::jsonb, ${JSON.stringify(e.attributes)}::jsonb, ${e.refundOfEventId}::uuid,
        ${JSON.stringify(e.pointsByRule)}::jsonb)
      ON CONFLICT (tenant_id, external_id) DO NOTHING
      RETURNING id`;
    return rows[0]?.id ?? null;
  },

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
