// The workflow bundle's entry: every workflow type the worker registers, exported under its contract name.
export { campaign } from './campaigns/workflow.ts';
export { churnScoring } from './churn-scoring/workflow.ts';
export { dbtBuild } from './dbt-build/workflow.ts';
export { housekeeping } from './housekeeping/workflow.ts';
export { memberErasure } from './member-erasure/workflow.ts';
export { reportSend } from './reports/workflow.ts';
export { systemCheck } from './system-check/workflow.ts';
