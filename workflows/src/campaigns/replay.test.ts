import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Runtime, Worker } from '@temporalio/worker';
import { beforeAll, describe, expect, it } from 'vitest';
import { jsonLogger } from '../logger.ts';
import { loadWorkflowBundle } from '../workflow-bundle.ts';

/**
 * Histories of real campaigns, recorded by workflow.test.ts (`CAMPAIGN_HISTORIES=record npx vitest run
 * workflows/src/campaigns/workflow.test.ts`) and committed: every lifecycle path. Replaying them against today's
 * workflow code fails on any change that would break campaigns already running (a non-deterministic change):
 * such a change needs a patch (`patched()`) or a new workflow type, not an edit. A recorded history is never
 * recorded over: the five lifecycle paths were recorded before the `local-activation` patch (the start a regular,
 * heartbeating activity, as a large audience's still is), ended-local-activation.json after it.
 */
const HISTORIES = new URL('./histories/', import.meta.url);

/**
 * The History message of the worker's own protobuf package. The recorded files are the client's JSON of that
 * message (fetchHistory, then JSON.stringify), which its fromObject reads back exactly; the SDK's own reader of
 * Temporal's JSON format (historyFromJSON) fails on this version ("type must be a Type").
 */
const fromWorker = createRequire(createRequire(import.meta.url).resolve('@temporalio/worker'));
const { temporal } = fromWorker('@temporalio/proto') as typeof import('@temporalio/proto');
const readHistory = (file: string) =>
  temporal.api.history.v1.History.fromObject(JSON.parse(readFileSync(new URL(file, HISTORIES), 'utf8')));
const names = readdirSync(HISTORIES)
  .filter((f) => f.endsWith('.json'))
  .sort();

describe('campaign workflow histories', () => {
  let workflowBundle: Awaited<ReturnType<typeof loadWorkflowBundle>>;

  beforeAll(async () => {
    Runtime.install({ logger: jsonLogger('error') });
    workflowBundle = await loadWorkflowBundle(() => {});
  });

  it('covers every path: ended (before and after the local start), rescheduled, paused and resumed then cancelled, cancelled before start, budget', () => {
    expect(names).toEqual([
      'budget-exhausted.json',
      'cancelled-before-start.json',
      'ended-local-activation.json',
      'ended.json',
      'paused-resumed-cancelled.json',
      'rescheduled.json',
    ]);
  });

  it('replays every recorded history with the current workflow code', async () => {
    const histories = names.map((name) => ({
      workflowId: `campaign:replay:${name}`,
      history: readHistory(name),
    }));
    const failures: string[] = [];
    for await (const result of Worker.runReplayHistories({ workflowBundle }, histories)) {
      if (result.error) failures.push(`${result.workflowId}: ${result.error.message}`);
    }
    expect(failures).toEqual([]);
  });
});
