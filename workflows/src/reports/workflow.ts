import { ActivityFailure, proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { ReportSendInput, ReportSendResult } from '../contracts.ts';
import type { ReportActivities } from './activities.ts';

const { prepareReportSend, finishReportSend, failReportDelivery } = proxyActivities<ReportActivities>({
  // Reading six tiles and printing their PDF takes seconds; a minute means the warehouse or Chromium is stuck.
  startToCloseTimeout: '5 minutes',
  heartbeatTimeout: '2 minutes',
  retry: { initialInterval: '10 seconds', backoffCoefficient: 2, maximumAttempts: 5 },
});

/** The default retry of one recipient's message: 30 s, 1 min, 2 min, 4 min, 8 min, then failed (6 attempts). */
export const DELIVERY_RETRY = { initialIntervalMs: 30_000, maximumAttempts: 6 } as const;

function deliverer(retry: { initialIntervalMs: number; maximumAttempts: number }) {
  return proxyActivities<ReportActivities>({
    startToCloseTimeout: '2 minutes',
    retry: {
      initialInterval: retry.initialIntervalMs,
      backoffCoefficient: 2,
      maximumInterval: '30 minutes',
      maximumAttempts: retry.maximumAttempts,
    },
  }).deliverReport;
}

/**
 * One send of a report: prepares it (tiles, only-when-changed, the log's rows, the files), mails every recipient
 * at once, each message retried with backoff on its own, records the failures that outlived their retries, then
 * keeps the data hash of a send that reached someone and removes the files.
 */
export async function reportSend(input: ReportSendInput): Promise<ReportSendResult> {
  const { workflowId } = workflowInfo();
  const prepared = await prepareReportSend({
    tenantId: input.tenantId,
    reportId: input.reportId,
    trigger: input.trigger,
    runId: workflowId,
    asOf: input.asOf,
  });
  const base = { workflowId, dataHash: prepared.dataHash, skipped: prepared.skipped, sent: 0, failed: 0 };
  if (prepared.outcome === 'gone') return { ...base, outcome: 'no-recipients' };
  if (prepared.outcome === 'unchanged') return { ...base, outcome: 'unchanged' };
  if (prepared.outcome === 'no-recipients') return { ...base, outcome: 'no-recipients' };

  const deliverReport = deliverer(input.retry ?? DELIVERY_RETRY);
  const message = {
    reportName: prepared.reportName,
    sendDate: prepared.sendDate,
    files: prepared.files,
    summary: prepared.summary,
  };
  const outcomes = await Promise.all(
    prepared.recipients.map(async (recipient) => {
      try {
        await deliverReport({
          tenantId: input.tenantId,
          reportId: input.reportId,
          runId: workflowId,
          recipient,
          prepared: message,
        });
        return true;
      } catch (err) {
        const cause = err instanceof ActivityFailure ? err.cause : err;
        const error = cause instanceof Error ? cause.message : String(cause);
        await failReportDelivery({ tenantId: input.tenantId, runId: workflowId, email: recipient.email, error });
        return false;
      }
    }),
  );
  const sent = outcomes.filter(Boolean).length;
  await finishReportSend({
    tenantId: input.tenantId,
    reportId: input.reportId,
    runId: workflowId,
    dataHash: prepared.dataHash,
    sent,
  });
  return { ...base, sent, failed: outcomes.length - sent, outcome: sent > 0 ? 'sent' : 'failed' };
}
