import { hostname } from 'node:os';
import { MockActivityEnvironment } from '@temporalio/testing';
import { describe, expect, it } from 'vitest';
import { createActivities } from './activities.ts';

describe('system-check activities', () => {
  it('reportWorker names this process, its task queue and version, and the time', async () => {
    const activities = createActivities({
      taskQueue: 'monet-system',
      version: '1.2.3',
      now: () => new Date('2026-03-01T12:00:00.000Z'),
    });
    const report = await new MockActivityEnvironment().run(activities.reportWorker);
    expect(report).toEqual({
      hostname: hostname(),
      pid: process.pid,
      taskQueue: 'monet-system',
      version: '1.2.3',
      reportedAt: '2026-03-01T12:00:00.000Z',
    });
  });
});
