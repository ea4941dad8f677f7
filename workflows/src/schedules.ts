import { type Client, ScheduleAlreadyRunning, type ScheduleOptions } from '@temporalio/client';

/**
 * Creates a schedule, or, when it exists, updates its spec, action and policies to the given ones (so a changed
 * setting takes effect on the next start) while keeping its state: a schedule an operator paused stays paused.
 * True when the schedule was created, false when an existing one was updated.
 */
export async function createOrUpdateSchedule(
  client: Client,
  { scheduleId, spec, action, policies }: ScheduleOptions,
): Promise<boolean> {
  try {
    await client.schedule.create({ scheduleId, spec, action, policies });
    return true;
  } catch (err) {
    if (!(err instanceof ScheduleAlreadyRunning)) throw err;
  }
  await client.schedule.getHandle(scheduleId).update((current) => ({ ...current, spec, action, policies }));
  return false;
}
