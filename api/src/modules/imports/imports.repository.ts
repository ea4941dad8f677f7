import { Prisma } from '@loyaltystudio/prisma';
import { UnprocessableError } from '../../errors.ts';
import type { Tx } from '../../infra/tenant-tx.ts';
import type { ExpiryPolicy } from '../ledger/expiry-date.ts';
import type { KnownState } from './imports.plan.ts';
import type { BadRow, ImportSummary } from './imports.schemas.ts';

/** Lookups of external ids per statement. */
const LOOKUP_BATCH = 10_000;

export interface ImportProgramContext {
  id: string;
  status: string;
  rounding: 'floor' | 'round' | 'ceil';
  earningCurrency: string;
  maxPointsPerEvent: number | null;
  expiryPolicy: ExpiryPolicy;
  expiryValue: number | null;
  moneyValuePer1000Points: number;
  timeZone: string;
  versionIds: string[];
}

export interface NewImport {
  tenantId: string;
  programId: string;
  fileHash: string;
  sendWebhooks: boolean;
  skipBadRows: boolean;
  membersTotal: number;
  eventsTotal: number;
  summary: ImportSummary;
  skipped: BadRow[];
  skippedCount: number;
  actorType: string;
  actorId: string;
}

const batches = <T>(items: T[]) =>
  Array.from({ length: Math.ceil(items.length / LOOKUP_BATCH) }, (_, i) =>
    items.slice(i * LOOKUP_BATCH, (i + 1) * LOOKUP_BATCH),
  );

export const importsRepository = {
  /** The program (or the tenant's active ones, at most two, when none is named) with the rule versions in force. */
  programs: (tx: Tx, tenantId: string, programId: string | null) => tx.$queryRaw<ImportProgramContext[]>`
    SELECT p.id, p.status::text AS status, p.rounding::text AS rounding, p.earning_currency AS "earningCurrency",
      p.max_points_per_event AS "maxPointsPerEvent", p.expiry_policy::text AS "expiryPolicy",
      p.expiry_value AS "expiryValue", p.money_value_per_1000_points AS "moneyValuePer1000Points",
      t.time_zone AS "timeZone",
      ARRAY(SELECT rv.id::text FROM rules r JOIN rule_versions rv ON rv.rule_id = r.id AND rv.version = r.current_version
            WHERE r.program_id = p.id AND r.tenant_id = p.tenant_id AND r.archived_at IS NULL ORDER BY rv.id
      ) AS "versionIds"
    FROM programs p JOIN tenants t ON t.id = p.tenant_id
    WHERE p.tenant_id = ${tenantId}::uuid
      AND ${programId === null ? Prisma.sql`p.status = 'active'` : Prisma.sql`p.id = ${programId}::uuid`}
    ORDER BY p.created_at LIMIT 2`,

  tiers: (tx: Tx, tenantId: string, programId: string) =>
    tx.tier.findMany({
      where: { tenantId, programId },
      select: {
        id: true,
        name: true,
        rank: true,
        qualification: true,
        threshold: true,
        graceDays: true,
        earnMultiplierPct: true,
      },
    }),

  ruleVersions: (tx: Tx, tenantId: string, versionIds: string[]) =>
    tx.ruleVersion.findMany({ where: { tenantId, id: { in: versionIds } } }),

  /** What Monet holds of these members (by external id), emails and events (by external id). */
  async known(
    tx: Tx,
    tenantId: string,
    args: { memberIds: string[]; emails: string[]; eventIds: string[] },
  ): Promise<KnownState> {
    const known: KnownState = { members: new Map(), emails: new Map(), events: new Set() };
    for (const ids of batches(args.memberIds)) {
      const rows = await tx.$queryRaw<
        {
          id: string;
          externalId: string;
          enrolledAt: Date;
          attributes: Record<string, unknown>;
          tags: string[];
          hasHistory: boolean;
        }[]
      >`
        SELECT m.id, m.external_id AS "externalId", m.enrolled_at AS "enrolledAt", m.attributes, m.tags,
          (m.status = 'erased'
            OR EXISTS (SELECT 1 FROM events e WHERE e.tenant_id = m.tenant_id AND e.member_id = m.id)
            OR EXISTS (SELECT 1 FROM ledger_entries l WHERE l.tenant_id = m.tenant_id AND l.member_id = m.id)
          ) AS "hasHistory"
        FROM members m WHERE m.tenant_id = ${tenantId}::uuid AND m.external_id = ANY(${ids}::text[])`;
      for (const { externalId, ...row } of rows) known.members.set(externalId, row);
    }
    for (const emails of batches(args.emails)) {
      const rows = await tx.$queryRaw<{ email: string; externalId: string }[]>`
        SELECT lower(email) AS email, external_id AS "externalId" FROM members
        WHERE tenant_id = ${tenantId}::uuid AND lower(email) = ANY(${emails}::text[])`;
      for (const row of rows) known.emails.set(row.email, row.externalId);
    }
    for (const ids of batches(args.eventIds)) {
      const rows = await tx.$queryRaw<{ externalId: string }[]>`
        SELECT external_id AS "externalId" FROM events
        WHERE tenant_id = ${tenantId}::uuid AND external_id = ANY(${ids}::text[])`;
      for (const row of rows) known.events.add(row.externalId);
    }
    return known;
  },

  create: (tx: Tx, data: NewImport) =>
    tx.import.create({
      data: {
        ...data,
        summary: data.summary as unknown as Prisma.InputJsonObject,
        skipped: data.skipped as unknown as Prisma.InputJsonArray,
      },
    }),

  /** `create`, refusing the same import sent twice at the same moment (the second finds the first's row taken). */
  async createOnce(tx: Tx, data: NewImport) {
    const [taken] = await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM imports WHERE tenant_id = ${data.tenantId}::uuid AND file_hash = ${data.fileHash} FOR UPDATE`;
    if (taken) throw new UnprocessableError('import-in-progress', 'This import was started by another request.');
    try {
      return await importsRepository.create(tx, data);
    } catch (err) {
      if ((err as { code?: string }).code === 'P2002') {
        throw new UnprocessableError('import-in-progress', 'This import was started by another request.');
      }
      throw err;
    }
  },

  byHash: (tx: Tx, tenantId: string, fileHash: string) =>
    tx.import.findUnique({ where: { tenantId_fileHash: { tenantId, fileHash } } }),

  find: (tx: Tx, tenantId: string, id: string) => tx.import.findFirst({ where: { tenantId, id } }),

  /** Takes an interrupted or failed import up again (only if no one else did since it was read). */
  resume: (tx: Tx, tenantId: string, id: string, updatedAt: Date, now: Date) =>
    tx.import.updateMany({
      where: { tenantId, id, status: { in: ['running', 'failed'] }, updatedAt },
      data: { status: 'running', error: null, finishedAt: null, updatedAt: now },
    }),

  /** Ends a running import; a success counts every member of the files as done, those it left out included. */
  finish: (tx: Tx, tenantId: string, id: string, outcome: { error: string | null }, now: Date) =>
    tx.$executeRaw`
      UPDATE imports SET status = ${outcome.error ? 'failed' : 'succeeded'}::import_status, error = ${outcome.error},
        members_done = CASE WHEN ${outcome.error}::text IS NULL THEN members_total ELSE members_done END,
        finished_at = ${now}, updated_at = ${now}
      WHERE tenant_id = ${tenantId}::uuid AND id = ${id}::uuid AND status = 'running'`,
};
