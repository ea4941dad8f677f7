import { DefaultLogger, type LogEntry, type LogLevel } from '@temporalio/worker';
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

/** The SDK's logs as one JSON object per line on stderr, shaped like the api's pino logs. */
export function jsonLogger(level: MonetLogLevel): DefaultLogger {
  if (level === 'silent') return new DefaultLogger('ERROR', () => {});
  return new DefaultLogger(sdkLevels[level], (entry: LogEntry) => {
    const line = {
      level: entry.level.toLowerCase(),
      time: new Date(Number(entry.timestampNanos / 1_000_000n)).toISOString(),
      msg: entry.message,
      ...entry.meta,
    };
    process.stderr.write(`${JSON.stringify(line, errorsAsObjects)}\n`);
  });
}

function errorsAsObjects(_key: string, value: unknown): unknown {
  return value instanceof Error ? { name: value.name, message: value.message, stack: value.stack } : value;
}
