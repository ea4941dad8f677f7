import { join, resolve } from 'node:path';
import { apiVars, ConfigError, readEnv } from '@loyaltystudio/config';
import { createPrismaClient } from '@loyaltystudio/prisma';
import { createClickHouseClient } from '@loyaltystudio/warehouse';
import { buildApp } from './app.ts';
import { createAccessTokens } from './auth/access-token.ts';
import { createTemporalProvider } from './infra/temporal.ts';
import { analyticsSettings } from './modules/analytics/analytics.settings.ts';
import { exportSettings } from './modules/exports/exports.settings.ts';
import { importSettings } from './modules/imports/imports.settings.ts';
import { reportSettings } from './modules/reports/reports.settings.ts';
import { createSystemService } from './modules/system/system.service.ts';
import { createWebhookDispatcher } from './modules/webhooks/dispatcher.ts';
import { webhookSettings } from './modules/webhooks/webhooks.settings.ts';
import { VERSION } from './version.ts';

function redact(url: string): string {
  const u = new URL(url);
  u.username = '';
  u.password = '';
  return u.toString().replace(/\/$/, '');
}

async function main() {
  const config = readEnv(apiVars);
  const prisma = createPrismaClient(config.DATABASE_URL);
  const clickhouse = createClickHouseClient({
    url: config.CLICKHOUSE_URL,
    username: config.CLICKHOUSE_USER,
    password: config.CLICKHOUSE_PASSWORD,
    requestTimeoutMs: 30_000,
  });
  const temporal = createTemporalProvider(config.TEMPORAL_ADDRESS, config.TEMPORAL_NAMESPACE);
  const system = createSystemService({
    version: VERSION,
    prisma,
    clickhouse,
    temporal: temporal.get,
    urls: {
      postgres: redact(config.DATABASE_URL),
      clickhouse: redact(config.CLICKHOUSE_URL),
      temporal: config.TEMPORAL_ADDRESS,
    },
  });
  const webhooks = webhookSettings(config);
  const app = await buildApp({
    version: VERSION,
    prisma,
    clickhouse,
    system,
    accessTokens: createAccessTokens(config.AUTH_TOKEN_SECRET, config.ACCESS_TOKEN_TTL),
    refreshTokenTtlSeconds: config.REFRESH_TOKEN_TTL,
    bodyLimit: config.API_BODY_LIMIT,
    trustProxy: config.TRUST_PROXY,
    logger: { level: config.LOG_LEVEL },
    webhooks,
    analytics: analyticsSettings(config),
    exports: exportSettings(config),
    imports: { ...importSettings(config), databaseUrl: config.DATABASE_URL, allowLoopback: webhooks.allowLoopback },
    reports: reportSettings(config),
    models: {
      modelsDir: resolve(config.ML_MODELS_DIR ?? join(config.MONET_HOME, 'models')),
      clvHorizonDays: config.CLV_HORIZON_DAYS,
    },
    temporal: temporal.get,
  });
  const dispatcher = createWebhookDispatcher(prisma, webhooks, app.log.child({ component: 'webhooks' }));

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    await Promise.allSettled([app.close(), dispatcher.stop()]);
    await Promise.allSettled([prisma.$disconnect(), clickhouse.close(), temporal.close()]);
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));

  try {
    await app.listen({ host: config.API_HOST, port: config.API_PORT });
    dispatcher.start();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      console.error(`Port ${config.API_PORT} is taken: set API_PORT to move the api.`);
      process.exit(1);
    }
    throw err;
  }
}

main().catch((err) => {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
