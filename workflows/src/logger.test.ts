import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

// The logger writes to the process's stderr, so a child process logs and the test reads what it wrote.
const SCRIPT = `
import { jsonLogger } from ${JSON.stringify(new URL('./logger.ts', import.meta.url).pathname)};
const logger = jsonLogger('info');
logger.debug('not shown');
logger.warn('activity failed', { error: new Error('boom'), workflowId: 'w-1' });
`;

describe('the worker logger', () => {
  it("writes the SDK's logs as pino JSON lines with the api's fields, at the configured level", () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', SCRIPT], {
      encoding: 'utf8',
    });
    const lines = run.stderr
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 40,
      name: 'worker',
      msg: 'activity failed',
      workflowId: 'w-1',
      pid: expect.any(Number),
      hostname: expect.any(String),
      time: expect.any(Number),
      error: { type: 'Error', message: 'boom', stack: expect.stringContaining('boom') },
    });
  });
});
