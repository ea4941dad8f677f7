import { join, resolve } from 'node:path';
import { startGateway, startMailServer, startPostgres, startTemporal } from '@loyaltystudio/engines';
import { migrate } from '@loyaltystudio/prisma';
import type { Endpoint, StackConfig } from './stack.ts';
import { redact, type Stoppable, settleAll } from './stack-supervision.ts';
import { migrateWarehouse } from './warehouse.ts';

/** What `startStack` hands each phase: its configuration, where it logs and reports, what it started so far. */
export interface StackRun {
  config: StackConfig;
  env: NodeJS.ProcessEnv;
  home: string;
  step(message: string): void;
  line(service: string): (text: string) => void;
  logFile(service: string): string;
  /** Seconds since the start began. */
  since(): number;
  started: Stoppable[];
  endpoints: Endpoint[];
}

export interface Engines {
  pgUrl: string;
  chUrl: string;
  temporal: { address: string; uiUrl?: string };
  smtpUrl: string;
  outboxDir: string;
}

/**
 * The engines, each embedded unless an external one is configured, started together and each migrated as soon as it
 * is up; then mail, the local SMTP server unless a relay is configured.
 */
export async function startEngines(run: StackRun): Promise<Engines> {
  const { config, env, home, step, line, logFile, since, started, endpoints } = run;
  const databaseUrl = async (): Promise<string> => {
    if (config.DATABASE_URL) return config.DATABASE_URL;
    step('postgres: starting');
    const pg = await startPostgres({
      dataDir: join(home, 'postgres'),
      port: config.POSTGRES_PORT,
      onLine: line('postgres'),
      logFile: logFile('postgres'),
    });
    started.push({ name: 'postgres', stop: pg.stop, process: pg.process });
    return pg.url;
  };
  const clickhouseUrl = async (): Promise<string> => {
    if (config.CLICKHOUSE_URL) return config.CLICKHOUSE_URL;
    step('clickhouse gateway: starting');
    const gw = await startGateway({
      dataDir: join(home, 'clickhouse'),
      port: config.CLICKHOUSE_HTTP_PORT,
      onLine: line('clickhouse'),
      logFile: logFile('clickhouse'),
      env: { ...env, GATEWAY_BI_USERS_FILE: config.GATEWAY_BI_USERS_FILE ?? join(home, 'bi-users.json') },
    });
    started.push({ name: 'clickhouse', stop: gw.stop, process: gw.process });
    return gw.url;
  };
  const temporal = async (): Promise<{ address: string; uiUrl?: string }> => {
    if (config.TEMPORAL_ADDRESS) return { address: config.TEMPORAL_ADDRESS };
    step('temporal: starting');
    const t = await startTemporal({
      dataDir: join(home, 'temporal'),
      port: config.TEMPORAL_PORT,
      uiPort: config.TEMPORAL_UI_PORT,
      onLine: line('temporal'),
      logFile: logFile('temporal'),
    });
    started.push({ name: 'temporal', stop: t.stop, process: t.process });
    return { address: t.address, uiUrl: t.uiUrl };
  };

  // Engines have no dependencies on each other: start them together; migrate each as soon as it is up.
  const [pgUrl, chUrl, tmp] = await settleAll([
    databaseUrl().then(async (url) => {
      const applied = await migrate(url, { log: (m: string) => line('postgres')(m) });
      step(`postgres: ready (${applied.length} migration(s) applied)`);
      endpoints.push({ service: 'postgres', url: redact(url), readyAfter: since(), embedded: !config.DATABASE_URL });
      return url;
    }),
    clickhouseUrl().then(async (url) => {
      const applied = await migrateWarehouse(url, config);
      step(`clickhouse: ready (${applied.length} migration(s) applied)`);
      endpoints.push({
        service: 'clickhouse',
        url: redact(url),
        note: config.CLICKHOUSE_URL
          ? undefined
          : `users ${config.CLICKHOUSE_USER}, ${config.CLICKHOUSE_READONLY_USER} (read-only)`,
        readyAfter: since(),
        embedded: !config.CLICKHOUSE_URL,
      });
      return url;
    }),
    temporal().then((t) => {
      step('temporal: ready');
      endpoints.push({
        service: 'temporal',
        url: t.address,
        readyAfter: since(),
        embedded: !config.TEMPORAL_ADDRESS,
      });
      if (t.uiUrl) endpoints.push({ service: 'temporal ui', url: t.uiUrl, readyAfter: since(), embedded: true });
      return t;
    }),
  ]);

  // Mail: the local SMTP server, in this process, keeping every message for the outbox; or the configured relay.
  const outboxDir = resolve(config.MAIL_OUTBOX_DIR ?? join(home, 'outbox'));
  let smtpUrl = config.SMTP_URL;
  if (!smtpUrl) {
    const smtp = await startMailServer({ dir: outboxDir, port: config.MAIL_SMTP_PORT });
    started.push({ name: 'mail', stop: smtp.stop });
    smtpUrl = smtp.url;
    endpoints.push({
      service: 'mail',
      url: smtp.url,
      note: `keeps every message: ${outboxDir}, GET /v1/system/outbox`,
      readyAfter: since(),
      embedded: true,
    });
    step('mail: local SMTP server ready');
  }
  return { pgUrl, chUrl, temporal: tmp, smtpUrl, outboxDir };
}
