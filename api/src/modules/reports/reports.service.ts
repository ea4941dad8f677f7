import { createHash } from 'node:crypto';
import type { PrismaClient, ReportDelivery } from '@loyaltystudio/prisma';
import { scheduleIds } from '@loyaltystudio/workflow-contracts';
import type { AuthContext } from '../../auth/context.ts';
import { ForbiddenError, InvalidRequestError, NotFoundError } from '../../errors.ts';
import { audit } from '../../infra/audit.ts';
import { idempotent } from '../../infra/idempotency.ts';
import { decodeCursor, page } from '../../infra/pagination.ts';
import { type Tx, withTenant } from '../../infra/tenant-tx.ts';
import { cronProblem, isTimeZone } from './reports.cron.ts';
import { verifyUnsubscribe } from './reports.links.ts';
import { type ReportRow, reportsRepository as repo } from './reports.repository.ts';
import type { CreateReport, Delivery, Report, ReportListQuery, SendAccepted, UpdateReport } from './reports.schemas.ts';
import { type Tile, tileErrors } from './reports.tile-schemas.ts';
import { type ReportWorkflows, reportsTemporalUnavailable } from './reports.workflows.ts';

export interface ReportsDeps {
  prisma: PrismaClient;
  /** Signs and checks unsubscribe links (REPORTS_LINK_SECRET). */
  linkSecret: string;
  /** Schedules and sends on Temporal; unset: scheduled reports and "send now" answer 503. */
  workflows?: ReportWorkflows;
}

type Problems = { path: string; message: string }[];

export function toReport(row: ReportRow): Report {
  return {
    id: row.id,
    name: row.name,
    tiles: row.tiles as Report['tiles'],
    formats: row.formats as Report['formats'],
    recipients: row.recipients as Report['recipients'],
    unsubscribed: row.unsubscribes.map((u) => u.email),
    trigger: row.trigger,
    cron: row.cron,
    timeZone: row.timeZone,
    onlyWhenChanged: row.onlyWhenChanged,
    enabled: row.enabled,
    scheduleId: row.trigger === 'schedule' ? scheduleIds.report(row.tenantId, row.id) : null,
    lastSentAt: row.lastSentAt?.toISOString() ?? null,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

function toDelivery(row: ReportDelivery): Delivery {
  return {
    id: row.id,
    runId: row.runId,
    trigger: row.trigger as Delivery['trigger'],
    recipientEmail: row.recipientEmail,
    recipientTimeZone: row.recipientTimeZone,
    status: row.status,
    skipReason: row.skipReason as Delivery['skipReason'],
    attempts: row.attempts,
    error: row.error,
    messageId: row.messageId,
    dataHash: row.dataHash,
    createdAt: row.createdAt.toISOString(),
    sentAt: row.sentAt?.toISOString() ?? null,
  };
}

/** What the audit log keeps of a report. */
const audited = (r: Report) => {
  const { unsubscribed, createdAt, updatedAt, lastSentAt, ...rest } = r;
  return rest;
};

/** Every problem of a report's body that its schema cannot see, each with its path. */
export function checkReport(body: CreateReport): Problems {
  const problems: Problems = [];
  body.tiles.forEach((tile, i) => {
    problems.push(...tileErrors(tile, `body.tiles.${i}`));
  });
  if (!isTimeZone(body.timeZone)) problems.push({ path: 'body.timeZone', message: 'is not an IANA time zone' });
  const seen = new Set<string>();
  body.recipients.forEach((r, i) => {
    const email = r.email.toLowerCase();
    if (seen.has(email)) problems.push({ path: `body.recipients.${i}.email`, message: 'is listed twice' });
    seen.add(email);
    if (!isTimeZone(r.timeZone)) {
      problems.push({ path: `body.recipients.${i}.timeZone`, message: 'is not an IANA time zone' });
    }
  });
  if (body.trigger === 'schedule') {
    if (!body.cron) problems.push({ path: 'body.cron', message: 'is required when trigger is schedule' });
    else {
      const problem = cronProblem(body.cron);
      if (problem) problems.push({ path: 'body.cron', message: problem });
    }
  } else if (body.cron) {
    problems.push({ path: 'body.cron', message: 'must be null or left out when trigger is marts_rebuilt' });
  }
  return problems;
}

/**
 * Scheduled reports: CRUD in Postgres with the report's Temporal Schedule kept in step in the same transaction (a
 * schedule Temporal refuses rolls the change back), "send now" under an Idempotency-Key, the delivery log, and the
 * signed unsubscribe link. Another tenant's report is not found.
 */
export function createReportsService({ prisma, linkSecret, workflows = reportsTemporalUnavailable }: ReportsDeps) {
  async function checkPrograms(tx: Tx, tenantId: string, tiles: Tile[]): Promise<void> {
    const named = tiles.flatMap((t, i) => ('programId' in t && t.programId ? [{ id: t.programId, i }] : []));
    if (!named.length) return;
    const existing = await repo.existingPrograms(tx, tenantId, [...new Set(named.map((n) => n.id))]);
    const problems = named
      .filter((n) => !existing.has(n.id))
      .map((n) => ({ path: `body.tiles.${n.i}.programId`, message: 'is not a program of the tenant' }));
    if (problems.length) throw new InvalidRequestError(problems);
  }

  function fields(body: CreateReport) {
    return {
      name: body.name,
      tiles: body.tiles as object[],
      formats: body.formats,
      recipients: body.recipients.map((r) => ({ email: r.email, timeZone: r.timeZone })),
      trigger: body.trigger,
      cron: body.trigger === 'schedule' ? (body.cron?.trim() ?? null) : null,
      timeZone: body.timeZone,
      onlyWhenChanged: body.onlyWhenChanged ?? false,
      enabled: body.enabled ?? true,
    };
  }

  const timing = (r: ReportRow) => ({
    tenantId: r.tenantId,
    reportId: r.id,
    trigger: r.trigger,
    cron: r.cron,
    timeZone: r.timeZone,
    enabled: r.enabled,
  });

  async function found(tx: Tx, tenantId: string, id: string): Promise<ReportRow> {
    const row = await repo.find(tx, tenantId, id);
    if (!row) throw new NotFoundError(`Report ${id}`);
    return row;
  }

  return {
    async create(auth: AuthContext, body: CreateReport): Promise<Report> {
      const problems = checkReport(body);
      if (problems.length) throw new InvalidRequestError(problems);
      return withTenant(prisma, auth.tenantId, async (tx) => {
        await checkPrograms(tx, auth.tenantId, body.tiles);
        const row = await repo.create(tx, { tenantId: auth.tenantId, createdBy: auth.actor.id, ...fields(body) });
        const report = toReport(row);
        await audit(tx, auth, {
          action: 'report.create',
          entityType: 'report',
          entityId: row.id,
          after: audited(report),
        });
        // Last, so that a schedule Temporal refuses leaves no report behind.
        await workflows.sync(timing(row));
        return report;
      });
    },

    async update(auth: AuthContext, reportId: string, body: UpdateReport): Promise<Report> {
      const problems = checkReport(body);
      if (problems.length) throw new InvalidRequestError(problems);
      return withTenant(prisma, auth.tenantId, async (tx) => {
        if (!(await repo.lock(tx, auth.tenantId, reportId))) throw new NotFoundError(`Report ${reportId}`);
        await checkPrograms(tx, auth.tenantId, body.tiles);
        const before = toReport(await found(tx, auth.tenantId, reportId));
        const row = await repo.update(tx, auth.tenantId, reportId, { ...fields(body), updatedAt: new Date() });
        const after = toReport(row);
        await audit(tx, auth, {
          action: 'report.update',
          entityType: 'report',
          entityId: reportId,
          before: audited(before),
          after: audited(after),
        });
        await workflows.sync(timing(row));
        return after;
      });
    },

    async get(auth: AuthContext, reportId: string): Promise<Report> {
      return withTenant(prisma, auth.tenantId, async (tx) => toReport(await found(tx, auth.tenantId, reportId)));
    },

    async list(auth: AuthContext, query: ReportListQuery) {
      const limit = query.limit ?? 50;
      const after = decodeCursor<{ createdAt: string; id: string }>(query.cursor, {
        createdAt: 'string',
        id: 'string',
      });
      return withTenant(prisma, auth.tenantId, async (tx) => {
        const rows = await repo.list(tx, auth.tenantId, limit + 1, after);
        const result = page(rows, limit, (r) => ({ createdAt: r.createdAt.toISOString(), id: r.id }));
        return { items: result.items.map(toReport), nextCursor: result.nextCursor };
      });
    },

    /** Deletes the report, its delivery log and unsubscribes, and its schedule; the audit log keeps what it was. */
    async remove(auth: AuthContext, reportId: string): Promise<void> {
      await withTenant(prisma, auth.tenantId, async (tx) => {
        if (!(await repo.lock(tx, auth.tenantId, reportId))) throw new NotFoundError(`Report ${reportId}`);
        const before = toReport(await found(tx, auth.tenantId, reportId));
        await repo.delete(tx, auth.tenantId, reportId);
        await audit(tx, auth, {
          action: 'report.delete',
          entityType: 'report',
          entityId: reportId,
          before: audited(before),
        });
        await workflows.remove(auth.tenantId, reportId);
      });
    },

    /**
     * Starts a send now, whatever the schedule and the only-when-changed option say. The same Idempotency-Key
     * answers the same send; a send that Temporal did not start leaves the key free for a retry.
     */
    async send(auth: AuthContext, reportId: string, key: string, asOf: string | undefined) {
      return withTenant(prisma, auth.tenantId, async (tx) => {
        await found(tx, auth.tenantId, reportId);
        return idempotent<SendAccepted>(
          tx,
          { tenantId: auth.tenantId, key, operation: `report.send:${reportId}`, body: { asOf: asOf ?? null } },
          async () => {
            const sendKey = createHash('sha256').update(key).digest('hex').slice(0, 24);
            const workflowId = await workflows.sendNow(auth.tenantId, reportId, sendKey, asOf);
            await audit(tx, auth, {
              action: 'report.send',
              entityType: 'report',
              entityId: reportId,
              after: { workflowId, asOf: asOf ?? null },
            });
            return { status: 202, body: { reportId, workflowId, asOf: asOf ?? null } };
          },
        );
      });
    },

    async deliveries(auth: AuthContext, reportId: string, query: ReportListQuery) {
      const limit = query.limit ?? 50;
      const after = decodeCursor<{ createdAt: string; id: string }>(query.cursor, {
        createdAt: 'string',
        id: 'string',
      });
      return withTenant(prisma, auth.tenantId, async (tx) => {
        await found(tx, auth.tenantId, reportId);
        const rows = await repo.deliveries(tx, auth.tenantId, reportId, limit + 1, after);
        const result = page(rows, limit, (r) => ({ createdAt: r.createdAt.toISOString(), id: r.id }));
        return { items: result.items.map(toDelivery), nextCursor: result.nextCursor };
      });
    },

    /** Follows an unsubscribe link: no sign-in, the signature is the proof. Repeating it changes nothing. */
    async unsubscribe(token: string): Promise<{ reportName: string; email: string }> {
      const grant = verifyUnsubscribe(linkSecret, token);
      if (!grant) throw new ForbiddenError('This unsubscribe link is not valid: it was changed or cut short.');
      if (!/^[0-9a-f-]{36}$/i.test(grant.tenantId) || !/^[0-9a-f-]{36}$/i.test(grant.reportId)) {
        throw new ForbiddenError('This unsubscribe link is not valid.');
      }
      return withTenant(prisma, grant.tenantId, async (tx) => {
        const report = await repo.find(tx, grant.tenantId, grant.reportId);
        if (!report) throw new NotFoundError('The report of this link');
        await repo.unsubscribe(tx, grant.tenantId, grant.reportId, grant.email);
        return { reportName: report.name, email: grant.email };
      });
    },
  };
}

export type ReportsService = ReturnType<typeof createReportsService>;
