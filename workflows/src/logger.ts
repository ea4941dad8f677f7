import { DefaultLogger, type LogEntry, type LogLevel } from '@temporalio/worker';
import { pino } from 'pino';
import type { WorkerConfig } from './config.ts';

type MonetLogLevel = WorkerConfig['LOG_LEVEL'];

const sdkLevels: Record<MonetLogLevel, LogLevel> = {
  fatal: 'ERROR',
  error: 'ERROR',
  warn: 'WARN',
  info: 'INFO',
  debug: 'DEBUG',
  trace: 'TRACE',
  silent: 'ERROR',
};

/**
 * The SDK's logs through pino, as the api logs (one JSON object per line with pino's fields: level, time, pid,
 * hostname, msg), on stderr, named `worker`; an error in a log's metadata keeps its name, message and stack.
 */
export function jsonLogger(level: MonetLogLevel): DefaultLogger {
  if (level === 'silent') return new DefaultLogger('ERROR', () => {});
  const log = pino(
    { name: 'worker', level, serializers: { error: pino.stdSerializers.err } },
    pino.destination({ dest: 2, sync: true }),
  );
  return new DefaultLogger(sdkLevels[level], (entry: LogEntry) => {
    const method = entry.level.toLowerCase() as 'trace' | 'debug' | 'info' | 'warn' | 'error';
    log[method]({ ...entry.meta }, entry.message);
  });
}
