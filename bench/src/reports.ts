import { readdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_ANALYTICS_SETTINGS } from '@loyaltystudio/api/core';
import { createReportSends } from '@loyaltystudio/api/reports';
import { startApiTest, startFixtureMarts } from '@loyaltystudio/api/testing';
import { startMailServer } from '@loyaltystudio/engines';
import { freePort, startTestGateway, startTestTemporal, tempDir } from '@loyaltystudio/engines/testing';
import { type ReportSendWorkflow, scheduleIds, taskQueues, workflowTypes } from '@loyaltystudio/workflow-contracts';
import { createActivities } from '@loyaltystudio/workflows/reports/activities';
import { closePdfBrowser, printPdf } from '@loyaltystudio/workflows/reports/pdf';
import { reportHtml } from '@loyaltystudio/workflows/reports/render';
import { loadWorkflowBundle } from '@loyaltystudio/workflows/workflow-bundle';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { percentile, printTable, writeResults } from './results.ts';

/** Timed sends (BENCH_RUNS, default 10), after one warm-up send. */
const RUNS = Number(process.env.BENCH_RUNS ?? 10);
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const seconds = (ms: number) => Math.round(ms) / 1000;

/**
 * A report of 6 tiles (overview, cohorts, RFM, points economy, tiers, top members) on marts dbt built from the
 * proven fixture, sent through the real path: the reportSend workflow on the Temporal dev server, a worker in this
 * process, the tiles read through the api's analytics service from the gateway, the PDF printed by Chromium, CSV
 * and XLSX written, the message sent over SMTP to a real SMTP server that keeps it. Timed from the workflow's start
 * to its result. References in the same run: reading the 6 tiles alone, printing the PDF alone, and Chromium
 * printing an empty page (its start-up, the floor of any print).
 */
export async function benchReports(): Promise<void> {
  const work = tempDir('bench-reports');
  const [gateway, temporal] = await Promise.all([startTestGateway(), startTestTemporal()]);
  const t = await startApiTest({
    clickhouseUrl: gateway.url,
    temporal: { address: temporal.address, namespace: 'default' },
  });
  const mail = await startMailServer({ dir: join(work.path, 'mail'), port: await freePort() });
  const connection = await Connection.connect({ address: temporal.address });
  const client = new Client({ connection });
  const workerConnection = await NativeConnection.connect({ address: temporal.address });
  try {
    const { a, programs } = await startFixtureMarts(t, gateway.url, join(work.path, 'dbt'));
    const sends = createReportSends({
      prisma: t.prisma,
      clickhouse: t.clickhouse,
      analytics: DEFAULT_ANALYTICS_SETTINGS,
    });
    const worker = await Worker.create({
      connection: workerConnection,
      taskQueue: taskQueues.system,
      workflowBundle: await loadWorkflowBundle(() => {}),
      activities: createActivities({
        sends,
        smtpUrl: mail.url,
        from: 'Monet reports <reports@monet.localhost>',
        dir: join(work.path, 'files'),
        linkSecret: 'bench-secret-bench-secret-bench-secret',
        apiUrl: 'http://127.0.0.1:4000',
        chromiumPath: CHROMIUM,
      }),
    });
    const tiles = [
      {
        kind: 'overview',
        title: 'Second quarter',
        range: { from: '2026-04-01', to: '2026-06-30' },
        programId: programs.a,
      },
      { kind: 'cohorts', title: 'Cohorts', grain: 'month', range: { from: '2026-01-01', to: '2026-06-30' } },
      { kind: 'rfm', title: 'Segments' },
      {
        kind: 'pointsEconomy',
        title: 'Points',
        range: { from: '2026-04-01', to: '2026-06-30' },
        programId: programs.a,
      },
      { kind: 'tiers', title: 'Tiers', range: { from: '2026-01-01', to: '2026-06-30' }, programId: programs.a },
      { kind: 'topMembers', title: 'Best customers', limit: 20 },
    ];
    const created = await t.app.inject({
      method: 'POST',
      url: '/v1/reports',
      headers: a.as('owner'),
      payload: {
        name: 'Benchmark report',
        tiles,
        formats: ['pdf', 'csv', 'xlsx'],
        recipients: [{ email: 'cfo@cafe.test', timeZone: 'Europe/Paris' }],
        trigger: 'marts_rebuilt',
        timeZone: 'Europe/Paris',
      },
    });
    if (created.statusCode !== 201)
      throw new Error(`creating the report answered ${created.statusCode}: ${created.body}`);
    const reportId: string = created.json().id;

    const sendTimes: number[] = [];
    await worker.runUntil(async () => {
      for (let run = 0; run <= RUNS; run += 1) {
        const started = performance.now();
        const result = await client.workflow.execute<ReportSendWorkflow>(workflowTypes.reportSend, {
          taskQueue: taskQueues.system,
          workflowId: `${scheduleIds.report(a.id, reportId)}:bench:${run}`,
          args: [{ tenantId: a.id, reportId, trigger: 'manual' }],
        });
        if (result.outcome !== 'sent') throw new Error(`send ${run}: ${JSON.stringify(result)}`);
        if (run > 0) sendTimes.push(performance.now() - started);
      }
    });
    const kept = readdirSync(mail.dir).filter((f) => f.endsWith('.eml')).length;

    // References: the tiles alone, the PDF alone (in the browser the sends kept), and Chromium started for one
    // empty page (what each send would pay without a kept browser).
    const report = await sends.load(a.id, reportId);
    if (!report) throw new Error('the report is gone');
    const tileTimes: number[] = [];
    const pdfTimes: number[] = [];
    const blankTimes: number[] = [];
    let pdfBytes = 0;
    for (let run = 0; run < RUNS; run += 1) {
      let started = performance.now();
      const data = await sends.tiles(a.id, report, '2026-07-01');
      tileTimes.push(performance.now() - started);
      started = performance.now();
      pdfBytes = (
        await printPdf(
          reportHtml({ reportName: report.name, sendDate: '2026-07-01', timeZone: 'Europe/Paris' }, data),
          CHROMIUM,
        )
      ).length;
      pdfTimes.push(performance.now() - started);
      await closePdfBrowser();
      started = performance.now();
      await printPdf('<!doctype html><title>blank</title>', CHROMIUM);
      blankTimes.push(performance.now() - started);
    }
    for (const list of [sendTimes, tileTimes, pdfTimes, blankTimes]) list.sort((x, y) => x - y);
    const figures = {
      tiles: tiles.length,
      runs: RUNS,
      messages_kept: kept,
      send_p50_s: seconds(percentile(sendTimes, 50)),
      send_max_s: seconds(sendTimes.at(-1) ?? Number.NaN),
      tiles_read_p50_s: seconds(percentile(tileTimes, 50)),
      pdf_print_p50_s: seconds(percentile(pdfTimes, 50)),
      chromium_blank_pdf_p50_s: seconds(percentile(blankTimes, 50)),
      send_vs_blank_print: Math.round((percentile(sendTimes, 50) / percentile(blankTimes, 50)) * 100) / 100,
      pdf_bytes: pdfBytes,
      load_average_1m: Math.round((loadavg()[0] ?? 0) * 100) / 100,
    };
    printTable('Report of 6 tiles rendered to PDF and sent (target: 5 s or less)', [
      ['send, p50', figures.send_p50_s, 's'],
      ['send, slowest', figures.send_max_s, 's'],
      ['reading the 6 tiles, p50', figures.tiles_read_p50_s, 's'],
      ['printing the PDF, p50', figures.pdf_print_p50_s, 's'],
      ['Chromium started to print an empty page, p50', figures.chromium_blank_pdf_p50_s, 's'],
      ['send ÷ that start', figures.send_vs_blank_print, '×'],
    ]);
    console.log(`\nwrote ${writeResults('reports', figures)}`);
  } finally {
    await Promise.allSettled([connection.close(), workerConnection.close(), mail.stop(), closePdfBrowser()]);
    await t.stop();
    await Promise.allSettled([gateway.stop(), temporal.stop()]);
    work.remove();
  }
}
