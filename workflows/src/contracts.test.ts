import { describe, expect, expectTypeOf, it } from 'vitest';
import { type SystemCheckWorkflow, workflowIds, workflowTypes } from './contracts.ts';
import * as workflows from './workflows.ts';

describe('workflow contracts', () => {
  it('names exactly the workflow types the bundle entry exports', () => {
    expect(Object.keys(workflows).sort()).toEqual(Object.values(workflowTypes).sort());
    expectTypeOf(workflows.systemCheck).toEqualTypeOf<SystemCheckWorkflow>();
  });

  it('builds workflow ids from business keys', () => {
    expect(workflowIds.systemCheck('req-7')).toBe('system-check:req-7');
  });
});
