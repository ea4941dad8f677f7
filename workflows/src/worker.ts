// The worker process: `node --import tsx workflows/src/worker.ts`, configured by environment variables only.
// It creates (or updates) the housekeeping and dbt-build schedules, then prints `worker ready task-queue=<queue>` once it polls
// and the schedules exist. It stops gracefully on SIGINT or SIGTERM (the SDK's runtime calls worker.shutdown() on
// those signals, lets running tasks finish, then run() resolves).
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { segmentsAudience } from '@loyaltystudio/api/campaigns';
import {
  createReportSends,
  type ReportSends,
  reconcileReportSchedules,
  reportLinkSecret,
} from '@loyaltystudio/api/reports';
import { ConfigError, processLogger } from '@loyaltystudio/config';
import { createPrismaClient } from '@loyaltystudio/prisma';
import { createClickHouseClient } from '@loyaltystudio/warehouse';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Runtime, Worker } from '@temporalio/worker';
import pkg from '../package.json' with { type: 'json' };
import { createActivities as campaignActivities } from './campaigns/activities.ts';
import { createActivities as churnScoringActivities } from './churn-scoring/activities.ts';
import { createPublishActivities as scorePublishingActivities } from './churn-scoring/publish.ts';
import { ensureChurnScoringSchedule } from './churn-scoring/schedules.ts';
import { housekeepingCrons, readWorkerConfig, type WorkerConfig } from './config.ts';
import { taskQueues } from './contracts.ts';
import { createActivities as dbtBuildActivities } from './dbt-build/activities.ts';
import { ensureDbtBuildSchedule } from './dbt-build/schedules.ts';
import { createActivities as housekeepingActivities } from './housekeeping/activities.ts';
import { ensureHousekeepingSchedules } from './housekeeping/schedules.ts';
import { jsonLogger } from './logger.ts';
import { createActivities as memberErasureActivities } from './member-erasure/activities.ts';
import { createActivities as reportActivities } from './reports/activities.ts';
import { closePdfBrowser } from './reports/pdf.ts';
import { createActivities as systemCheckActivities } from './system-check/activities.ts';
import { loadWorkflowBundle } from './workflow-bundle.ts';

/** Replaced by one at the configured level once the configuration is read. */
let log = processLogger('worker');

async function main(): Promise<void> {
  const config = readWorkerConfig();
  log = processLogger('worker', config.LOG_LEVEL);
  Runtime.install({ logger: jsonLogger(config.LOG_LEVEL) });
  const taskQueue = taskQueues.system;
  const unreachable = (err: unknown) => {
    throw new Error(`cannot reach Temporal at TEMPORAL_ADDRESS=${config.TEMPORAL_ADDRESS}: ${message(err)}`);
  };
  const connection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS }).catch(unreachable);
  // The pool is created lazily: nothing connects to Postgres until a housekeeping activity runs.
  const prisma = createPrismaClient(config.DATABASE_URL, { pool: { max: 4 } });
  // Erasures and retention: counts and mutations, each followed in system.mutations rather than by a long request.
  const clickhouse = createClickHouseClient({
    url: config.CLICKHOUSE_URL,
    username: config.CLICKHOUSE_USER,
    password: config.CLICKHOUSE_PASSWORD,
    requestTimeoutMs: 60_000,
  });
  try {
    // Reports read their tiles through the api's analytics service, under its limits.
    const reportSends = createReportSends({
      prisma,
      clickhouse,
      analytics: {
        timeoutSeconds: config.ANALYTICS_QUERY_TIMEOUT,
        maxResultRows: config.ANALYTICS_MAX_RESULT_ROWS,
        maxRangeDays: config.ANALYTICS_MAX_RANGE_DAYS,
      },
    });
    const workflowBundle = await loadWorkflowBundle((line) => log.info(line));
    const worker = await Worker.create({
      connection,
      namespace: config.TEMPORAL_NAMESPACE,
      taskQueue,
      workflowBundle,
      activities: {
        ...systemCheckActivities({ taskQueue, version: pkg.version }),
        // A campaign's audience is read from its segment version as an export reads one (EXPORTS_QUERY_TIMEOUT).
        ...campaignActivities({
          prisma,
          audience: segmentsAudience({ prisma, clickhouse, timeoutSeconds: config.EXPORTS_QUERY_TIMEOUT }),
        }),
        ...housekeepingActivities({
          prisma,
          taskQueue,
          warehouse: { clickhouse, historyRetentionDays: config.WAREHOUSE_HISTORY_RETENTION_DAYS },
        }),
        ...memberErasureActivities({ prisma, clickhouse, cdcSlot: config.CDC_SLOT, exportsDir: config.EXPORTS_DIR }),
        ...churnScoringActivities({
          clickhouse,
          modelsDir: resolve(config.ML_MODELS_DIR ?? resolve(config.MONET_HOME, 'models')),
          clvHorizonDays: config.CLV_HORIZON_DAYS,
          batchRows: config.SCORING_BATCH_ROWS,
        }),
        ...scorePublishingActivities({ clickhouse, databaseUrl: config.DATABASE_URL }),
        ...reportActivities({
          sends: reportSends,
          smtpUrl: config.SMTP_URL ?? `smtp://127.0.0.1:${config.MAIL_SMTP_PORT}`,
          from: config.MAIL_FROM,
          dir: config.REPORTS_DIR ?? resolve(config.MONET_HOME, 'reports'),
          linkSecret: reportLinkSecret(config.REPORTS_LINK_SECRET, config.AUTH_TOKEN_SECRET ?? unsignedLinks()),
          apiUrl: config.API_URL,
          chromiumPath: config.CHROMIUM_PATH,
        }),
        ...dbtBuildActivities({
          clickhouse: {
            url: config.CLICKHOUSE_URL,
            username: config.CLICKHOUSE_USER,
            password: config.CLICKHOUSE_PASSWORD,
            cluster: config.CLICKHOUSE_CLUSTER,
          },
          workDir: resolve(config.MONET_HOME, 'dbt', 'worker'),
        }),
      },
    });
    const running = worker.run();
    try {
      await ensureSchedules(config, taskQueue, reportSends);
    } catch (err) {
      worker.shutdown();
      await running;
      throw err;
    }
    // A plain line on stdout, not a log: the supervisor and tests wait for it.
    console.log(`worker ready task-queue=${taskQueue}`);
    await running;
  } finally {
    await closePdfBrowser();
    await prisma.$disconnect();
    await clickhouse.close();
    await connection.close();
  }
}

async function ensureSchedules(config: WorkerConfig, taskQueue: string, reports: ReportSends): Promise<void> {
  const connection = await Connection.connect({ address: config.TEMPORAL_ADDRESS });
  try {
    const client = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE });
    await ensureHousekeepingSchedules(client, housekeepingCrons(config), taskQueue);
    await ensureDbtBuildSchedule(client, config.DBT_BUILD_CRON, taskQueue);
    await ensureChurnScoringSchedule(client, config.CHURN_SCORING_CRON, taskQueue);
    // Reports' schedules follow their reports (the api keeps them in step); repair what drifted. A report whose
    // schedule cannot be written only warns: the worker still starts.
    await reconcileReportSchedules(client, await reports.scheduled(), taskQueue).then(
      ({ synced, deleted }) => log.info(`report schedules: ${synced} in step, ${deleted} without a report deleted`),
      (err: unknown) => log.warn({ err }, 'report schedules: not all put in step'),
    );
  } finally {
    await connection.close();
  }
}

/** Without the api's secrets, unsubscribe links cannot be signed as the api checks them: they will not work. */
function unsignedLinks(): string {
  log.warn('neither REPORTS_LINK_SECRET nor AUTH_TOKEN_SECRET is set: report unsubscribe links will not work');
  return randomBytes(32).toString('base64url');
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    // A bad variable is the operator's to fix: one plain line, as every Monet process says it.
    if (err instanceof ConfigError) console.error(err.message);
    else log.fatal({ err }, `worker failed: ${message(err)}`);
    process.exit(1);
  },
);
