import { Prisma, type RuleVersion } from '@loyaltystudio/prisma';
import type { RuleDefinition } from '../../domain/rules/index.ts';
import { createdOrderPage } from '../../infra/pagination.ts';
import type { Tx } from '../../infra/tenant-tx.ts';

/** A stored rule version in the engine's shape. */
export function toRuleDefinition(v: RuleVersion): RuleDefinition {
  return {
    id: v.ruleId,
    versionId: v.id,
    version: v.version,
    name: v.name,
    priority: v.priority,
    stacking: v.stacking,
    ...(v.activeFrom && { activeFrom: v.activeFrom.toISOString() }),
    ...(v.activeTo && { activeTo: v.activeTo.toISOString() }),
    conditions: v.conditions as RuleDefinition['conditions'],
    effects: v.effects as RuleDefinition['effects'],
  };
}

/**
 * The current versions of the program's rules: not archived, not disabled. With `at`, only those in force then
 * (activeFrom ≤ at < activeTo). Ordered by rule id; the engine sorts by priority itself.
 */
export async function currentRuleVersions(
  tx: Tx,
  tenantId: string,
  programId: string,
  at?: Date,
): Promise<RuleDefinition[]> {
  const inForce = at
    ? Prisma.sql`AND (rv.active_from IS NULL OR rv.active_from <= ${at}) AND (rv.active_to IS NULL OR rv.active_to > ${at})`
    : Prisma.empty;
  const versions = await tx.$queryRaw<RuleVersion[]>`
    SELECT rv.id, rv.tenant_id AS "tenantId", rv.rule_id AS "ruleId", rv.version, rv.name, rv.priority,
      rv.stacking::text AS stacking, rv.conditions, rv.effects, rv.active_from AS "activeFrom",
      rv.active_to AS "activeTo", rv.created_by AS "createdBy", rv.created_at AS "createdAt"
    FROM rules r JOIN rule_versions rv ON rv.rule_id = r.id AND rv.version = r.current_version
    WHERE r.tenant_id = ${tenantId}::uuid AND r.program_id = ${programId}::uuid AND r.archived_at IS NULL ${inForce}
    ORDER BY r.id`;
  return versions.map(toRuleDefinition);
}

/** The rule versions in force for the program at `at`, in the engine's shape: what the accrual path evaluates. */
export function activeRuleVersions(tx: Tx, tenantId: string, programId: string, at: Date): Promise<RuleDefinition[]> {
  return currentRuleVersions(tx, tenantId, programId, at);
}

const latestVersion = { versions: { orderBy: { version: 'desc' }, take: 1 } } as const;
export type RuleWithLatest = Prisma.RuleGetPayload<{ include: typeof latestVersion }>;

/** A program's event with what the backtest needs: the member as they are now, and what the event earned. */
export interface BacktestEventRow {
  id: string;
  memberId: string;
  type: 'purchase' | 'refund' | 'signup' | 'custom';
  customType: string | null;
  occurredAt: Date;
  amountMinor: number | null;
  currency: string | null;
  channel: string | null;
  lineItems: { sku: string; category?: string; quantity: number; unitAmountMinor: number }[];
  attributes: Record<string, unknown>;
  pointsByRule: Record<string, number>;
  /** Sum of the event's accrual ledger entries. */
  accruedPoints: number;
  /** Purchases of the member recorded before this event. */
  priorPurchaseCount: number;
  memberAttributes: Record<string, unknown>;
  memberTags: string[];
  enrolledAt: Date;
  tierId: string | null;
  tierMultiplierPct: number | null;
}

/** The events a backtest replays: every type the accrual path evaluates (refunds reverse, they never earn). */
const REPLAYED = Prisma.sql`e.type IN ('purchase', 'signup', 'custom')`;

export const rulesRepository = {
  rewardIds: async (tx: Tx, tenantId: string, programId: string) =>
    (await tx.reward.findMany({ where: { tenantId, programId }, select: { id: true } })).map((r) => r.id),

  create: (tx: Tx, data: { tenantId: string; programId: string; currentVersion: number }) => tx.rule.create({ data }),

  createVersion: (tx: Tx, data: Prisma.RuleVersionUncheckedCreateInput) => tx.ruleVersion.create({ data }),

  find: (tx: Tx, tenantId: string, id: string) =>
    tx.rule.findFirst({ where: { tenantId, id }, include: latestVersion }),

  /** Locks the rule so concurrent edits number their versions one after the other. */
  lock: async (tx: Tx, tenantId: string, id: string) =>
    (
      await tx.$queryRaw<{ id: string }[]>`
        SELECT id FROM rules WHERE tenant_id = ${tenantId}::uuid AND id = ${id}::uuid FOR UPDATE`
    ).length > 0,

  update: (tx: Tx, tenantId: string, id: string, data: { currentVersion?: number | null; archivedAt?: Date }) =>
    tx.rule.update({ where: { id, tenantId }, data, include: latestVersion }),

  findVersion: (tx: Tx, tenantId: string, ruleId: string, version: number) =>
    tx.ruleVersion.findFirst({ where: { tenantId, ruleId, version } }),

  list: (
    tx: Tx,
    args: { tenantId: string; programId: string; includeArchived: boolean; limit: number },
    after?: { createdAt: string; id: string },
  ) =>
    tx.rule.findMany({
      ...createdOrderPage(after, args.limit, {
        tenantId: args.tenantId,
        programId: args.programId,
        ...(!args.includeArchived && { archivedAt: null }),
      }),
      include: latestVersion,
    }),

  listVersions: (tx: Tx, tenantId: string, ruleId: string, limit: number, afterVersion = 0) =>
    tx.ruleVersion.findMany({
      where: { tenantId, ruleId, version: { gt: afterVersion } },
      orderBy: { version: 'asc' },
      take: limit,
    }),

  tierMultiplierPct: async (tx: Tx, tenantId: string, programId: string, tierId: string) =>
    (await tx.tier.findFirst({ where: { tenantId, programId, id: tierId }, select: { earnMultiplierPct: true } }))
      ?.earnMultiplierPct,

  /**
   * The oldest of the program's last `n` replayed events, as a keyset bound: the backtest then reads forwards
   * from it, oldest first, so per-period caps accumulate in the order the events happened.
   */
  backtestStart: async (tx: Tx, tenantId: string, programId: string, n: number) =>
    (
      await tx.$queryRaw<{ occurredAt: Date; id: string }[]>`
        SELECT occurred_at AS "occurredAt", id FROM events e
        WHERE e.tenant_id = ${tenantId}::uuid AND e.program_id = ${programId}::uuid AND ${REPLAYED}
        ORDER BY occurred_at DESC, id DESC OFFSET ${n - 1} LIMIT 1`
    )[0] ??
    (
      await tx.$queryRaw<{ occurredAt: Date; id: string }[]>`
        SELECT occurred_at AS "occurredAt", id FROM events e
        WHERE e.tenant_id = ${tenantId}::uuid AND e.program_id = ${programId}::uuid AND ${REPLAYED}
        ORDER BY occurred_at, id LIMIT 1`
    )[0],

  /** One page of replayed events from `from` (inclusive) onwards, oldest first, with each member as they are now. */
  backtestPage: (
    tx: Tx,
    args: {
      tenantId: string;
      programId: string;
      from: { occurredAt: Date; id: string };
      inclusive: boolean;
      limit: number;
    },
  ) => tx.$queryRaw<BacktestEventRow[]>`
    SELECT e.id, e.member_id AS "memberId", e.type::text AS type, e.custom_type AS "customType",
      e.occurred_at AS "occurredAt", e.amount_minor AS "amountMinor", e.currency, e.channel,
      e.line_items AS "lineItems", e.attributes, e.points_by_rule AS "pointsByRule",
      (SELECT COALESCE(sum(le.points), 0)::int FROM ledger_entries le
        WHERE le.tenant_id = e.tenant_id AND le.event_id = e.id AND le.kind = 'accrual') AS "accruedPoints",
      (SELECT count(*)::int FROM events p
        WHERE p.tenant_id = e.tenant_id AND p.member_id = e.member_id AND p.type = 'purchase'
          AND (p.created_at, p.id) < (e.created_at, e.id)) AS "priorPurchaseCount",
      m.attributes AS "memberAttributes", m.tags AS "memberTags", m.enrolled_at AS "enrolledAt",
      b.tier_id AS "tierId", t.earn_multiplier_pct AS "tierMultiplierPct"
    FROM events e
      JOIN members m ON m.id = e.member_id AND m.tenant_id = e.tenant_id
      LEFT JOIN balances b ON b.member_id = e.member_id AND b.program_id = e.program_id
      LEFT JOIN tiers t ON t.id = b.tier_id
    WHERE e.tenant_id = ${args.tenantId}::uuid AND e.program_id = ${args.programId}::uuid AND ${REPLAYED}
      AND (e.occurred_at, e.id) ${args.inclusive ? Prisma.sql`>=` : Prisma.sql`>`} (${args.from.occurredAt}, ${args.from.id}::uuid)
    ORDER BY e.occurred_at, e.id
    LIMIT ${args.limit}`,
};
