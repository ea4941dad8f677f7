import {
  type DbtBuildWorkflow,
  type HousekeepingWorkflow,
  type MemberErasureWorkflow,
  type SystemCheckWorkflow,
  scheduleIds,
  workflowIds,
  workflowTypes,
} from '@loyaltystudio/workflow-contracts';
import { describe, expect, expectTypeOf, it } from 'vitest';
import * as workflows from './workflows.ts';

describe('workflow contracts', () => {
  it('names exactly the workflow types the bundle entry exports', () => {
    expect(Object.keys(workflows).sort()).toEqual(Object.values(workflowTypes).sort());
    expectTypeOf(workflows.systemCheck).toEqualTypeOf<SystemCheckWorkflow>();
    expectTypeOf(workflows.housekeeping).toEqualTypeOf<HousekeepingWorkflow>();
    expectTypeOf(workflows.dbtBuild).toEqualTypeOf<DbtBuildWorkflow>();
    expectTypeOf(workflows.memberErasure).toEqualTypeOf<MemberErasureWorkflow>();
  });

  it('builds workflow ids from business keys', () => {
    expect(workflowIds.systemCheck('req-7')).toBe('system-check:req-7');
    expect(scheduleIds.housekeeping('redemption-holds')).toBe('housekeeping:redemption-holds');
    // The form a schedule gives its runs: the action's id, a dash, the scheduled time in RFC 3339 seconds.
    expect(workflowIds.housekeeping('points-expiry', new Date('2026-03-01T12:15:00.000Z'))).toBe(
      'housekeeping:points-expiry-2026-03-01T12:15:00Z',
    );
    expect(scheduleIds.dbtBuild).toBe('dbt-build');
    expect(workflowIds.dbtBuild(new Date('2026-03-01T12:15:00.000Z'))).toBe('dbt-build-2026-03-01T12:15:00Z');
    expect(workflowIds.memberErasure('t-1', 'm-2')).toBe('member-erasure:t-1:m-2');
  });
});
