import { processLogger } from '@loyaltystudio/config';
import { createGateway } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';

// Reads the configuration, listens, and shuts down on SIGTERM/SIGINT; everything else lives in app.ts.
let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig(process.env);
} catch (err) {
  if (!(err instanceof ConfigError)) throw err;
  console.error(err.message); // a bad variable: one plain line, as every Monet process says it
  process.exit(1);
}
const logger = processLogger('gateway', config.logLevel);

const gateway = await createGateway(config, logger);
gateway.server.once('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EADDRINUSE') {
    logger.fatal(`port ${config.port} on ${config.host} is already in use; set CLICKHOUSE_HTTP_PORT to another port`);
  } else {
    logger.fatal(`cannot listen on ${config.host}:${config.port}: ${err.message}`);
  }
  process.exit(1);
});
gateway.server.listen(config.port, config.host, () => {
  logger.info(
    `ClickHouse ${gateway.info.version} HTTP interface on http://${config.host}:${config.port} (data ${config.dataDir})`,
  );
});

let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    void gateway.close().then(() => process.exit(0));
  });
}
