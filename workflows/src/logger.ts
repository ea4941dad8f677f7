import { type LogLevel as MonetLogLevel, processLogger } from '@loyaltystudio/config';
import { DefaultLogger, type LogEntry, type LogLevel } from '@temporalio/worker';

const sdkLevels: Record<MonetLogLevel, LogLevel> = {
  fatal: 'ERROR',
  error: 'ERROR',
  warn: 'WARN',
  info: 'INFO',
  debug: 'DEBUG',
  trace: 'TRACE',
  silent: 'ERROR',
};

/** The Temporal SDK's logs through the process logger every Monet process uses, named `worker`. */
export function jsonLogger(level: MonetLogLevel): DefaultLogger {
  if (level === 'silent') return new DefaultLogger('ERROR', () => {});
  const log = processLogger('worker', level);
  return new DefaultLogger(sdkLevels[level], (entry: LogEntry) => {
    const method = entry.level.toLowerCase() as 'trace' | 'debug' | 'info' | 'warn' | 'error';
    log[method]({ ...entry.meta }, entry.message);
  });
}
