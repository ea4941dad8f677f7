import {
  condition,
  continueAsNew,
  defineQuery,
  defineSignal,
  patched,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import {
  type CampaignInput,
  type CampaignResult,
  type CampaignSchedule,
  type CampaignState,
  campaignQueries,
  campaignSignals,
} from '../contracts.ts';
import type { CampaignActivities } from './activities.ts';

// Postgres steps: quick single transactions, run as local activities (in the worker that runs the workflow, without
// a round trip through the server each), and retried for as long as Postgres is away: a campaign must still end.
const steps = proxyLocalActivities<CampaignActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});
// A launch starts the workflow inside its transaction, so the campaign may still look like a draft (a launch not
// committed yet): its first read, when the launch did not hand over the schedule, is tried for about a minute.
const firstRead = proxyLocalActivities<CampaignActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '500 milliseconds', backoffCoefficient: 2, maximumAttempts: 8 },
});
// The start (seating the audience, then marking the campaign running) takes a while for a large audience; each batch
// heartbeats, so a lost worker is noticed within 20 seconds and another attempt carries on from the last batch it
// reported. A campaign still a draft after eight attempts (a launch that never committed) fails the workflow.
const activation = proxyActivities<CampaignActivities>({
  startToCloseTimeout: '2 hours',
  heartbeatTimeout: '20 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

// A small audience (LOCAL_ACTIVATION_MEMBERS or fewer, as the launch counted it) is seated in one local activity: in
// the workflow's first task, without the server scheduling, dispatching and recording an activity of its own, which
// costs it several writes per start. No heartbeats: seating a few thousand members takes well under its timeout, and
// a lost worker's retry seats again what is missing (one row per member). Tried as the regular start is: a draft (a
// launch not committed yet) fails an attempt, eight of them the workflow.
const localActivation = proxyLocalActivities<CampaignActivities>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});
/** Audiences of this many members or fewer start in a local activity; larger ones in the heartbeating one. */
export const LOCAL_ACTIVATION_MEMBERS = 10_000;
/** The patch under which new runs start small audiences locally; histories recorded before it replay without. */
export const LOCAL_ACTIVATION_PATCH = 'local-activation';

export const pauseSignal = defineSignal(campaignSignals.pause);
export const resumeSignal = defineSignal(campaignSignals.resume);
export const cancelSignal = defineSignal(campaignSignals.cancel);
/** Carries the new schedule; a signal without one (sent by earlier versions of the api) has it read from Postgres. */
export const rescheduleSignal = defineSignal<[CampaignSchedule?]>(campaignSignals.reschedule);
export const budgetShortSignal = defineSignal(campaignSignals.budgetShort);
export const stateQuery = defineQuery<CampaignState>(campaignQueries.state);

/** Events of history after which a long-running campaign continues as a new run of the same workflow. */
const HISTORY_LIMIT = 5_000;

/**
 * One campaign from launch to end (workflow id `campaign:<tenant>:<id>`): waits for its start, seats its audience
 * with their arms and marks it running (one activity), then waits for its end, a cancellation, or its budget running out (checked
 * every `budgetCheckSeconds` and whenever an accrual finds it short), and completes it. Pause and resume are
 * recorded in Postgres by the api, which is what accruals read; the workflow keeps its state in step for queries.
 */
export async function campaign(input: CampaignInput): Promise<CampaignResult> {
  const key = { tenantId: input.tenantId, campaignId: input.campaignId };
  const state: CampaignState = {
    phase: input.continued ? (input.continued.paused ? 'paused' : 'running') : 'scheduled',
    assigned: input.continued?.assigned ?? 0,
    stopReason: null,
  };
  let cancelled = false;
  let rescheduled = false;
  let newSchedule: CampaignSchedule | undefined;
  let budgetShort = false;
  setHandler(pauseSignal, () => {
    if (state.phase === 'running') state.phase = 'paused';
  });
  setHandler(resumeSignal, () => {
    if (state.phase === 'paused') state.phase = 'running';
  });
  setHandler(cancelSignal, () => {
    cancelled = true;
  });
  setHandler(rescheduleSignal, (schedule) => {
    rescheduled = true;
    newSchedule = schedule;
  });
  setHandler(budgetShortSignal, () => {
    budgetShort = true;
  });
  setHandler(stateQuery, () => state);

  async function stop(reason: 'ended' | 'budget_exhausted' | 'cancelled'): Promise<CampaignResult> {
    const done = await steps.finishCampaign({ ...key, reason });
    state.phase = done.status === 'cancelled' ? 'cancelled' : 'completed';
    state.stopReason = (done.stopReason ?? reason) as CampaignState['stopReason'];
    return {
      workflowId: workflowInfo().workflowId,
      status: state.phase,
      stopReason: state.stopReason ?? reason,
      assigned: state.assigned,
      pointsSpent: done.pointsSpent,
    };
  }

  // The schedule as the launch handed it over; read from Postgres when it did not.
  let schedule: CampaignSchedule =
    input.schedule ?? (await (input.continued ? steps : firstRead).campaignSchedule(key));

  if (!input.continued) {
    for (;;) {
      const wait = Date.parse(schedule.startsAt) - Date.now();
      if (wait > 0) await condition(() => cancelled || rescheduled, wait);
      if (cancelled) return stop('cancelled');
      if (rescheduled) {
        rescheduled = false;
        schedule = newSchedule ?? (await steps.campaignSchedule(key));
        newSchedule = undefined;
        continue;
      }
      state.phase = 'activating';
      const small = input.audienceMembers !== undefined && input.audienceMembers <= LOCAL_ACTIVATION_MEMBERS;
      const start = small && patched(LOCAL_ACTIVATION_PATCH) ? localActivation : activation;
      const activated = await start.activateCampaign(key);
      // Postgres's schedule from here on; a start it holds later than the one given (a change this workflow missed)
      // means waiting again.
      if (activated.schedule) schedule = activated.schedule;
      if (activated.status === 'scheduled' && !cancelled) {
        state.phase = 'scheduled';
        continue;
      }
      state.assigned = Object.values(activated.byVariant).reduce((sum, n) => sum + n, 0);
      if (cancelled || (activated.status !== 'running' && activated.status !== 'paused')) return stop('cancelled');
      state.phase = activated.status;
      break;
    }
  }

  const endsAt = Date.parse(schedule.endsAt);
  const checkMs = (input.budgetCheckSeconds ?? 60) * 1_000;
  for (;;) {
    const left = endsAt - Date.now();
    if (left <= 0) return stop('ended');
    await condition(() => cancelled || budgetShort, schedule.budgetPoints === null ? left : Math.min(left, checkMs));
    if (cancelled) return stop('cancelled');
    if (schedule.budgetPoints !== null && Date.now() < endsAt) {
      budgetShort = false;
      if ((await steps.checkBudget(key)).exhausted) return stop('budget_exhausted');
    }
    if (workflowInfo().historyLength > HISTORY_LIMIT || workflowInfo().continueAsNewSuggested) {
      await continueAsNew<typeof campaign>({
        ...input,
        schedule,
        continued: { phase: 'running', paused: state.phase === 'paused', assigned: state.assigned },
      });
    }
  }
}
