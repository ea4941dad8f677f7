import { createHash } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  type DeliveryTrigger,
  dayIn,
  type ReportSends,
  type TileData,
  unsubscribeUrl,
} from '@loyaltystudio/api/reports';
import { ApplicationFailure, Context } from '@temporalio/activity';
import nodemailer from 'nodemailer';
import type { ReportSendTrigger } from '../contracts.ts';
import { printPdf } from './pdf.ts';
import { formatValue, reportHtml, reportXlsx, slug, tileCsv } from './render.ts';

export interface ReportActivityDeps {
  sends: ReportSends;
  /** nodemailer's SMTP URL (SMTP_URL, or the local SMTP server of `monet up`). */
  smtpUrl: string;
  /** The From address (MAIL_FROM). */
  from: string;
  /** Where a send's files are written, then attached (REPORTS_DIR); every worker of the queue must see it. */
  dir: string;
  /** Signs unsubscribe links (REPORTS_LINK_SECRET or derived from AUTH_TOKEN_SECRET, as the api). */
  linkSecret: string;
  /** The api's address as recipients reach it, for the unsubscribe link (API_URL). */
  apiUrl: string;
  chromiumPath: string;
  now?: () => Date;
}

export interface PreparedFile {
  filename: string;
  path: string;
  contentType: string;
}

export interface PreparedSend {
  /** gone: the report was deleted; unchanged: only-when-changed found the data as last sent. */
  outcome: 'ready' | 'gone' | 'unchanged' | 'no-recipients';
  dataHash: string;
  reportName: string;
  sendDate: string;
  recipients: { email: string; timeZone: string }[];
  skipped: number;
  files: PreparedFile[];
  /** The headline numbers of each tile, for the message's body. */
  summary: { title: string; subtitle: string; figures: string[] }[];
}

export interface PrepareInput {
  tenantId: string;
  reportId: string;
  trigger: ReportSendTrigger;
  runId: string;
  asOf?: string;
}

export interface DeliverInput {
  tenantId: string;
  reportId: string;
  runId: string;
  recipient: { email: string; timeZone: string };
  prepared: Pick<PreparedSend, 'reportName' | 'sendDate' | 'files' | 'summary'>;
}

/** The failure type of a send whose report has no usable data (a tile's query was refused): not retried. */
export const REPORT_DATA_REFUSED = 'ReportDataRefused';

/** SHA-256 of the tiles' data: what "only when changed" compares with the last sent one. */
export function dataHash(tiles: TileData[]): string {
  return createHash('sha256').update(JSON.stringify(tiles)).digest('hex');
}

function runDir(dir: string, runId: string): string {
  return join(dir, createHash('sha256').update(runId).digest('hex').slice(0, 32));
}

function when(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { dateStyle: 'full', timeStyle: 'short', timeZone }).format(at);
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function createActivities(deps: ReportActivityDeps) {
  const now = deps.now ?? (() => new Date());
  const transport = nodemailer.createTransport(deps.smtpUrl);

  return {
    /**
     * Reads the report and its tiles, compares their hash with the last sent one (only-when-changed, scheduled and
     * after-marts sends), writes the delivery log's rows, and renders the files. A retried attempt does it again
     * and finds the rows it wrote.
     */
    async prepareReportSend(input: PrepareInput): Promise<PreparedSend> {
      const report = await deps.sends.load(input.tenantId, input.reportId);
      const empty = { dataHash: '', reportName: '', sendDate: '', recipients: [], skipped: 0, files: [], summary: [] };
      if (!report) return { outcome: 'gone', ...empty };
      const sendDate = input.asOf ?? dayIn(now(), report.timeZone);
      let tiles: TileData[];
      try {
        tiles = await deps.sends.tiles(input.tenantId, report, sendDate);
      } catch (err) {
        const status = (err as { status?: number }).status;
        // The warehouse being down or slow is worth retrying; a query the api refuses (400, 404, 422) is not.
        if (status !== undefined && status < 500) {
          throw ApplicationFailure.nonRetryable(`a tile was refused: ${(err as Error).message}`, REPORT_DATA_REFUSED);
        }
        throw err;
      }
      const hash = dataHash(tiles);
      const run = { runId: input.runId, trigger: input.trigger as DeliveryTrigger, dataHash: hash };
      const unchanged = input.trigger !== 'manual' && report.onlyWhenChanged && report.lastSentHash === hash;
      const unsubscribed = new Set(report.unsubscribed);
      const rows = report.recipients.map((r) => ({
        ...r,
        skipReason: unchanged
          ? ('unchanged' as const)
          : unsubscribed.has(r.email.toLowerCase())
            ? ('unsubscribed' as const)
            : null,
      }));
      await deps.sends.open(input.tenantId, input.reportId, run, rows);
      const recipients = rows.filter((r) => !r.skipReason).map(({ email, timeZone }) => ({ email, timeZone }));
      const base = { dataHash: hash, reportName: report.name, sendDate, skipped: rows.length - recipients.length };
      if (unchanged) return { outcome: 'unchanged', ...empty, ...base, recipients: [] };
      if (!recipients.length) return { outcome: 'no-recipients', ...empty, ...base, recipients: [] };

      const dir = runDir(deps.dir, input.runId);
      mkdirSync(dir, { recursive: true });
      const files: PreparedFile[] = [];
      const name = slug(report.name);
      if (report.formats.includes('pdf')) {
        const html = reportHtml({ reportName: report.name, sendDate, timeZone: report.timeZone }, tiles);
        Context.current().heartbeat('printing the PDF');
        const path = join(dir, `${name}.pdf`);
        writeFileSync(path, await printPdf(html, deps.chromiumPath));
        files.push({ filename: `${name}-${sendDate}.pdf`, path, contentType: 'application/pdf' });
      }
      if (report.formats.includes('csv')) {
        tiles.forEach((t, i) => {
          const path = join(dir, `${i + 1}-${slug(t.title)}.csv`);
          writeFileSync(path, tileCsv(t));
          files.push({ filename: `${i + 1}-${slug(t.title)}-${sendDate}.csv`, path, contentType: 'text/csv' });
        });
      }
      if (report.formats.includes('xlsx')) {
        const path = join(dir, `${name}.xlsx`);
        writeFileSync(path, await reportXlsx(tiles));
        files.push({
          filename: `${name}-${sendDate}.xlsx`,
          path,
          contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        });
      }
      const summary = tiles.map((t) => ({
        title: t.title,
        subtitle: t.subtitle,
        figures: t.figures.map((f) => `${f.label}: ${formatValue(f.value, f.format, t.currency)}`),
      }));
      return { outcome: 'ready', ...base, recipients, files, summary };
    },

    /**
     * Mails one recipient their message: the tiles' headline numbers, the files attached, times in their own time
     * zone, and their unsubscribe link (also as List-Unsubscribe, with one-click POST). Each attempt is logged; a
     * failed one throws and Temporal tries again with backoff.
     */
    async deliverReport(input: DeliverInput): Promise<{ messageId: string }> {
      const { attempt } = Context.current().info;
      const { recipient, prepared } = input;
      const link = unsubscribeUrl(deps.apiUrl, deps.linkSecret, {
        tenantId: input.tenantId,
        reportId: input.reportId,
        email: recipient.email,
      });
      const sentAt = when(now(), recipient.timeZone);
      const text = [
        prepared.reportName,
        `Sent ${sentAt} (${recipient.timeZone}); figures up to ${prepared.sendDate}.`,
        '',
        ...prepared.summary.flatMap((s) => [`${s.title} (${s.subtitle})`, ...s.figures.map((f) => `  ${f}`), '']),
        `Attached: ${prepared.files.map((f) => f.filename).join(', ')}`,
        '',
        `Stop receiving this report: ${link}`,
      ].join('\n');
      const html = `<!doctype html><html><body style="font-family:Arial,sans-serif;color:#111827">
<h1 style="font-size:18px">${esc(prepared.reportName)}</h1>
<p style="color:#6b7280">Sent ${esc(sentAt)} (${esc(recipient.timeZone)}); figures up to ${esc(prepared.sendDate)}.</p>
${prepared.summary
  .map(
    (s) =>
      `<h2 style="font-size:14px;margin-bottom:2px">${esc(s.title)}</h2><p style="color:#6b7280;margin-top:0">${esc(s.subtitle)}</p><ul>${s.figures.map((f) => `<li>${esc(f)}</li>`).join('')}</ul>`,
  )
  .join('\n')}
<p style="color:#6b7280;font-size:12px">Attached: ${esc(prepared.files.map((f) => f.filename).join(', '))}.<br>
<a href="${esc(link)}">Stop receiving this report</a></p></body></html>`;
      try {
        const info = await transport.sendMail({
          from: deps.from,
          to: recipient.email,
          subject: `${prepared.reportName} — ${prepared.sendDate}`,
          text,
          html,
          attachments: prepared.files.map((f) => ({ filename: f.filename, path: f.path, contentType: f.contentType })),
          headers: {
            'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
            // Whose message it is: the local outbox shows a tenant its own reports' messages only.
            'X-Monet-Tenant': input.tenantId,
            'X-Monet-Report': input.reportId,
          },
          list: { unsubscribe: { url: link, comment: 'Stop receiving this report' } },
        });
        const messageId = String(info.messageId);
        await deps.sends.attempt(input.tenantId, input.runId, recipient.email, {
          status: 'sent',
          attempt,
          messageId,
          at: now(),
        });
        return { messageId };
      } catch (err) {
        const error = err instanceof Error ? err.message : String(err);
        await deps.sends.attempt(input.tenantId, input.runId, recipient.email, { status: 'pending', attempt, error });
        throw err;
      }
    },

    /** After the last attempt failed: the delivery is failed, with the last error. */
    async failReportDelivery(input: { tenantId: string; runId: string; email: string; error: string }) {
      await deps.sends.attempt(input.tenantId, input.runId, input.email, { status: 'failed', error: input.error });
    },

    /** Records the hash of a send that reached someone, and removes the send's files. */
    async finishReportSend(input: {
      tenantId: string;
      reportId: string;
      runId: string;
      dataHash: string;
      sent: number;
    }) {
      if (input.sent > 0) await deps.sends.sent(input.tenantId, input.reportId, input.dataHash, now());
      rmSync(runDir(deps.dir, input.runId), { recursive: true, force: true });
    },

    /** The reports to send after a build of the marts, across tenants. */
    async reportsAfterMarts(): Promise<{ tenantId: string; reportId: string }[]> {
      return (await deps.sends.afterMarts()).map((r) => ({ tenantId: r.tenantId, reportId: r.id }));
    },
  };
}

export type ReportActivities = ReturnType<typeof createActivities>;
