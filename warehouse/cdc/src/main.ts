import { createServer } from 'node:http';
import { ConfigError, cdcVars, processLogger, readEnv } from '@loyaltystudio/config';
import { createClickHouseClient } from '../../src/clickhouse/client.ts';
import { CdcConsumer } from './consumer.ts';
import { createCdcMetrics } from './metrics.ts';

// The change-stream process: reads its configuration, streams until SIGTERM/SIGINT, and rides out engine restarts by
// starting again from the slot after a growing pause, and serves /metrics and /healthz. Everything else lives in
// consumer.ts.
let config: ReturnType<typeof readEnv<typeof cdcVars>>;
try {
  config = readEnv(cdcVars);
} catch (err) {
  if (!(err instanceof ConfigError)) throw err;
  console.error(err.message); // a bad variable: one plain line, as every Monet process says it
  process.exit(1);
}
const logger = processLogger('cdc', config.LOG_LEVEL);

const MIN_BACKOFF_MS = 250;
const MAX_BACKOFF_MS = 30_000;
const clickhouse = createClickHouseClient({
  url: config.CLICKHOUSE_URL,
  username: config.CLICKHOUSE_USER,
  password: config.CLICKHOUSE_PASSWORD,
});

let consumer: CdcConsumer | undefined;
let streaming = false;
let stopping = false;

const { registry, metrics } = createCdcMetrics();
const server = createServer((request, response) => {
  if (request.url === '/metrics') {
    void registry.metrics().then((body) => {
      response.writeHead(200, { 'content-type': registry.contentType }).end(body);
    });
  } else if (request.url === '/healthz') {
    response.writeHead(streaming ? 200 : 503, { 'content-type': 'text/plain' }).end(streaming ? 'ok\n' : 'starting\n');
  } else {
    response.writeHead(404).end();
  }
});
server.once('error', (err) => {
  logger.fatal(`cannot serve metrics on ${config.CDC_METRICS_HOST}:${config.CDC_METRICS_PORT}: ${err.message}`);
  process.exit(1);
});
server.listen(config.CDC_METRICS_PORT, config.CDC_METRICS_HOST);

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    void (consumer?.stop() ?? Promise.resolve())
      .then(() => clickhouse.close())
      .then(
        () => process.exit(0),
        (err: unknown) => {
          logger.error({ err }, 'stopped with unwritten changes (they are sent again on the next start)');
          process.exit(1);
        },
      );
  });
}

let backoffMs = MIN_BACKOFF_MS;
while (!stopping) {
  const current = new CdcConsumer({
    databaseUrl: config.DATABASE_URL,
    clickhouse,
    tables: config.CDC_TABLES,
    publication: config.CDC_PUBLICATION,
    slot: config.CDC_SLOT,
    batchRows: config.CDC_BATCH_ROWS,
    maxBatchDelayMs: config.CDC_MAX_BATCH_DELAY_MS,
    log: (message) => logger.info(message),
    metrics,
  });
  consumer = current;
  try {
    await current.start();
    streaming = true;
    backoffMs = MIN_BACKOFF_MS;
    const err = await current.failed;
    streaming = false;
    if (stopping) break;
    logger.error({ err }, `${err.message}; restarting from the last confirmed change in ${backoffMs} ms`);
    await current.abort().catch(() => {});
  } catch (err) {
    if (stopping) break;
    logger.error({ err }, `cannot start (${(err as Error).message}); retrying in ${backoffMs} ms`);
    await current.abort().catch(() => {});
  }
  metrics.restarted();
  await new Promise((resolve) => setTimeout(resolve, backoffMs));
  backoffMs = Math.min(backoffMs * 2, MAX_BACKOFF_MS);
}
