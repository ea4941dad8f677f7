import { type Logger, pino } from 'pino';

export type { Logger };

import type { LogLevel } from './env.ts';

/**
 * A Monet process's log, with the api's fields: one JSON object per line (level, time, pid, hostname, name, msg) on
 * stderr. Written synchronously, so the line a process writes just before it exits is never lost; an error under
 * `err` or `error` keeps its type, message and stack.
 */
export function processLogger(name: string, level: LogLevel = 'info'): Logger {
  return pino(
    { name, level, serializers: { err: pino.stdSerializers.err, error: pino.stdSerializers.err } },
    pino.destination({ dest: 2, sync: true }),
  );
}
